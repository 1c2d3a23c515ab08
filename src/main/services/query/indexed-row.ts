/** One indexed row and the small pure helpers the index, filter and sort share. */
import type { PayInTransaction } from '@shared/domain'
import type { RowKind, TransactionView } from '@shared/views'
import type { EncodedRow } from '../storage/transaction-shard-codec'
import { haystackFromLower } from './search-text'

/** A row plus precomputed filter/sort keys, so a 200k-row query does no string work per row. */
export interface IndexedRow {
  /**
   * The row as the renderer and exports see it. Built on first read and then kept (the same
   * object for as long as the row and its derived values stay): most rows of a 200k cache are
   * never shown, so building 200k views on every open would be allocation for nothing.
   */
  readonly view: TransactionView
  /** The row's fields (read them, never spread them): the entry's cells, or its view once built. */
  readonly row: PayInTransaction
  /** The row in the cache's column order (what the cache stores; shared, never changed). */
  readonly cells: EncodedRow
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

/**
 * The row's fields read from its cells (the cache's column order, transaction-shard-codec.ts): a
 * cold open hands the index the arrays `JSON.parse` made of the month files, and building a
 * second object with the same 17 fields per row cost 200k allocations that the garbage collector
 * then copied twice. The cells are validated by the cache (`isRowOfMonth`), so the casts hold.
 */
class RowCells implements PayInTransaction {
  constructor(readonly cells: EncodedRow) {}
  get payId(): string { return this.cells[0] as string }
  get transactionId(): string | null { return this.cells[1] as string | null }
  get creatorId(): string | null { return this.cells[2] as string | null }
  get userId(): string | null { return this.cells[3] as string | null }
  get amount(): number { return this.cells[4] as number }
  get netAmount(): number | null { return this.cells[5] as number | null }
  get serviceFee(): number | null { return this.cells[6] as number | null }
  get serviceFeePsp(): number | null { return this.cells[7] as number | null }
  get status(): string { return this.cells[8] as string }
  get recipientNote(): string { return this.cells[9] as string }
  get payoutStatus(): string | null { return this.cells[10] as string | null }
  get createdAt(): string { return this.cells[11] as string }
  get isSplitLink(): boolean { return this.cells[12] as boolean }
  get isDispute(): boolean { return this.cells[13] as boolean }
  get isRefund(): boolean { return this.cells[14] as boolean }
  get paymentMethod(): string | null { return this.cells[15] as string | null }
  get transactionType(): string { return this.cells[16] as string }
}

/**
 * The index's row: its cells + derived values, with the view made on demand (see `view`). Until
 * a view exists, `row` is the entry itself (its fields are getters over the cells, so reading
 * `row.amount` costs no object); once built, the view (a plain object with every field).
 * Consumers only read fields of `row` (filters, sort keys, the cache's encoder), never spread it.
 */
export class StoredRow extends RowCells implements IndexedRow {
  searchText: string | null = null
  rank = UNRANKED
  private built: TransactionView | null = null

  constructor(
    cells: EncodedRow,
    readonly key: string,
    readonly kind: RowKind,
    readonly derived: DerivedRefund,
    readonly month: string,
    readonly date: string,
    readonly createdNum: number
  ) {
    super(cells)
  }

  get row(): PayInTransaction {
    return this.built ?? this
  }

  get view(): TransactionView {
    if (this.built === null) {
      const d = this.derived
      // Only the known fields, in the row's field order.
      this.built = {
        payId: this.payId, transactionId: this.transactionId, creatorId: this.creatorId, userId: this.userId,
        amount: this.amount, netAmount: this.netAmount, serviceFee: this.serviceFee, serviceFeePsp: this.serviceFeePsp,
        status: this.status, recipientNote: this.recipientNote, payoutStatus: this.payoutStatus, createdAt: this.createdAt,
        isSplitLink: this.isSplitLink, isDispute: this.isDispute, isRefund: this.isRefund,
        paymentMethod: this.paymentMethod, transactionType: this.transactionType,
        key: this.key, kind: this.kind, refundedCents: d.refundedCents, pendingRefundCents: d.pendingRefundCents, refundState: d.refundState
      }
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

