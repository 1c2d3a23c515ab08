/** One indexed row and the small pure helpers the index, filter and sort share. */
import type { PayInTransaction } from '@shared/domain'
import type { TransactionView } from '@shared/views'
import { haystackFromLower } from './search-text'

/** A row plus precomputed filter/sort keys, so a 200k-row query does no string work per row. */
export interface IndexedRow {
  readonly view: TransactionView
  /** "YYYY-MM" / "YYYY-MM-DD" of createdAt (Berlin wall clock, docs/secpaid-api.md#data-types). */
  readonly month: string
  readonly date: string
  /** createdAt as the number YYYYMMDDHHMMSS: orders like the timestamp, compares fast. */
  readonly createdNum: number
  /**
   * Unused, always null: the search index (search-index.ts) keeps the haystacks in contiguous
   * strings per chunk instead of one string per row object. Kept so the index's row literal
   * stays valid.
   */
  searchText: string | null
  /** Position in the base order (createdAt desc, key asc); set by `baseOrder()`. */
  rank: number
}

const ROW_FIELDS: readonly (keyof PayInTransaction)[] = [
  'payId', 'transactionId', 'creatorId', 'userId', 'amount', 'netAmount', 'serviceFee', 'serviceFeePsp',
  'status', 'recipientNote', 'payoutStatus', 'createdAt', 'isSplitLink', 'isDispute', 'isRefund',
  'paymentMethod', 'transactionType'
]

export function sameRow(a: PayInTransaction, b: PayInTransaction): boolean {
  return ROW_FIELDS.every((f) => a[f] === b[f])
}

/** "YYYY-MM-DD HH:MM:SS" → YYYYMMDDHHMMSS without a regex or string copies (200k rows). */
export function timestampNumber(ts: string): number {
  let n = 0
  for (let i = 0; i < ts.length; i++) {
    const c = ts.charCodeAt(i) - 48
    if (c >= 0 && c <= 9) n = n * 10 + c
  }
  return n
}

/** The row's normalised search haystack (search-text.ts); not cached on the row. */
export function rowHaystack(row: IndexedRow): string {
  const v = row.view
  return haystackFromLower(`${v.recipientNote}\u0000${v.transactionId ?? ''}\u0000${v.payId}\u0000${v.paymentMethod ?? ''}`.toLowerCase())
}

/** Same as `rowHaystack` (the name other modules import). */
export const searchTextOf = rowHaystack

