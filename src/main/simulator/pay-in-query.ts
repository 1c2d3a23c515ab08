/**
 * getPayInTransactions filtering (docs/secpaid-api.md#getpayintransactions). Filters are AND-combined.
 * Rows are pre-sorted newest first, so `date` and `since` become one index range found by binary
 * search; only `search` needs a scan of that range. A 1000-row page of 200k rows stays cheap.
 */
import type { Cents } from '@shared/domain'
import { addDays, berlinDay } from './berlin-clock'
import { searchTextOf } from './row-factory'
import type { SimulatorStore } from './store'
import type { PayInWireRow, StoredRow } from './types'

export interface PayInQuery {
  page: number
  limit: number
  /** Lowercased; substring of recipient_note, amount, transaction_id or payment_method. */
  search?: string
  /** Berlin day "YYYY-MM-DD". */
  date?: string
  /**
   * docs/secpaid-api.md#since-means-the-last-n-berlin-days, our reading: N > 0 = Berlin calendar
   * days today−N … today (like Laravel's whereDate(created_at, '>=', now()->subDays(N))); 0 or
   * absent = no restriction.
   */
  sinceDays?: number
  payId?: string
}

export interface PayInResult {
  rows: PayInWireRow[]
  total: number
  /** Our reading (undocumented): sum of net_amount over all matching Success rows not yet paid out. */
  expectedPayoutCents: Cents
}

/** First index whose created_at is < bound (rows are sorted descending). */
function firstBelow(rows: StoredRow[], bound: string): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((rows[mid]?.wire.created_at ?? '') >= bound) lo = mid + 1
    else hi = mid
  }
  return lo
}

const expectedOf = (row: StoredRow): Cents =>
  row.wire.status === 'Success' && row.wire.payout_status === 'Pending' ? row.netCents : 0

/** expected_payout of the unfiltered list, per store and store version. */
const fullRangeCache = new WeakMap<SimulatorStore, { version: number; expected: Cents }>()

export function queryPayIns(store: SimulatorStore, q: PayInQuery, nowMs: number): PayInResult {
  let rows: StoredRow[] = store.sorted
  if (q.payId !== undefined) {
    const meta = store.payment(q.payId)
    rows = meta ? store.rowsOf(meta) : []
  }
  // created_at begins with the Berlin day, so day bounds are string comparisons.
  let start = 0
  let end = rows.length
  if (q.date !== undefined) {
    start = firstBelow(rows, q.date + ' 99')
    end = firstBelow(rows, q.date)
  }
  if (q.sinceDays !== undefined && q.sinceDays > 0) {
    end = Math.min(end, firstBelow(rows, addDays(berlinDay(nowMs), -q.sinceDays)))
  }
  const first = (q.page - 1) * q.limit
  const page: PayInWireRow[] = []
  if (q.search === undefined) {
    for (let i = start + first; i < Math.min(end, start + first + q.limit); i++) {
      const row = rows[i]
      if (row) page.push(row.wire)
    }
    return { rows: page, total: Math.max(0, end - start), expectedPayoutCents: sumExpected(store, rows, start, end) }
  }
  let total = 0
  let expected = 0
  for (let i = start; i < end; i++) {
    const row = rows[i]
    if (!row || !searchTextOf(row).includes(q.search)) continue
    if (total >= first && total < first + q.limit) page.push(row.wire)
    total++
    expected += expectedOf(row)
  }
  return { rows: page, total, expectedPayoutCents: expected }
}

function sumExpected(store: SimulatorStore, rows: StoredRow[], start: number, end: number): Cents {
  const whole = rows === store.sorted && start === 0 && end === rows.length
  const cached = whole ? fullRangeCache.get(store) : undefined
  if (cached && cached.version === store.version) return cached.expected
  let sum = 0
  for (let i = start; i < end; i++) {
    const row = rows[i]
    if (row) sum += expectedOf(row)
  }
  if (whole) fullRangeCache.set(store, { version: store.version, expected: sum })
  return sum
}

/**
 * Builds the search texts in the background, 5k rows per event-loop turn, so the first
 * `search` on a large dataset is as fast as later ones without slowing startup.
 */
export function warmSearchIndex(store: SimulatorStore, signal: AbortSignal): void {
  let i = 0
  const step = (): void => {
    if (signal.aborted) return
    const stop = Math.min(store.sorted.length, i + 5_000)
    for (; i < stop; i++) {
      const row = store.sorted[i]
      if (row) searchTextOf(row)
    }
    if (i < store.sorted.length) setImmediate(step)
  }
  setImmediate(step)
}
