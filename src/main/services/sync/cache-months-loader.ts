/**
 * Feeds the transaction cache into the index one month at a time, newest first
 * (docs/architecture.md#progressive-start). On a reload the first month replaces the index's
 * content (`reset`); every month read into an empty index, and every later month, takes `addNew`,
 * which re-derives the refund state of pay_id groups that span months (a refund entry is never
 * older than its payment, so newest-first shows refunds early and completes the payment's view
 * when its month arrives). On a cold open `addNew` keeps the rows without building the index's
 * lookup maps (transaction-index.ts).
 *
 * Months the cache vouches for (`LoadedMonth.distinct`) are added without checking their keys;
 * once one is not, the index checks every key of the load. When it checked and found no key twice,
 * the cache is told so (`confirmDistinct`), and the next open checks nothing.
 */
import type { TransactionIndex } from '../query/transaction-index'
import type { CacheNotice, TransactionCache } from '../storage/transaction-cache'
import { decodeRow, type EncodedRow } from '../storage/transaction-shard-codec'
import type { IndexCounts } from '../query/transaction-index'

/**
 * Rows indexed per step after the first month. A whole month (~15k rows at 200k) takes a few
 * hundred ms to index, which would hold everything else on the event loop — IPC queries, and the
 * window's own start (Chromium's launch handshake runs on the same loop) — for that long.
 */
export const ROWS_PER_STEP = 2048

export interface CacheMonthsLoader {
  readonly total: number
  /** Found before any month was read (meta set aside, months vanished from disk). */
  readonly notices: CacheNotice[]
  /**
   * Indexes the next step: the whole first month, then at most ROWS_PER_STEP rows of the month
   * being loaded. Returns the notices of a month when it is read, or null when every month is
   * indexed.
   */
  next(): CacheNotice[] | null
  loaded(): number
  done(): boolean
}

export function loadCacheMonths(cache: TransactionCache, index: Pick<TransactionIndex, 'reset' | 'addNew' | 'size'>): CacheMonthsLoader {
  const loader = cache.loadMonths()
  const it = loader[Symbol.iterator]()
  let loaded = 0
  let first = true
  let done = false
  // The rest of the month being indexed in slices (empty between months).
  let pending: EncodedRow[] = []
  let pendingAt = 0
  let pendingDistinct = true
  // Whether some month was not vouched for, and how many rows repeated a key held already.
  let checked = false
  let repeats = 0

  function add(rows: readonly EncodedRow[], distinct: boolean): void {
    if (!distinct) checked = true
    const counts: IndexCounts = index.addNew(rows, { distinct })
    repeats += counts.updated + counts.unchanged
  }

  function monthIndexed(): void {
    loaded++
    if (loaded >= loader.monthsTotal) {
      // Let the iterator finish (it writes a repaired meta.json once everything was read).
      done = it.next().done === true
      if (done && checked && repeats === 0) loader.confirmDistinct()
    }
  }
  return {
    total: loader.monthsTotal,
    notices: loader.notices,
    next() {
      if (done) return null
      if (pendingAt < pending.length) {
        add(pending.slice(pendingAt, pendingAt + ROWS_PER_STEP), pendingDistinct)
        pendingAt += ROWS_PER_STEP
        if (pendingAt >= pending.length) {
          pending = []
          pendingAt = 0
          monthIndexed()
        }
        return []
      }
      const step = it.next()
      if (step.done === true) {
        done = true
        // An empty cache still empties the index (a reload after wipe).
        if (first) index.reset([])
        first = false
        return null
      }
      if (first) {
        // A reload (after a wipe or a resync) first drops what the cache no longer holds.
        if (index.size === 0) add(step.value.rows, step.value.distinct)
        else {
          // Keys within a month are distinct; the months after it are checked against it.
          if (!step.value.distinct) checked = true
          index.reset(step.value.rows.map(decodeRow))
        }
        first = false
        monthIndexed()
        return step.value.notices
      }
      pending = step.value.rows
      pendingAt = 0
      pendingDistinct = step.value.distinct
      if (pending.length === 0) monthIndexed()
      else {
        add(pending.slice(0, ROWS_PER_STEP), pendingDistinct)
        pendingAt = ROWS_PER_STEP
        if (pendingAt >= pending.length) {
          pending = []
          pendingAt = 0
          monthIndexed()
        }
      }
      return step.value.notices
    },
    loaded: () => loaded,
    done: () => done
  }
}
