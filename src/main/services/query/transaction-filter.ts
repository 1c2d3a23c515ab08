/**
 * Turns a `TransactionFilter` into the candidate rows to test (a month filter only looks at that
 * month's rows), a predicate for everything but the search text, and the compiled search (which
 * the engine answers through the search index, search-index.ts).
 *
 * Search semantics (docs/architecture.md#search): a row matches when
 * - its normalised recipient_note, transaction_id, pay_id or payment_method contains the
 *   normalised search text (case-insensitive, diacritics folded: search-text.ts), OR
 * - the whole search text is an amount in de OR en notation and |amount| equals it exactly:
 *   "12,50", "12.50", "12,50 €", "€ 12,50", "-12,50", "1.234,56", "1234,56", "1,234.56" and
 *   "1234.56" all find ±12,50 € / ±1.234,56 €. Only the whole amount counts: "12,50" does not
 *   find 112,50 € (a bookkeeper typing an amount means that amount).
 */
import { nextMonth } from '@shared/berlin-time'
import { parseUserAmount } from '@shared/money'
import type { TransactionFilter } from '@shared/views'
import type { IndexedRow } from './indexed-row'
import { needleOf, type Needle } from './search-text'
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

/** The search part of a filter, compiled once per query. */
export interface CompiledSearch {
  /** The text half: monotonic as the user types on, so results narrow (search-text.ts). */
  readonly needle: Needle
  /** |amount| values the whole text denotes (empty when it is no amount). */
  readonly amounts: ReadonlySet<number>
}

export function compileSearch(search: string): CompiledSearch | null {
  const needle = needleOf(search)
  return needle === null ? null : { needle, amounts: searchAmounts(search) }
}

/** Everything of the filter except the search text (period, kinds, statuses, amount range). */
export function buildBasePredicate(filter: TransactionFilter): RowPredicate {
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
    tests.push((r) => kinds.has(r.kind))
  }
  if (filter.statuses.length > 0) {
    const statuses = new Set(filter.statuses)
    tests.push((r) => statuses.has(r.row.status))
  }
  const { amountMinCents: min, amountMaxCents: max } = filter
  if (min !== null) tests.push((r) => r.row.amount >= min)
  if (max !== null) tests.push((r) => r.row.amount <= max)
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
