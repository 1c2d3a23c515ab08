/**
 * Two PCs of one shop sharing a ledger and a month-end review through a real PostgreSQL (a
 * throw-away cluster, test/support/postgres-server.ts) and the SecPaid simulator over loopback:
 * two app cores on two data directories, each with its own keychain service (two computers),
 * named "PC-A" (the shop owner) and "PC-B" (the bookkeeper). Nothing of Electron is involved; the
 * cores are what the window's IPC calls.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runUseCase } from '../../src/main/app/app-api'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { describeFailure } from '../../src/main/app/app-errors'
import { createKeytarSecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { TEAM_SCHEMA } from '../../src/main/services/team/migrations'
import { openTeamStore } from '../../src/main/services/team/team-store'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import type { TeamStatus } from '../../src/shared/team'
import { startPostgresServer, teamTestDatabase, type PostgresServer } from '../support/postgres-server'
import { busiestMonth } from '../support/busiest-month'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

let sim: RunningSimulator
let databaseUrl: string
const dirs: string[] = []
const run = `${process.pid}-${Date.now()}`

beforeAll(async () => {
  databaseUrl = await teamTestDatabase(inject('secpaidPostgresRunDir'))
  sim = await startSimulator({ seed: 41, rows: 400, rateLimitPerMinute: null })
}, 200_000)
afterAll(async () => {
  await sim.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

interface Pc {
  core: AppCore
  statuses: TeamStatus[]
  close(): Promise<void>
}

async function openPc(machine: string, osUser: string, dataDir?: string): Promise<Pc> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), `team-${machine}-`))
  if (dataDir === undefined) dirs.push(dir)
  const statuses: TeamStatus[] = []
  const core = await createAppCore({
    loaders: staticModuleLoaders,
    dataDir: dir,
    engine: createConfEngine(),
    // Two computers: two keychains.
    keychain: createKeytarSecretStore({ service: `SecPaid Desk test team ${machine} ${run}` }),
    access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: sim.baseUrl, startDemo: () => startDemoBackend({ rows: 10 }), loopbackRateLimitPerMinute: null }),
    osUser,
    machine,
    forceEnvironment: 'custom',
    // Cycles run when the test asks (syncTeamNow) or after a change; no timer in between.
    teamPollMs: null,
    emit: (event, payload) => {
      if (event === 'teamStatus') statuses.push(payload as TeamStatus)
    }
  })
  return { core, statuses, close: () => core.close() }
}

async function joinTeam(pc: Pc, url: string, teamName: string): Promise<void> {
  if (!(await runUseCase(pc.core.api, 'getCredentialStatus', {})).hasKey) await runUseCase(pc.core.api, 'saveApiKey', { key: sim.apiKey, sessionOnly: false })
  await runUseCase(pc.core.api, 'runSync', { full: false })
  await runUseCase(pc.core.api, 'saveTeamSettings', { connectionString: url, teamName })
}

/** The IpcError the window would get for a failed call. */
async function refusal(p: Promise<unknown>): Promise<{ code?: string; params?: Record<string, string> }> {
  try {
    await p
  } catch (error) {
    return describeFailure(error).ipc
  }
  throw new Error('expected a refusal')
}

function refundCalls(payId: string): number {
  return sim.admin.requestLog({ path: 'refundPayment', payId }).length
}

/** The index-th payment with at least 20.00 left to refund (amounts below are parts of that). */
const refundable = (index: number): string => {
  const p = sim.admin
    .payments({ kind: 'refundable', limit: 10_000 })
    .filter((x) => Number(x.remaining) >= 20)[index]
  if (!p) throw new Error('the simulator has too few refundable payments')
  return p.payId
}

