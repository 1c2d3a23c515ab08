/**
 * A long sync shows its rows page by page, and what a failure mid-way leaves behind — against the
 * REAL simulator and the REAL cache. A wrapper around the client watches the index between pages
 * and breaks the connection at a chosen page.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTransactionIndex, type TransactionIndex } from '../../src/main/services/query/transaction-index'
import { NetworkError, createRateLimiter, createSecpaidClient, type PayInQuery, type SecpaidClient } from '../../src/main/services/secpaid'
import type { JsonFileStoreFactory } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache, type TransactionCache } from '../../src/main/services/storage/transaction-cache'
import { createSyncService, type SyncClient, type SyncService } from '../../src/main/services/sync/sync-service'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import type { PayInTransaction } from '../../src/shared/domain'
import type { SyncState } from '../../src/shared/views'
import { countingEngine } from '../support/counting-engine'

const ROWS = 3000
const PAGE = 500
const START = Date.parse('2027-03-15T11:00:00Z')
const clock = (): Date => new Date(START)
let sim: RunningSimulator
let client: SecpaidClient
let dataDir: string

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 777, rows: ROWS, rateLimitPerMinute: null, now: clock })
  client = createSecpaidClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, limiter: createRateLimiter({ maxPerWindow: null }), retry: { attempts: 1 }, timeoutMs: 5000 })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-sync-progressive-'))
})

afterAll(async () => {
  await sim?.close().catch(() => undefined)
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Harness {
  dir: string
  cache: TransactionCache
  index: TransactionIndex
  sync: SyncService
  states: SyncState[]
  /** index.size seen when page n (1-based) was requested. */
  sizeAtPage: number[]
  failAtPage: number | null
  /** Called as each page is requested; its answers are kept in `probed`. */
  probe: (() => unknown) | null
  probed: unknown[]
  /** Rewrites what SecPaid sent for page n (a list that shifts, a row sent twice). */
  reshape: ((page: number, rows: PayInTransaction[]) => PayInTransaction[]) | null
}

function harness(name: string, wrapCache: (cache: TransactionCache) => TransactionCache = (c) => c, engine?: JsonFileStoreFactory): Harness {
  const dir = path.join(dataDir, name)
  const cache = wrapCache(openTransactionCache({ dir, ...(engine !== undefined && { engine }) }))
  const index = createTransactionIndex()
  const h: Harness = { dir, cache, index, sync: null as unknown as SyncService, states: [], sizeAtPage: [], failAtPage: null, probe: null, probed: [], reshape: null }
  const watching: SyncClient = {
    getPayInTransactions: async (query?: PayInQuery, options?) => {
      const page = query?.page ?? 1
      h.sizeAtPage[page] = index.size
      if (h.probe !== null) h.probed.push(h.probe())
      if (page === h.failAtPage) throw new NetworkError(false, false, 'ECONNRESET')
      const result = await client.getPayInTransactions(query, options)
      return h.reshape === null ? result : { ...result, rows: h.reshape(page, result.rows) }
    }
  }
  h.sync = createSyncService({
    env: 'demo',
    cache,
    index,
    getClient: () => watching,
    now: clock,
    historyWindowMonths: () => 24,
    pageSize: PAGE,
    onState: (s) => h.states.push(s)
  })
  h.sync.loadFromCache()
  return h
}

const fakeRow: PayInTransaction = {
  payId: '999999001', transactionId: 'not-on-the-server', creatorId: null, userId: null, amount: 4_200, netAmount: 4_000,
  serviceFee: 100, serviceFeePsp: 100, status: 'Success', recipientNote: 'only in the cache', payoutStatus: 'Pending',
  createdAt: '2027-01-05 10:00:00', isSplitLink: false, isDispute: false, isRefund: false, paymentMethod: 'card', transactionType: 'Basic'
}

