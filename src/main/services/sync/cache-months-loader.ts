/**
 * Feeds the transaction cache into the index one month at a time, newest first
 * (docs/architecture.md#progressive-start). The first month replaces the index's content; every
 * later one is added with `upsert`, which also re-derives refund state of pay_id groups that span
 * months (a refund entry is never older than its payment, so newest-first shows refunds early and
 * completes the payment's view when its month arrives).
 */
import type { TransactionIndex } from '../query/transaction-index'
import type { CacheNotice, TransactionCache } from '../storage/transaction-cache'

export interface CacheMonthsLoader {
  readonly total: number
  /** Found before any month was read (meta set aside, months vanished from disk). */
  readonly notices: CacheNotice[]
  /** Indexes the next month; returns its notices, or null when every month is indexed. */
  next(): CacheNotice[] | null
  loaded(): number
  done(): boolean
}

export function loadCacheMonths(cache: TransactionCache, index: Pick<TransactionIndex, 'reset' | 'upsert'>): CacheMonthsLoader {
  const loader = cache.loadMonths()
  const it = loader[Symbol.iterator]()
  let loaded = 0
  let first = true
  let done = false
  return {
    total: loader.monthsTotal,
    notices: loader.notices,
    next() {
      if (done) return null
      const step = it.next()
      if (step.done === true) {
        done = true
        // An empty cache still empties the index (a reload after wipe).
        if (first) index.reset([])
        first = false
        return null
      }
      if (first) index.reset(step.value.rows)
      else index.upsert(step.value.rows)
      first = false
      loaded++
      if (loaded >= loader.monthsTotal) {
        // Let the iterator finish (it writes a repaired meta.json once everything was read).
        done = it.next().done === true
      }
      return step.value.notices
    },
    loaded: () => loaded,
    done: () => done
  }
}
