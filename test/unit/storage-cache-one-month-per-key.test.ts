/**
 * A cold open checks no key against the other months when the cache vouches that each key is in
 * one month (meta's `oneMonthPerKey`, and a month's rows as many as meta recorded). These tests
 * hold the cases where it must not vouch, and the count the user sees stays exact in each: a month
 * written after meta, a move between months interrupted halfway (a key left in two months), a
 * cache written before the flag. The interruption is a real failed write: the later month's
 * journal path is a directory, so appending to it fails after the earlier month was written.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'
import { createConfEngine, type JsonFileStoreFactory } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache, type TransactionCache } from '../../src/main/services/storage/transaction-cache'
import { loadCacheMonths } from '../../src/main/services/sync/cache-months-loader'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-one-month-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function tx(id: number, createdAt: string): PayInTransaction {
  return {
    payId: `P${id}`,
    transactionId: `pi_${id}`,
    creatorId: null,
    userId: null,
    amount: 1000 + id,
    netAmount: 965,
    serviceFee: 35,
    serviceFeePsp: null,
    status: 'Success',
    recipientNote: `Bestellung ${id}`,
    payoutStatus: null,
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    createdAt
  }
}

const JAN = tx(1, '2026-01-05 10:00:00')
const MAR = tx(2, '2026-03-10 12:00:00')
const MAR2 = tx(3, '2026-03-11 12:00:00')
const APR = tx(4, '2026-04-01 09:00:00')

const metaFile = (): string => path.join(dir, 'meta.json')
const metaOnDisk = (): { oneMonthPerKey?: boolean } => JSON.parse(fs.readFileSync(metaFile(), 'utf8')) as { oneMonthPerKey?: boolean }

/** Each month a fresh cache on `dir` hands out, newest first, with whether it is vouched for. */
function vouched(): Array<[string, boolean]> {
  return [...openTransactionCache({ dir }).loadMonths()].map((m) => [m.month, m.distinct])
}

/** A cold open as the app makes it (cache → months loader → index): the row count it shows. */
function coldOpenCount(cache: TransactionCache = openTransactionCache({ dir })): number {
  const index = createTransactionIndex()
  const loader = loadCacheMonths(cache, index)
  while (loader.next() !== null);
  return index.size
}

/** Makes appending to `month`'s journal fail (EISDIR), as a write cut off there would. */
function breakJournal(month: string): () => void {
  const at = path.join(dir, `tx-${month}.jsonl`)
  fs.mkdirSync(at)
  return () => fs.rmdirSync(at)
}