describe('a sync shows its rows page by page', () => {
  it('rows of each page are in the index before the next page is asked for, newest first', async () => {
    const h = harness('progressive')
    const state = await h.sync.run()
    expect(state.status).toBe('idle')
    const pages = h.sizeAtPage.length - 1
    expect(pages).toBeGreaterThan(3)
    expect(h.sizeAtPage[1]).toBe(0)
    for (let p = 2; p <= pages; p++) expect(h.sizeAtPage[p]).toBe((p - 1) * PAGE)
    // The window re-queries on states emitted while syncing; they carry the growing row count.
    expect(h.states.filter((s) => s.status === 'syncing').some((s) => s.cachedRows > 0)).toBe(true)
    // Newest first: the first page holds the newest rows.
    const order = h.index.baseOrder()
    expect(order[0]?.view.createdAt.slice(0, 7)).toBe('2027-03')
  })

  it('the digest counts every new row: payments, refund entries and dispute entries', async () => {
    const h = harness('digest')
    const state = await h.sync.run()
    const d = state.lastDigest
    expect(d).not.toBeNull()
    if (d === null) return
    expect(d.newDisputeEntries).toBeGreaterThan(0)
    expect(d.newPayments + d.newRefundEntries + d.newDisputeEntries).toBe(h.index.size)
    const disputes = h.index.baseOrder().filter((r) => r.view.kind === 'dispute' || r.view.kind === 'dispute_refund').length
    expect(d.newDisputeEntries).toBe(disputes)
  })
})

describe('a sync that fails mid-way', () => {
  it('keeps the rows it showed, saves them, and says it failed; data-as-of does not move', async () => {
    const h = harness('fails')
    h.failAtPage = 3
    const state = await h.sync.run()
    expect(state.status).toBe('offline')
    expect(state.lastError?.kind).toBe('network')
    expect(state.lastSuccessfulSyncAt).toBeNull()
    expect(state.lastDigest).toBeNull()
    expect(h.index.size).toBe(2 * PAGE)
    expect(state.cachedRows).toBe(2 * PAGE)
    expect(h.cache.getMeta().lastSuccessfulSyncAt).toBeNull()
    expect(h.cache.getMeta().lastError).not.toBeNull()
    // A restart shows the same rows, still as never synced successfully.
    const reopened = harness('fails')
    expect(reopened.index.size).toBe(2 * PAGE)
    expect(reopened.sync.state().lastSuccessfulSyncAt).toBeNull()

    // The next run fetches the whole window again and completes it.
    h.failAtPage = null
    const again = await h.sync.run()
    expect(again.status).toBe('idle')
    expect(h.index.size).toBe(harness('progressive').index.size)
  })

  it('a full refresh drops rows SecPaid no longer lists only when it completes', async () => {
    const h = harness('refresh')
    expect((await h.sync.run()).status).toBe('idle')
    const synced = h.index.size
    h.cache.upsertRows([fakeRow])
    h.index.upsert([fakeRow])
    const key = h.index.byPayId(fakeRow.payId)[0]?.key as string

    h.failAtPage = 2
    const failed = await h.sync.run({ full: true })
    expect(failed.status).toBe('offline')
    expect(h.index.get(key)).toBeDefined()
    expect(harness('refresh').index.get(key)).toBeDefined()

    h.failAtPage = null
    h.probe = () => h.index.get(key) !== undefined
    const done = await h.sync.run({ full: true })
    expect(done.status).toBe('idle')
    // Still there while the refresh ran (every page asked for), gone once it completed.
    expect(h.probed.length).toBeGreaterThan(3)
    expect(h.probed.every((present) => present === true)).toBe(true)
    expect(h.index.get(key)).toBeUndefined()
    expect(h.index.size).toBe(synced)
    expect(harness('refresh').index.get(key)).toBeUndefined()
  })

  it('rows a failed cache write could not save are saved by the next successful run', async () => {
    let diskFull = false
    const h = harness('disk-full', (cache) => ({
      ...cache,
      upsertRows: (rows) => {
        if (diskFull) throw new Error('ENOSPC: no space left on device')
        return cache.upsertRows(rows)
      }
    }))
    expect((await h.sync.run()).status).toBe('idle')
    const before = h.index.size
    sim.admin.addPayment({ recipient_note: 'arrived while the disk was full' })
    diskFull = true
    const failed = await h.sync.run()
    expect(failed.status).toBe('error')
    // Shown, but not on disk: a restart would not have it.
    expect(h.index.size).toBe(before + 1)
    expect(harness('disk-full').index.size).toBe(before)

    // The index already knows the row (unchanged to it); the cache must still get it.
    diskFull = false
    expect((await h.sync.run()).status).toBe('idle')
    expect(harness('disk-full').index.size).toBe(before + 1)
  })

  it('an incremental run writes journal lines for the changed rows only, and meta.json once', async () => {
    expect((await harness('small-change').sync.run()).status).toBe('idle')
    const { engine, writes } = countingEngine()
    const h = harness('small-change', (c) => c, engine)
    const journals = (): Map<string, number> =>
      new Map(fs.readdirSync(h.dir).filter((f) => f.endsWith('.jsonl')).map((f) => [f, fs.readFileSync(path.join(h.dir, f), 'utf8').trimEnd().split('\n').length]))
    const lines = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0)
    const before = journals()
    sim.admin.addPayment({ recipient_note: 'one new' })
    sim.admin.addPayment({ recipient_note: 'two new' })
    const state = await h.sync.run()
    expect(state.status).toBe('idle')
    expect(state.lastDigest?.newPayments).toBe(2)
    // The overlap days bring back rows the cache has: none of them is written again.
    const after = journals()
    const headers = [...after.keys()].filter((f) => !before.has(f)).length
    expect(lines(after) - lines(before)).toBe(2 + headers)
    // The rows' months and the sync's time: one write of meta.json (conf: temp file, fsync, rename).
    expect(writes).toEqual(['meta'])
    expect(harness('small-change').index.size).toBe(h.index.size)
  })
})

