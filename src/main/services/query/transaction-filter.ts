/**
 * Turns a `TransactionFilter` into a row predicate plus the candidate rows to test (a month
 * filter only looks at that month's rows). Search semantics: case-insensitive
 * substring of recipient_note, transaction_id, pay_id or payment_method; and when the text is
 * an amount in de OR en notation, rows whose |amount| equals it — "12,50" and "12.50" both
 * find 12,50 €.
 */
import { nextMonth } from '@shared/berlin-time'
import { parseUserAmount } from '@shared/money'
import type { TransactionFilter } from '@shared/views'
import { searchTextOf, type IndexedRow } from './indexed-row'
import type { TransactionIndex } from './transaction-index'

const MAX_MONTH_WALK = 240

export type RowPredicate = (row: IndexedRow) => boolean

/** The predicate of an empty filter; the engine copies instead of testing 200k rows. */
export const MATCH_ALL: RowPredicate = () => true

/** Cents the search text could mean; a leading minus is ignored because we match |amount|. */
export function searchAmounts(text: string): Set<number> {
  const bare = text.trim().replace(/^[-\u2212]\s*/, '')
  const out = new Set<number>()
  for (const locale of ['de', 'en'] as const) {
    const r = parseUserAmount(bare, locale)
    if (r.ok) out.add(r.cents)
  }
  return out
}

export function buildPredicate(filter: TransactionFilter): RowPredicate {
  const tests: RowPredicate[] = []
  const { period } = filter
  if (period.kind === 'month') tests.push((r) => r.month === period.month)
  else if (period.kind === 'range') {
    // Inclusive Berlin dates; "YYYY-MM-DD" strings order like dates.
    const { from, to } = period
    tests.push((r) => r.date >= from && r.date <= to)
  }
  if (filter.kinds.length > 0) {
    const kinds = new Set(filter.kinds)
    tests.push((r) => kinds.has(r.view.kind))
  }
  if (filter.statuses.length > 0) {
    const statuses = new Set(filter.statuses)
    tests.push((r) => statuses.has(r.view.status))
  }
  const { amountMinCents: min, amountMaxCents: max } = filter
  if (min !== null) tests.push((r) => r.view.amount >= min)
  if (max !== null) tests.push((r) => r.view.amount <= max)
  const needle = filter.search.trim().toLowerCase()
  if (needle !== '') {
    const amounts = searchAmounts(needle)
    tests.push((r) => searchTextOf(r).includes(needle) || (amounts.size > 0 && amounts.has(Math.abs(r.view.amount))))
  }
  if (tests.length === 0) return MATCH_ALL
  if (tests.length === 1) return tests[0] as RowPredicate
  return (r) => tests.every((t) => t(r))
}

/**
 * Rows worth testing for this period, cheapest source first: a month (or a short range) reads
 * only its month buckets instead of every row.
 */
export function candidateRows(index: TransactionIndex, filter: TransactionFilter): readonly IndexedRow[] {
  const { period } = filter
  if (period.kind === 'month') return index.monthRows(period.month)
  if (period.kind === 'range' && period.from <= period.to) {
    const months: string[] = []
    const last = period.to.slice(0, 7)
    const present = new Set(index.months())
    // Bounded walk: for a range over decades the full scan is cheaper than stepping months.
    let m = period.from.slice(0, 7)
    for (let steps = 0; m <= last && steps < MAX_MONTH_WALK; steps++, m = nextMonth(m)) {
      if (present.has(m)) months.push(m)
    }
    if (m > last) return months.flatMap((month) => index.monthRows(month))
  }
  if (period.kind === 'range' && period.from > period.to) return []
  return index.baseOrder()
}
