/** One indexed row and the small pure helpers the index, filter and sort share. */
import type { PayInTransaction } from '@shared/domain'
import type { TransactionView } from '@shared/views'

/** A row plus precomputed filter/sort keys, so a 200k-row query does no string work per row. */
export interface IndexedRow {
  readonly view: TransactionView
  /** "YYYY-MM" / "YYYY-MM-DD" of createdAt (Berlin wall clock, docs/secpaid-api.md#data-types). */
  readonly month: string
  readonly date: string
  /** createdAt as the number YYYYMMDDHHMMSS: orders like the timestamp, compares fast. */
  readonly createdNum: number
  /** Lowercased recipient_note, transaction_id, pay_id, payment_method; built on first search. */
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

export function searchTextOf(row: IndexedRow): string {
  if (row.searchText === null) {
    const v = row.view
    row.searchText = `${v.recipientNote}\u0000${v.transactionId ?? ''}\u0000${v.payId}\u0000${v.paymentMethod ?? ''}`.toLowerCase()
  }
  return row.searchText
}