describe('a list that shifts while the sync pages through it', () => {
  it('a row delivered on two pages is one row, counted once, and the later copy is kept', async () => {
    const h = harness('shifted')
    let endOfPage1: PayInTransaction[] = []
    h.reshape = (page, rows) => {
      if (page === 1) endOfPage1 = rows.slice(-2)
      if (page !== 2) return rows
      // Two new payments pushed the last two rows of page 1 onto page 2; one changed meanwhile.
      const [a, b] = endOfPage1 as [PayInTransaction, PayInTransaction]
      return [{ ...a, payoutStatus: 'Paid later' }, b, ...rows]
    }
    const state = await h.sync.run()
    expect(state.status).toBe('idle')
    // The same window synced from a list that stands still (earlier tests added payments).
    const still = harness('shifted-control')
    await still.sync.run()
    const expected = still.index.size
    expect(h.index.size).toBe(expected)
    const d = state.lastDigest
    expect(d === null ? -1 : d.newPayments + d.newRefundEntries + d.newDisputeEntries).toBe(expected)
    const changed = endOfPage1[0] as PayInTransaction
    const key = h.index.byPayId(changed.payId).find((v) => v.transactionId === changed.transactionId)?.key ?? ''
    expect(h.index.get(key)?.payoutStatus).toBe('Paid later')
    // What was saved is the same: one row each, the later copy.
    const reopened = harness('shifted')
    expect(reopened.index.size).toBe(expected)
    expect(reopened.index.get(key)?.payoutStatus).toBe('Paid later')
  })

  it('a new row sent twice in one incremental reply counts once, as new', async () => {
    const h = harness('progressive')
    // Catch up with what earlier tests added, so only this reply's rows are new.
    expect((await h.sync.run()).status).toBe('idle')
    const twice = { ...fakeRow, transactionId: 'sent-twice', createdAt: '2027-03-15 09:00:00' }
    h.reshape = (page, rows) => (page === 1 ? [twice, ...rows, { ...twice, payoutStatus: 'Paid' }] : rows)
    const state = await h.sync.run()
    expect(state.status).toBe('idle')
    expect(state.lastDigest).toMatchObject({ newPayments: 1, updatedRows: 0 })
    expect(h.index.byPayId(twice.payId).map((v) => v.payoutStatus)).toEqual(['Paid'])
  })
})