describe('one month per key: what a cold open need not check', () => {
  it('a cache this app wrote vouches for every month, also after rows moved between months', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([JAN, MAR, MAR2, APR])
    cache.upsertRows([{ ...MAR, createdAt: '2026-01-20 08:00:00' }])
    expect(metaOnDisk().oneMonthPerKey).toBe(true)
    expect(vouched()).toEqual([['2026-04', true], ['2026-03', true], ['2026-01', true]])
    expect(coldOpenCount()).toBe(4)
  })

  it('a month written after meta (a kill before meta was written) is not vouched for', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([JAN, MAR])
    const metaBefore = fs.readFileSync(metaFile())
    cache.upsertRows([MAR2])
    fs.writeFileSync(metaFile(), metaBefore)
    expect(vouched()).toEqual([['2026-03', false], ['2026-01', true]])
  })

  it('a move cut off between its two months leaves the key in both: meta stopped vouching first, and the open counts the row once', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([JAN, MAR, MAR2])
    // MAR moves to January: January's journal is written first (ascending), then March's fails.
    const repair = breakJournal('2026-03')
    expect(() => cache.upsertRows([{ ...MAR, createdAt: '2026-01-20 08:00:00' }])).toThrow()
    repair()
    expect(metaOnDisk().oneMonthPerKey).toBe(false)
    expect(vouched()).toEqual([['2026-03', false], ['2026-01', false]])
    expect(coldOpenCount()).toBe(3)
    // It found the key twice, so it still does not vouch: every later open checks again.
    expect(metaOnDisk().oneMonthPerKey).toBe(false)
    expect(coldOpenCount()).toBe(3)
  })

  it('inside a sync\'s meta batch too, the flag is off on disk before the first month is written', () => {
    // The real engine, noting at each meta write whether January's journal exists yet.
    const janJournal = path.join(dir, 'tx-2026-01.jsonl')
    const writes: Array<{ oneMonthPerKey: unknown; januaryWritten: boolean }> = []
    const real = createConfEngine()
    const engine: JsonFileStoreFactory = (opts) => {
      const inner = real(opts)
      return {
        get path() {
          return inner.path
        },
        get store() {
          return inner.store
        },
        set store(v) {
          writes.push({ oneMonthPerKey: v['oneMonthPerKey'], januaryWritten: fs.existsSync(janJournal) })
          inner.store = v
        }
      }
    }
    const cache = openTransactionCache({ dir, engine })
    cache.upsertRows([JAN, MAR, MAR2])
    writes.length = 0
    const repair = breakJournal('2026-03')
    expect(() => cache.batchMeta(() => cache.upsertRows([{ ...MAR, createdAt: '2026-01-20 08:00:00' }]))).toThrow()
    repair()
    expect(writes[0]).toEqual({ oneMonthPerKey: false, januaryWritten: false })
    expect(fs.existsSync(janJournal)).toBe(true)
    expect(vouched()).toEqual([['2026-03', false], ['2026-01', false]])
    expect(coldOpenCount()).toBe(3)
  })

  it('a cache without the flag (written before it) is checked once; finding no key twice, the open records it', () => {
    openTransactionCache({ dir }).upsertRows([JAN, MAR, APR])
    const { oneMonthPerKey: _, ...older } = metaOnDisk()
    fs.writeFileSync(metaFile(), JSON.stringify(older))
    expect(vouched()).toEqual([['2026-04', false], ['2026-03', false], ['2026-01', false]])
    expect(coldOpenCount()).toBe(3)
    expect(metaOnDisk().oneMonthPerKey).toBe(true)
    expect(vouched()).toEqual([['2026-04', true], ['2026-03', true], ['2026-01', true]])
  })

  it('a load\'s confirmation is not taken when rows were written after the load began', () => {
    openTransactionCache({ dir }).upsertRows([JAN, MAR])
    const { oneMonthPerKey: _, ...older } = metaOnDisk()
    fs.writeFileSync(metaFile(), JSON.stringify(older))
    const cache = openTransactionCache({ dir })
    const loader = cache.loadMonths()
    for (const _month of loader);
    cache.upsertRows([APR])
    loader.confirmDistinct()
    expect(metaOnDisk().oneMonthPerKey).not.toBe(true)
  })

  it('a full replace stops vouching while it writes, and vouches again once done', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([JAN, MAR, MAR2])
    // March's base cannot be replaced (its path is a directory now); January's is written before it.
    const marchBase = path.join(dir, 'tx-2026-03.json')
    fs.rmSync(marchBase)
    fs.mkdirSync(marchBase)
    const moved = { ...MAR, createdAt: '2026-01-20 08:00:00' }
    expect(() => cache.replaceAll([moved, MAR2])).toThrow()
    expect(metaOnDisk().oneMonthPerKey).toBe(false)
    fs.rmdirSync(marchBase)
    openTransactionCache({ dir }).replaceAll([moved, MAR2])
    expect(metaOnDisk().oneMonthPerKey).toBe(true)
    expect(vouched()).toEqual([['2026-03', true], ['2026-01', true]])
  })

  it('another process\'s stale meta does not vouch again over a move the CLI left halfway', () => {
    const K = tx(11, '2026-03-10 12:00:00')
    const J = tx(12, '2026-01-05 10:00:00')
    openTransactionCache({ dir }).upsertRows([K, J, APR])
    const app = openTransactionCache({ dir })
    app.loadAll()
    const cli = openTransactionCache({ dir })
    cli.loadAll()
    // The CLI swaps K and J between January and March (each month's row count stays the same)
    // and is cut off after January: K is in both months, J in neither.
    const repair = breakJournal('2026-03')
    expect(() => cli.upsertRows([{ ...K, createdAt: '2026-01-20 08:00:00' }, { ...J, createdAt: '2026-03-20 08:00:00' }])).toThrow()
    repair()
    // The app, opened while the cache was vouched for, writes meta (a failed sync's error).
    app.updateMeta({ lastError: { message: 'offline', at: '2026-04-02T10:00:00.000Z' } })
    expect(metaOnDisk().oneMonthPerKey).toBe(false)
    expect(vouched()).toEqual([['2026-04', false], ['2026-03', false], ['2026-01', false]])
    expect(coldOpenCount()).toBe(2)
  })

  it('a month read after a write during the load (the write read the rest first) is not vouched for', () => {
    openTransactionCache({ dir }).upsertRows([JAN, MAR, APR])
    const cache = openTransactionCache({ dir })
    const months = cache.loadMonths()[Symbol.iterator]()
    expect(months.next().value).toMatchObject({ month: '2026-04', distinct: true })
    // APR moves into January, which the load has not handed out yet.
    cache.upsertRows([{ ...APR, createdAt: '2026-01-25 10:00:00' }])
    const rest = [...{ [Symbol.iterator]: () => months }].map((m) => [m.month, m.distinct])
    expect(rest).toEqual([['2026-03', false], ['2026-01', false]])
  })
})
