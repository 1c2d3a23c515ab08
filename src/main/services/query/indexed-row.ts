/** One indexed row and the small pure helpers the index, filter and sort share. */
import type { PayInTransaction } from '@shared/domain'
import type { RowKind, TransactionView } from '@shared/views'
import { haystackFromLower } from './search-text'

/** A row plus precomputed filter/sort keys, so a 200k-row query does no string work per row. */
export interface IndexedRow {
  /**
   * The row as the renderer and exports see it. Built on first read and then kept (the same
   * object for as long as the row and its derived values stay): most rows of a 200k cache are
   * never shown, so building 200k views on every open would be allocation for nothing.
   */
  readonly view: TransactionView
  /** The row's fields: the object the cache or the sync handed in, or the view once built (never changed). */
  readonly row: PayInTransaction
  readonly key: string
  readonly kind: RowKind
  /** "YYYY-MM" / "YYYY-MM-DD" of createdAt (Berlin wall clock, docs/secpaid-api.md#data-types). */
  readonly month: string
  readonly date: string
  /** createdAt as the number YYYYMMDDHHMMSS: orders like the timestamp, compares fast. */
  readonly createdNum: number
  /**
   * Unused, always null: the search index (search-index.ts) keeps the haystacks in contiguous
   * strings per chunk instead of one string per row object. Kept because bench/query-bench.ts
   * still resets it between runs.
   */
  searchText: string | null
  /** Position in the base order (createdAt desc, key asc); set by `baseOrder()`. */
  rank: number
}

/** The derived values of a row (views.ts): refund amounts and state, for payments only. */
export interface DerivedRefund {
  readonly refundedCents: number
  readonly pendingRefundCents: number
  readonly refundState: TransactionView['refundState']
}

/** `rank` of a row not yet placed in the base order. */
export const UNRANKED = -1

/** The index's row: stored row + derived values, with the view made on demand (see `view`). */
export class StoredRow implements IndexedRow {
  searchText: string | null = null
  rank = UNRANKED
  /** The row's fields: the object handed in, or this entry's view once built (it holds them all). */
  private source: PayInTransaction
  private built: TransactionView | null = null

  constructor(
    row: PayInTransaction,
    readonly key: string,
    readonly kind: RowKind,
    readonly derived: DerivedRefund,
    readonly month: string,
    readonly date: string,
    readonly createdNum: number
  ) {
    this.source = row
  }

  get row(): PayInTransaction {
    return this.source
  }

  get view(): TransactionView {
    if (this.built === null) {
      const r = this.source
      const d = this.derived
      // Only the known fields: a stored row may carry more (it is what the cache decoded).
      this.built = {
        payId: r.payId, transactionId: r.transactionId, creatorId: r.creatorId, userId: r.userId,
        amount: r.amount, netAmount: r.netAmount, serviceFee: r.serviceFee, serviceFeePsp: r.serviceFeePsp,
        status: r.status, recipientNote: r.recipientNote, payoutStatus: r.payoutStatus, createdAt: r.createdAt,
        isSplitLink: r.isSplitLink, isDispute: r.isDispute, isRefund: r.isRefund,
        paymentMethod: r.paymentMethod, transactionType: r.transactionType,
        key: this.key, kind: this.kind, refundedCents: d.refundedCents, pendingRefundCents: d.pendingRefundCents, refundState: d.refundState
      }
      // The view carries every row field: the row handed in is no longer needed (once a full
      // sync or an export has read every view, each row is held once, not twice).
      this.source = this.built
    }
    return this.built
  }
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
  const v = row.row
  return haystackFromLower(`${v.recipientNote}\u0000${v.transactionId ?? ''}\u0000${v.payId}\u0000${v.paymentMethod ?? ''}`.toLowerCase())
}

/** Same as `rowHaystack` (the name other modules import). */
export const searchTextOf = rowHaystack