describe('team mode: two PCs share one ledger and one review', () => {
  it('shows PC A’s request, reason and approval on PC B, and PC B cannot refund the payment again', async () => {
    const a = await openPc('PC-A', 'owner')
    const b = await openPc('PC-B', 'bookkeeper')
    try {
      await joinTeam(a, databaseUrl, 'Shop one')
      await joinTeam(b, databaseUrl, 'Shop one')
      const payId = refundable(0)
      const sent = await runUseCase(a.core.api, 'submitRefund', { payId, amount: 500, isFullRefund: false, reason: 'duplicate', note: 'Kunde hat doppelt bezahlt' })
      expect(sent.state).toBe('submitted')

      await runUseCase(a.core.api, 'syncTeamNow', {}) // A pushes right after the outcome; wait for it here
      const status = await runUseCase(b.core.api, 'syncTeamNow', {})
      expect(status).toMatchObject({ configured: true, teamName: 'Shop one', link: 'online', pending: 0, machine: 'PC-B' })
      const onB = (await runUseCase(b.core.api, 'listRefundRequests', {})).find((r) => r.id === sent.id)
      expect(onB).toMatchObject({ payId, amount: 500, reason: 'duplicate', note: 'Kunde hat doppelt bezahlt', state: 'submitted', origin: { osUser: 'owner', machine: 'PC-A', thisPc: false } })
      const onA = (await runUseCase(a.core.api, 'listRefundRequests', {})).find((r) => r.id === sent.id)
      expect(onA?.origin).toEqual({ osUser: 'owner', machine: 'PC-A', thisPc: true })

      // SecPaid approves at once. From now on SecPaid itself would accept a second refund of this
      // payment (it only refuses a second PENDING one): the team's claim is the only guard left.
      sim.admin.approveRefund(payId)
      // B's checks see A's open request: nothing can be sent, and nothing is.
      const eligibility = await runUseCase(b.core.api, 'getRefundEligibility', { payId })
      expect(eligibility.reasons).toContain('open_request')
      const second = await refusal(runUseCase(b.core.api, 'submitRefund', { payId, amount: 300, isFullRefund: false, reason: 'other', note: 'zweiter Versuch' }))
      // The claim is still A's (its request is open): B is told who holds it.
      expect(second.code).toBe('team_claim_held')
      expect(second.params).toMatchObject({ osUser: 'owner', machine: 'PC-A', requestId: sent.id })
      expect(refundCalls(payId)).toBe(1)

      // A's sync finds the refund entry; B sees the request refunded.
      await runUseCase(a.core.api, 'runSync', { full: false })
      expect((await runUseCase(a.core.api, 'listRefundRequests', {})).find((r) => r.id === sent.id)?.state).toBe('refunded')
      await runUseCase(a.core.api, 'syncTeamNow', {})
      await runUseCase(b.core.api, 'syncTeamNow', {})
      expect((await runUseCase(b.core.api, 'listRefundRequests', {})).find((r) => r.id === sent.id)?.state).toBe('refunded')

      // Settled: the claim was released, so B may now refund part of what remains.
      const later = await runUseCase(b.core.api, 'submitRefund', { payId, amount: 100, isFullRefund: false, reason: 'other', note: 'Rest' })
      expect(later.state).toBe('submitted')
      expect(later.origin).toMatchObject({ machine: 'PC-B', thisPc: true })
      expect(refundCalls(payId)).toBe(2)
      // A's sync digest counts what B did since A's last sync.
      await runUseCase(b.core.api, 'syncTeamNow', {})
      const aSync = await runUseCase(a.core.api, 'runSync', { full: false })
      expect(aSync.lastDigest?.teammates?.refundEvents).toBe(2) // B's requested + submitted
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('lets exactly one of two concurrent refunds of one payment reach SecPaid', async () => {
    const a = await openPc('PC-A', 'owner')
    const b = await openPc('PC-B', 'bookkeeper')
    try {
      await joinTeam(a, databaseUrl, 'Shop race')
      await joinTeam(b, databaseUrl, 'Shop race')
      for (let i = 1; i <= 4; i++) {
        const payId = refundable(i)
        const results = await Promise.allSettled([
          runUseCase(a.core.api, 'submitRefund', { payId, amount: 200, isFullRefund: false, reason: 'duplicate', note: null }),
          runUseCase(b.core.api, 'submitRefund', { payId, amount: 200, isFullRefund: false, reason: 'duplicate', note: null })
        ])
        expect(results.filter((r) => r.status === 'fulfilled'), JSON.stringify(results.map((r) => (r.status === 'rejected' ? describeFailure(r.reason).ipc : r.value.state)))).toHaveLength(1)
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
        expect(['team_claim_held', 'open_request']).toContain(describeFailure(lost.reason).ipc.code)
        expect(refundCalls(payId)).toBe(1)
      }
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('lets only the PC that sent a request of unknown outcome send it again', async () => {
    const a = await openPc('PC-A', 'owner')
    const b = await openPc('PC-B', 'bookkeeper')
    try {
      await joinTeam(a, databaseUrl, 'Shop unknown')
      await joinTeam(b, databaseUrl, 'Shop unknown')
      const payId = refundable(6)
      // SecPaid takes the request, then the connection drops before the reply: outcome unknown.
      sim.admin.setFaults({ dropAfterRefundCommit: 1, faultEndpoint: 'refundPayment' })
      const sent = await runUseCase(a.core.api, 'submitRefund', { payId, amount: 300, isFullRefund: false, reason: 'other', note: 'Verbindung weg' })
      sim.admin.setFaults({ dropAfterRefundCommit: 0, faultEndpoint: null })
      expect(sent.state).toBe('outcome_unknown')
      await runUseCase(a.core.api, 'syncTeamNow', {})
      await runUseCase(b.core.api, 'syncTeamNow', {})
      expect((await runUseCase(b.core.api, 'listRefundRequests', {})).find((r) => r.id === sent.id)?.state).toBe('outcome_unknown')

      const onB = await refusal(runUseCase(b.core.api, 'checkRefundRequest', { requestId: sent.id }))
      expect(onB.code).toBe('other_pc')
      expect(refundCalls(payId)).toBe(1) // B sent nothing
      // B may still record what SecPaid told the shop (a denial mark is shared like any event).
      const denied = await runUseCase(b.core.api, 'markRefundDenied', { requestId: sent.id, reason: 'SecPaid: nicht erstattungsfähig' })
      expect(denied.state).toBe('denied')
      await runUseCase(b.core.api, 'syncTeamNow', {})
      await runUseCase(a.core.api, 'syncTeamNow', {})
      expect((await runUseCase(a.core.api, 'listRefundRequests', {})).find((r) => r.id === sent.id)).toMatchObject({ state: 'denied', deniedReason: 'SecPaid: nicht erstattungsfähig' })
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('releases only its own claim that never reached a ledger, once the database says it is old', async () => {
    const a = await openPc('PC-A', 'owner')
    const b = await openPc('PC-B', 'bookkeeper')
    // Claims left by a PC that died between the claim and the journal (taken here directly).
    const raw = openTeamStore({ connection: databaseUrl, team: 'Shop orphan', machine: 'PC-A' })
    const rawB = openTeamStore({ connection: databaseUrl, team: 'Shop orphan', machine: 'PC-B' })
    try {
      await joinTeam(a, databaseUrl, 'Shop orphan')
      await joinTeam(b, databaseUrl, 'Shop orphan')
      const [mine, fresh, theirs] = [refundable(11), refundable(12), refundable(13)]
      expect((await raw.claim({ account: 'custom', payId: mine, requestId: 'died-before-journal', osUser: 'owner' })).ok).toBe(true)
      expect((await raw.claim({ account: 'custom', payId: fresh, requestId: 'just-claimed', osUser: 'owner' })).ok).toBe(true)
      expect((await rawB.claim({ account: 'custom', payId: theirs, requestId: 'b-died', osUser: 'bookkeeper' })).ok).toBe(true)
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        // Old by the database's clock: the two that are not 'just-claimed'.
        await client.query(`UPDATE ${TEAM_SCHEMA}.refund_claims SET claimed_at = now() - interval '6 minutes' WHERE request_id IN ('died-before-journal', 'b-died')`)
        await runUseCase(a.core.api, 'syncTeamNow', {})
        const open = (await raw.openClaims('custom')).map((c) => c.requestId).sort()
        // A released its own old orphan; a fresh claim and another PC's stay (only their PC knows).
        expect(open).toEqual(['b-died', 'just-claimed'])
      } finally {
        await client.end()
      }
    } finally {
      await raw.close()
      await rawB.close()
      await a.close()
      await b.close()
    }
  })

  it('merges review ticks, last writer wins, and says who set them', async () => {
    const a = await openPc('PC-A', 'owner')
    const b = await openPc('PC-B', 'bookkeeper')
    try {
      await joinTeam(a, databaseUrl, 'Shop review')
      await joinTeam(b, databaseUrl, 'Shop review')
      const { rows } = await runUseCase(a.core.api, 'selectTransactions', {
        filter: { period: { kind: 'all' }, kinds: ['payment'], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
      })
      const month = busiestMonth(rows)
      const keys = rows.filter((r) => r.createdAt.startsWith(month)).map((r) => r.key)
      expect(keys.length).toBeGreaterThanOrEqual(3)
      const [k1, k2, k3] = keys as [string, string, string]
      await runUseCase(a.core.api, 'setReviewed', { month, keys: [k1, k2], reviewed: true })
      await runUseCase(a.core.api, 'syncTeamNow', {})
      await runUseCase(b.core.api, 'syncTeamNow', {})
      expect((await runUseCase(b.core.api, 'getReviewState', { month })).reviewedKeys.sort()).toEqual([k1, k2].sort())
      await runUseCase(b.core.api, 'setReviewed', { month, keys: [k3], reviewed: true })
      await runUseCase(b.core.api, 'setReviewed', { month, keys: [k1], reviewed: false })
      await runUseCase(b.core.api, 'syncTeamNow', {})
      await runUseCase(a.core.api, 'syncTeamNow', {})
      for (const pc of [a, b]) {
        const state = await runUseCase(pc.core.api, 'getReviewState', { month })
        expect(state.reviewedKeys.sort()).toEqual([k2, k3].sort())
        const byKey = new Map((state.ticks ?? []).map((t) => [t.key, t]))
        expect(byKey.get(k2)).toMatchObject({ reviewed: true, osUser: 'owner', machine: 'PC-A' })
        expect(byKey.get(k3)).toMatchObject({ reviewed: true, osUser: 'bookkeeper', machine: 'PC-B' })
        expect(byKey.get(k1)).toMatchObject({ reviewed: false, osUser: 'bookkeeper', machine: 'PC-B' })
      }
      expect((await runUseCase(a.core.api, 'getReviewState', { month })).ticks?.find((t) => t.key === k2)?.thisPc).toBe(true)
    } finally {
      await a.close()
      await b.close()
    }
  })
})

describe('team mode: sharing that cannot run', () => {
  it('refuses refunds of an account in a team whose sharing cannot start, unless sent alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'team-broken-'))
    dirs.push(dir)
    const a = await openPc('PC-A', 'owner', dir)
    await joinTeam(a, databaseUrl, 'Shop broken')
    await a.close()
    // The same PC restarts and its team database cannot even be opened.
    const broken = await createAppCore({
      loaders: staticModuleLoaders,
      dataDir: dir,
      engine: createConfEngine(),
      keychain: createKeytarSecretStore({ service: `SecPaid Desk test team PC-A ${run}` }),
      access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: sim.baseUrl, startDemo: () => startDemoBackend({ rows: 10 }), loopbackRateLimitPerMinute: null }),
      osUser: 'owner',
      machine: 'PC-A',
      forceEnvironment: 'custom',
      teamPollMs: null,
      openTeamStore: () => {
        throw new Error('the driver could not be loaded')
      }
    })
    try {
      const payId = refundable(10)
      expect(await runUseCase(broken.api, 'getTeamStatus', {})).toMatchObject({ configured: true, link: 'unreachable', lastError: 'the driver could not be loaded' })
      const refused = await refusal(runUseCase(broken.api, 'submitRefund', { payId, amount: 100, isFullRefund: false, reason: 'duplicate', note: null }))
      expect(refused).toMatchObject({ code: 'team_unreachable', params: { detail: 'the driver could not be loaded' } })
      expect(refundCalls(payId)).toBe(0)
      const alone = await runUseCase(broken.api, 'submitRefund', { payId, amount: 100, isFullRefund: false, reason: 'duplicate', note: null, withoutTeam: true })
      expect(alone.state).toBe('submitted')
      expect(refundCalls(payId)).toBe(1)
    } finally {
      await broken.close()
    }
  })
})

describe('team mode: the database goes away and comes back', () => {
  let server: PostgresServer
  beforeAll(async () => {
    server = await startPostgresServer()
  }, 200_000)
  afterAll(() => server.destroy())

  it('refuses to claim silently, sends alone only when asked, and delivers everything once when the database is back', async () => {
    const url = await server.createDatabase('outage')
    const dirA = mkdtempSync(join(tmpdir(), 'team-outage-a-'))
    dirs.push(dirA)
    let a = await openPc('PC-A', 'owner', dirA)
    const b = await openPc('PC-B', 'bookkeeper')
    try {
      await joinTeam(a, url, 'Shop outage')
      await joinTeam(b, url, 'Shop outage')
      const payId = refundable(8)
      server.stop()

      const refused = await refusal(runUseCase(a.core.api, 'submitRefund', { payId, amount: 250, isFullRefund: false, reason: 'other', note: 'offline' }))
      expect(refused.code).toBe('team_unreachable')
      expect(refused.params?.['detail']).toBeTruthy()
      expect(refundCalls(payId)).toBe(0) // nothing went out

      // The user chose to send on this PC alone.
      const alone = await runUseCase(a.core.api, 'submitRefund', { payId, amount: 250, isFullRefund: false, reason: 'other', note: 'offline', withoutTeam: true })
      expect(alone.state).toBe('submitted')
      expect(refundCalls(payId)).toBe(1)
      const down = await runUseCase(a.core.api, 'syncTeamNow', {})
      expect(down.link).toBe('unreachable')
      expect(down.pending).toBeGreaterThanOrEqual(2) // requested + submitted wait in the outbox

      // A restarts while the database is away: the queue survives.
      await a.close()
      a = await openPc('PC-A', 'owner', dirA)
      expect((await runUseCase(a.core.api, 'syncTeamNow', {})).pending).toBeGreaterThanOrEqual(2)

      server.start()
      const up = await runUseCase(a.core.api, 'syncTeamNow', {})
      expect(up).toMatchObject({ link: 'online', pending: 0, lastError: null })
      await runUseCase(b.core.api, 'syncTeamNow', {})
      const onB = (await runUseCase(b.core.api, 'listRefundRequests', {})).filter((r) => r.payId === payId)
      expect(onB).toHaveLength(1)
      expect(onB[0]).toMatchObject({ id: alone.id, state: 'submitted', origin: { machine: 'PC-A' } })

      // Exactly once: every event of the request is in the database one time.
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const { rows } = await client.query<{ n: string; distinct_ids: string }>(
          `SELECT count(*)::text AS n, count(DISTINCT event_id)::text AS distinct_ids FROM ${TEAM_SCHEMA}.team_events WHERE request_id = $1`,
          [alone.id]
        )
        expect(rows[0]).toEqual({ n: '2', distinct_ids: '2' })
      } finally {
        await client.end()
      }
      expect(a.statuses.some((s) => s.link === 'unreachable')).toBe(true)
      expect(a.statuses.at(-1)?.link).toBe('online')

      // The team moves to a new database under the same name: each PC starts its copy afresh
      // (a cursor into the old database's seq would skip events) and pushes its history again.
      const moved = await server.createDatabase('moved')
      await runUseCase(a.core.api, 'saveTeamSettings', { connectionString: moved, teamName: 'Shop outage' })
      await runUseCase(b.core.api, 'saveTeamSettings', { connectionString: moved, teamName: 'Shop outage' })
      await runUseCase(a.core.api, 'syncTeamNow', {})
      await runUseCase(b.core.api, 'syncTeamNow', {})
      expect((await runUseCase(b.core.api, 'listRefundRequests', {})).find((r) => r.id === alone.id)).toMatchObject({ state: 'submitted', origin: { machine: 'PC-A' } })
      const movedClient = new pg.Client({ connectionString: moved })
      await movedClient.connect()
      try {
        const { rows } = await movedClient.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${TEAM_SCHEMA}.team_events WHERE request_id = $1`, [alone.id])
        expect(rows[0]?.n).toBe('2')
      } finally {
        await movedClient.end()
      }
    } finally {
      await a.close()
      await b.close()
    }
  })
})
