/**
 * Sync against the REAL simulator over loopback and the REAL sharded cache in a temp dir.
 * Tests run in order and share one simulator: first sync → new payment → approved refund →
 * corrupt shard → offline.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createQueryEngine } from '../../src/main/services/query/query-engine'
import { createTransactionIndex, type TransactionIndex } from '../../src/main/services/query/transaction-index'
import { createRateLimiter, createSecpaidClient, type SecpaidClient } from '../../src/main/services/secpaid'
import { openTransactionCache, type TransactionCache } from '../../src/main/services/storage/transaction-cache'
import { createSyncService, type SyncService } from '../../src/main/services/sync/sync-service'
import { windowStartMonth } from '../../src/main/services/sync/sync-plan'
import { exportTransactions } from '../../src/main/services/export/export-transactions'
import { createSimulatorControlClient, startSimulator, type RunningSimulator, type SimulatorControlClient } from '../../src/main/simulator'
import type { SyncDigest, SyncState, TransactionFilter } from '../../src/shared/views'

const ROWS = 6000
/**
 * Fixed simulator + sync clock: seeded data is relative to "now", so this makes every run
 * identical. Chosen so the 13-month window contains a non-leap February (2027-02).
 */
const START = Date.parse(process.env.SYNC_TEST_NOW ?? '2027-03-15T11:00:00Z')
let clockMs = START
const clock = (): Date => new Date(clockMs)
/** Time passes between steps (a sync, then a payment a minute later, …). */
const tick = (minutes = 1): void => {
  clockMs += minutes * 60_000
}
let sim: RunningSimulator
let control: SimulatorControlClient
let dataDir: string

function clientFor(apiKey: string): SecpaidClient {
  // No client-side limit against loopback, one attempt: an offline test must not sit in backoff.
  return createSecpaidClient({ baseUrl: sim.baseUrl, apiKey, limiter: createRateLimiter({ maxPerWindow: null }), retry: { attempts: 1 }, timeoutMs: 5000 })
}

interface Setup {
  cache: TransactionCache
  index: TransactionIndex
  sync: SyncService
  states: SyncState[]
  digests: SyncDigest[]
}

function setup(dir: string, opts: { windowMonths?: number; apiKey?: string | null } = {}): Setup {
  const cache = openTransactionCache({ dir })
  const index = createTransactionIndex()
  const states: SyncState[] = []
  const digests: SyncDigest[] = []
  const client = opts.apiKey === null ? null : clientFor(opts.apiKey ?? sim.apiKey)
  const sync = createSyncService({
    env: 'demo',
    cache,
    index,
    getClient: () => client,
    now: clock,
    historyWindowMonths: () => opts.windowMonths ?? 13,
    onState: (s) => states.push(s),
    afterSync: (d) => {
      digests.push(d)
      return 0
    }
  })
  return { cache, index, sync, states, digests }
}

const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 20260520, rows: ROWS, rateLimitPerMinute: null, now: clock })
  control = createSimulatorControlClient(sim.controlUrl)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-sync-'))
})

