/**
 * The team store against a real PostgreSQL (test/support/postgres-server.ts): migrations, push and
 * pull, claims between two PCs, and the pull cursor under a late commit.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { makeLedgerEvent } from '../../src/main/services/refunds/ledger-events'
import { LATEST_VERSION, migrate, MIGRATIONS, TEAM_SCHEMA, TeamSchemaTooNewError } from '../../src/main/services/team/migrations'
import { foldLedger } from '../../src/main/services/refunds/ledger-model'
import { makeReviewTickEvent, teamEventFromLedger, type TeamEvent } from '../../src/main/services/team/team-events'
import { mergeLedgerEvents } from '../../src/main/services/team/team-merge'
import { openTeamOutbox } from '../../src/main/services/team/team-outbox'
import { openTeamStore, pushBatch, type TeamStore } from '../../src/main/services/team/team-store'
import { teamTestDatabase } from '../support/postgres-server'

let url: string
const stores: TeamStore[] = []
const clients: pg.Client[] = []

function store(team = 'shop', machine = 'office-pc'): TeamStore {
  const s = openTeamStore({ connection: url, team, machine })
  stores.push(s)
  return s
}

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  clients.push(c)
  return c
}

let ordinal = 0
function requested(requestId: string, payId: string, at: string, osUser = 'anna'): TeamEvent {
  const ev = makeLedgerEvent('requested', requestId, new Date(at), {
    env: 'demo',
    payId,
    amount: 1250,
    isFullRefund: false,
    reason: 'requested_by_customer',
    note: 'broken on arrival',
    recipientNote: 'order 77',
    osUser
  })
  return teamEventFromLedger(ev, { account: 'acct-1', machine: 'office-pc' }, ordinal++)
}

async function pullAll(s: TeamStore, from = '0', page = 1000): Promise<{ events: TeamEvent[]; cursor: string; pages: number }> {
  const events: TeamEvent[] = []
  let cursor = from
  let pages = 0
  for (;;) {
    const { events: batch, next } = await s.pull(cursor, page)
    pages++
    events.push(...batch)
    if (next === cursor) return { events, cursor, pages }
    cursor = next
  }
}

// The first team test file of a run starts the shared cluster (initdb): slow on a busy machine.
beforeAll(async () => {
  url = await teamTestDatabase(inject('secpaidPostgresRunDir'))
}, 120_000)

afterAll(async () => {
  for (const s of stores) await s.close()
  for (const c of clients) await c.end()
})

describe('migrations', () => {
  it('create the schema on an empty database, and a second run (another PC) changes nothing', async () => {
    const a = store()
    const first = await a.migrate()
    expect(first).toEqual({ from: 0, to: LATEST_VERSION, applied: MIGRATIONS.map((m) => m.version) })
    const second = await store('shop', 'laptop').migrate()
    expect(second).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION, applied: [] })
    const c = await client()
    const { rows } = await c.query(`SELECT version FROM ${TEAM_SCHEMA}.schema_migrations ORDER BY version`)
    expect(rows.map((r: { version: number }) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
  })

  it('run concurrently from several PCs without failing or applying twice', async () => {
    const db = await teamTestDatabase(inject('secpaidPostgresRunDir'))
    const pcs = [1, 2, 3, 4].map((i) => openTeamStore({ connection: db, team: 'shop', machine: `pc-${i}` }))
    try {
      const results = await Promise.all(pcs.map((p) => p.migrate()))
      expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1)
    } finally {
      for (const p of pcs) await p.close()
    }
  })

  it('refuse a database migrated by a newer app version, and leave it untouched', async () => {
    const db = await teamTestDatabase(inject('secpaidPostgresRunDir'))
    const c = new pg.Client({ connectionString: db })
    await c.connect()
    try {
      const future = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'from the future', sql: `CREATE TABLE ${TEAM_SCHEMA}.future (x int)` }]
      await migrate(c, future)
      const err = await migrate(c).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(TeamSchemaTooNewError)
      expect((err as Error).message).toContain(`schema version ${LATEST_VERSION + 1}`)
      expect((err as Error).message).toContain('update this PC')
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM ${TEAM_SCHEMA}.schema_migrations`)
      expect(rows[0].n).toBe(future.length)
    } finally {
      await c.end()
    }
  })
})

describe('push and pull', () => {
  it('push is idempotent by event id, and pull returns each event once, in order, with who and where', async () => {
    const a = store('push-pull')
    await a.migrate()
    const events = Array.from({ length: 1203 }, (_, i) => requested(`req-${i}`, String(1000 + i), new Date(Date.UTC(2026, 10, 1, 8, 0, 0, i)).toISOString()))
    const first = await a.push(events)
    expect(first.inserted).toBe(1203)
    expect(first.roundTrips).toBe(3) // 500 + 500 + 203
    // The same events again (a replay after a crash), mixed with one new one.
    const extra = requested('req-new', '99', '2026-11-02T10:00:00.000Z', 'ben')
    const again = await a.push([...events.slice(0, 700), extra, ...events.slice(700)])
    expect(again.inserted).toBe(1)

    const { events: pulled, pages } = await pullAll(store('push-pull', 'laptop'), '0', 500)
    expect(pulled).toHaveLength(1204)
    expect(new Set(pulled.map((e) => e.eventId)).size).toBe(1204)
    expect(pages).toBe(4) // 500 + 500 + 204, then an empty page that confirms the end
    const last = pulled.at(-1) as TeamEvent
    expect(last).toMatchObject({ eventId: extra.eventId, requestId: 'req-new', osUser: 'ben', machine: 'office-pc', account: 'acct-1', stream: 'ledger' })
    // What comes back is exactly what went in (the merge recomputes nothing).
    const { seq: _seq, ...roundTripped } = pulled[0] as TeamEvent & { seq: string }
    expect(roundTripped).toEqual(events[0])
  })

  it('pull from a cursor returns only what came after it; teams do not see each other', async () => {
    const a = store('team-a')
    const b = store('team-b')
    await a.migrate()
    await a.push([requested('a1', '1', '2026-11-01T08:00:00.000Z')])
    const { cursor } = await pullAll(a)
    await b.push([requested('b1', '2', '2026-11-01T08:00:00.000Z')])
    await a.push([requested('a2', '3', '2026-11-01T09:00:00.000Z')])
    const after = await pullAll(a, cursor)
    expect(after.events.map((e) => e.requestId)).toEqual(['a2'])
    expect((await pullAll(b)).events.map((e) => e.requestId)).toEqual(['b1'])
  })

  it('review ticks travel with who set them', async () => {
    const a = store('ticks')
    await a.migrate()
    const tick = makeReviewTickEvent({ env: 'demo', month: '2026-10', keys: ['row-1', 'row-2'], reviewed: true }, { account: 'acct-1', machine: 'back-office', osUser: 'bea' }, new Date('2026-11-03T09:00:00Z'))
    await a.push([tick])
    const { events } = await pullAll(store('ticks', 'shop-pc'))
    expect(events).toEqual([expect.objectContaining({ stream: 'review', type: 'review_tick', osUser: 'bea', machine: 'back-office', data: tick.data })])
  })

  it('a push that commits late is not skipped by a cursor that moved on meanwhile', async () => {
    // PC A's batch is inside its transaction (seq drawn, not committed) while PC B pushes and a
    // third PC pulls. With a plain sequence, B would commit a higher seq first, the puller's
    // cursor would pass A's seq, and A's event would never be pulled.
    const pcA = await client()
    const b = store('late-commit', 'pc-b')
    const reader = store('late-commit', 'pc-c')
    await b.migrate()
    await pcA.query('BEGIN')
    await pushBatch(pcA, 'late-commit', [requested('from-a', '10', '2026-11-01T08:00:00.000Z')])
    const bPush = b.push([requested('from-b', '11', '2026-11-01T08:00:01.000Z')])
    await new Promise((r) => setTimeout(r, 300)) // give B the chance to overtake (it must not)
    const mid = await pullAll(reader)
    await pcA.query('COMMIT')
    await bPush
    const rest = await pullAll(reader, mid.cursor)
    const seen = [...mid.events, ...rest.events].map((e) => e.requestId)
    expect(seen.sort()).toEqual(['from-a', 'from-b'])
  })

  it('shares a note with characters jsonb cannot hold; the local event and its pulled copy stay one', async () => {
    const a = store('hostile')
    await a.migrate()
    const ev = makeLedgerEvent('requested', 'hostile-1', new Date('2026-11-01T08:00:00.000Z'), {
      env: 'demo',
      payId: '31',
      amount: 100,
      isFullRefund: true,
      reason: 'requested_by_customer',
      note: 'nul\u0000 and a lone \uD800 surrogate',
      recipientNote: null,
      osUser: 'anna'
    })
    const origin = { account: 'acct-1', machine: 'office-pc' }
    await a.push([teamEventFromLedger(ev, origin, 0)])
    const { events } = await pullAll(store('hostile', 'laptop'))
    expect(events.map((e) => e.data['note'])).toEqual(['nul\uFFFD and a lone \uFFFD surrogate'])
    const merged = mergeLedgerEvents([ev], events, origin)
    expect(merged).toHaveLength(1)
    expect(foldLedger(merged)[0]?.note).toBe('nul\uFFFD and a lone \uFFFD surrogate')
  })

  it('rejects an event that is not a valid envelope before anything is sent', async () => {
    const a = store('invalid')
    await a.migrate()
    const bad = { ...requested('x', '1', '2026-11-01T08:00:00.000Z'), eventId: 'not-a-uuid' }
    await expect(a.push([bad])).rejects.toThrow()
    expect((await pullAll(a)).events).toEqual([])
  })
})

describe('claims', () => {
  it('two PCs race for one payment: exactly one wins, the other learns who holds it; after release the next claim succeeds', async () => {
    const shop = store('claims', 'shop-pc')
    const office = store('claims', 'office-pc')
    await shop.migrate()
    for (let round = 0; round < 20; round++) {
      const payId = String(5000 + round)
      const [r1, r2] = await Promise.all([
        shop.claim({ account: 'acct-1', payId, requestId: `shop-${round}`, osUser: 'anna' }),
        office.claim({ account: 'acct-1', payId, requestId: `office-${round}`, osUser: 'bea' })
      ])
      const winners = [r1, r2].filter((r) => r.ok)
      expect(winners).toHaveLength(1)
      const loser = r1.ok ? r2 : r1
      const winnerIsShop = r1.ok
      expect(loser).toEqual({
        ok: false,
        heldBy: {
          requestId: winnerIsShop ? `shop-${round}` : `office-${round}`,
          osUser: winnerIsShop ? 'anna' : 'bea',
          machine: winnerIsShop ? 'shop-pc' : 'office-pc',
          since: expect.any(String)
        }
      })
    }
    // Same request claiming again (a retry after a lost reply) is not a conflict.
    const first = await shop.claim({ account: 'acct-1', payId: '77', requestId: 'r-77', osUser: 'anna' })
    expect(first.ok).toBe(true)
    expect(await shop.claim({ account: 'acct-1', payId: '77', requestId: 'r-77', osUser: 'anna' })).toMatchObject({ ok: true })
    // Only the holder's request releases it; then the other PC may claim.
    expect(await office.release({ account: 'acct-1', payId: '77', requestId: 'r-other', osUser: 'bea' })).toBe(false)
    expect((await office.claim({ account: 'acct-1', payId: '77', requestId: 'r-78', osUser: 'bea' })).ok).toBe(false)
    expect(await shop.release({ account: 'acct-1', payId: '77', requestId: 'r-77', osUser: 'anna' })).toBe(true)
    expect((await office.claim({ account: 'acct-1', payId: '77', requestId: 'r-78', osUser: 'bea' })).ok).toBe(true)
    // Another account's payment with the same pay_id is a different payment.
    expect((await shop.claim({ account: 'acct-2', payId: '77', requestId: 'r-79', osUser: 'anna' })).ok).toBe(true)
  })

  it("two PCs with their own outboxes race to refund one payment: the winner's request, with its origin, reaches the loser", async () => {
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-team-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-team-b-'))]
    try {
      const pcs = [
        { machine: 'shop-pc', osUser: 'anna', store: store('race', 'shop-pc') },
        { machine: 'office-pc', osUser: 'bea', store: store('race', 'office-pc') }
      ].map((p, i) => ({ ...p, outbox: openTeamOutbox({ dir: dirs[i] as string, pusher: p.store }) }))
      await pcs[0]?.store.migrate()
      const results = await Promise.all(pcs.map((p) => p.store.claim({ account: 'acct-1', payId: '4242', requestId: `req-${p.machine}`, osUser: p.osUser })))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      const winner = pcs[results.findIndex((r) => r.ok)] as (typeof pcs)[number]
      const loser = pcs[results.findIndex((r) => !r.ok)] as (typeof pcs)[number]
      expect(results.find((r) => !r.ok)).toMatchObject({ heldBy: { requestId: `req-${winner.machine}`, osUser: winner.osUser, machine: winner.machine } })
      // The winner journals and shares its request; the loser sees who asked for what, from where.
      const ev = makeLedgerEvent('requested', `req-${winner.machine}`, new Date('2026-11-04T10:00:00Z'), {
        env: 'demo',
        payId: '4242',
        amount: 500,
        isFullRefund: false,
        reason: 'requested_by_customer',
        note: 'wrong size',
        recipientNote: null,
        osUser: winner.osUser
      })
      winner.outbox.enqueue([teamEventFromLedger(ev, { account: 'acct-1', machine: winner.machine }, 0)])
      expect(await winner.outbox.flush()).toMatchObject({ delivered: 1, error: null })
      const { events: seen } = await pullAll(loser.store)
      expect(seen).toEqual([expect.objectContaining({ requestId: `req-${winner.machine}`, osUser: winner.osUser, machine: winner.machine, data: expect.objectContaining({ note: 'wrong size', payId: '4242' }) })])
    } finally {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
    }
  })

  it('ping answers with the server version (the "test connection" step)', async () => {
    expect(await store('ping', os.hostname()).ping()).toMatch(/^\d+/)
  })
})