afterAll(async () => {
  await sim?.close().catch(() => undefined)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('sync service against the simulator', () => {
  let main: Setup

  it('first sync loads exactly the rows of the 13-month window', async () => {
    const s = setup(path.join(dataDir, 'window13'))
    s.sync.loadFromCache()
    const state = await s.sync.run()
    expect(state.status).toBe('idle')
    expect(state.lastError).toBeNull()
    const from = `${windowStartMonth(clock(), 13)}-01`
    const all = await control.payments({ limit: 10_000 })
    const expected = all.flatMap((p) => p.rows).filter((r) => r.created_at >= from).length
    expect(expected).toBeGreaterThan(1000)
    expect(s.index.size).toBe(expected)
    expect(s.index.months()[0]).toBe(from.slice(0, 7))
    expect(s.states.some((x) => x.status === 'syncing' && (x.progress?.pages ?? 0) > 0)).toBe(true)
  })

  it('first sync with a window covering all data loads every simulator row, persisted in the cache', async () => {
    main = setup(path.join(dataDir, 'main'), { windowMonths: 24 })
    main.sync.loadFromCache()
    const t0 = performance.now()
    const state = await main.sync.run()
    const ms = performance.now() - t0
    expect(state.status).toBe('idle')
    expect(state.cachedRows).toBe((await control.state()).rows)
    expect(state.cachedRows).toBeGreaterThanOrEqual(ROWS)
    expect(state.lastSuccessfulSyncAt).not.toBeNull()
    expect(main.cache.getMeta().lastSuccessfulSyncAt).toBe(state.lastSuccessfulSyncAt)
    // A fresh process sees the same rows from disk.
    const reopened = openTransactionCache({ dir: path.join(dataDir, 'main') }).loadAll()
    expect(reopened.rows).toHaveLength(state.cachedRows)
    expect(reopened.notices).toEqual([])
    console.log(`first sync of ${state.cachedRows} rows: ${ms.toFixed(0)} ms`)
  })

  it('a second run while one is running returns the same promise', async () => {
    const a = main.sync.run()
    const b = main.sync.run()
    expect(b).toBe(a)
    expect((await a).status).toBe('idle')
  })

  it('incremental sync picks up a new payment', async () => {
    const before = main.index.size
    tick()
    const added = await control.addPayment({ amount: '12.50', recipient_note: 'Neue Bestellung Sync-Test' })
    const state = await main.sync.run()
    expect(state.status).toBe('idle')
    expect(main.index.size).toBe(before + 1)
    expect(state.lastDigest).toMatchObject({ newPayments: 1, newRefundEntries: 0 })
    const engine = createQueryEngine({ index: main.index })
    const hit = engine.query({ filter: { ...ALL, search: '12,50' }, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 5 })
    expect(hit.rows[0]).toMatchObject({ payId: added.pay_id, amount: 1250, kind: 'payment' })
  })

  it('an approved refund request shows up as a negative Refund entry after incremental sync', async () => {
    const [target] = await control.payments({ kind: 'refundable', limit: 1 })
    if (!target) throw new Error('simulator has no refundable payment')
    await clientFor(sim.apiKey).refundPayment({ payId: target.payId, amount: 500, isFullRefund: false })
    tick(60)
    await control.approveRefund(target.payId)
    tick()
    const state = await main.sync.run()
    expect(state.lastDigest).toMatchObject({ newRefundEntries: 1 })
    expect(main.digests.at(-1)?.newRefundEntries).toBe(1)
    const group = main.index.byPayId(target.payId)
    expect(group.map((v) => [v.kind, v.amount])).toContainEqual(['refund', -500])
    expect(group.find((v) => v.kind === 'payment')).toMatchObject({ refundedCents: 500, refundState: 'partially_refunded' })
    const engine = createQueryEngine({ index: main.index })
    const refunds = engine.query({ filter: { ...ALL, kinds: ['refund'], search: target.payId }, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 10 })
    expect(refunds.rows.map((r) => r.amount)).toEqual([-500])
  })

  it('refreshPayId re-reads one payment group', async () => {
    const [pay] = await control.payments({ kind: 'refunded-full', limit: 1 })
    if (!pay) throw new Error('no refunded payment')
    const views = await main.sync.refreshPayId(pay.payId)
    expect(views.length).toBe(pay.rows.length)
  })

  it('a rejected key is a needs_key state with a message, and no key at all too', async () => {
    const bad = setup(path.join(dataDir, 'badkey'), { apiKey: 'sim_wrong_key_0000000000000000' })
    const state = await bad.sync.run()
    expect(state.status).toBe('needs_key')
    expect(state.lastError?.kind).toBe('auth')
    expect(state.lastError?.message).not.toContain(sim.apiKey)
    expect((await setup(path.join(dataDir, 'nokey'), { apiKey: null }).sync.run()).status).toBe('needs_key')
  })

  it('a corrupt shard is set aside with a notice and repaired by the next sync', async () => {
    const dir = path.join(dataDir, 'main')
    const month = main.index.months()[3] as string
    const rowsInMonth = main.index.monthRows(month).length
    const total = main.index.size
    fs.writeFileSync(path.join(dir, `tx-${month}.json`), '{"schema": "secpaid-desk/tx-shard", "rows": [[1,2,')

    const again = setup(dir, { windowMonths: 24 })
    const notices = again.sync.loadFromCache()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ code: 'cache_shard_corrupt', params: { month, reason: 'invalid_json' } })
    expect(again.sync.state().notices).toEqual(notices)
    expect(again.index.size).toBe(total - rowsInMonth)
    expect(again.cache.getMeta().shards[month]?.needsResync).toBe(true)
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`tx-${month}.corrupt-`))).toBe(true)

    const state = await again.sync.run()
    expect(state.status).toBe('idle')
    expect(again.index.size).toBe(total)
    expect(again.index.monthRows(month)).toHaveLength(rowsInMonth)
    expect(again.cache.getMeta().shards[month]?.needsResync).toBe(false)
    main = again
  })

  it('simulator stopped: status offline, last sync kept, cache still queryable and exportable', async () => {
    const lastOk = main.sync.state().lastSuccessfulSyncAt
    tick()
    await sim.close()
    const state = await main.sync.run()
    expect(state.status).toBe('offline')
    expect(state.lastError?.kind).toBe('network')
    expect(state.lastSuccessfulSyncAt).toBe(lastOk)
    expect(main.cache.getMeta().lastSuccessfulSyncAt).toBe(lastOk)

    const engine = createQueryEngine({ index: main.index, dataAsOf: () => state.lastSuccessfulSyncAt })
    const month = main.index.months().at(-2) as string
    const r = engine.query({ filter: { ...ALL, period: { kind: 'month', month } }, sort: { column: 'amount', direction: 'desc' }, offset: 0, limit: 20 })
    expect(r.total).toBeGreaterThan(0)
    expect(r.dataAsOf).toBe(lastOk)
    const all = engine.selectAll({ ...ALL, period: { kind: 'month', month } })
    const file = exportTransactions({ ...all, filter: { ...ALL, period: { kind: 'month', month } }, format: 'csv-de', language: 'de', dataAsOf: lastOk, now: clock() })
    expect(file.rowCount).toBe(r.total)
    expect(file.stale).toBe(false)
    await expect(main.sync.refreshPayId('40001')).rejects.toMatchObject({ kind: 'network' })
  })
})
