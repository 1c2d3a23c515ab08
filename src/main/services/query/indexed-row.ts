/** One indexed row and the small pure helpers the index, filter and sort share. */
import type { PayInTransaction } from '@shared/domain'
import type { RowKind, TransactionView } from '@shared/views'
import { cellsKey } from '../storage/transaction-cache'
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
  /** The row's fields (read them, never spread them): see StoredRow and CellsRow. */
  readonly row: PayInTransaction
  readonly key: string
  readonly kind: RowKind
  /** "YYYY-MM" / "YYYY-MM-DD" of createdAt (Berlin wall clock, docs/secpaid-api.md#data-types). */
  readonly month: string
  readonly date: string
  /** createdAt as the number YYYYMMDDHHMMSS: orders like the timestamp, compares fast. */
  readonly createdNum: number
  /** Position in the base order (createdAt desc, key asc); set by `baseOrder()`. */
  rank: number
}

/** The derived values of a row (views.ts): refund amounts and state, for payments only. */
export interface DerivedRefund {
  readonly refundedCents: number
  readonly pendingRefundCents: number
  readonly refundState: TransactionView['refundState']
}

/** Orders keys as strings (code units), the base order's tie-break. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The base order: createdAt desc, then key asc. */
export const compareBase = (a: IndexedRow, b: IndexedRow): number => b.createdNum - a.createdNum || compareKeys(a.key, b.key)

/** `rank` of a row not yet placed in the base order. */
export const UNRANKED = -1

/**
 * An index entry: the row's key, kind, Berlin month and day, createdAt as a number and derived
 * refund values, with the view made on demand (see `view`). Two kinds, by where the row came
 * from: `StoredRow` keeps the object a sync handed in, `CellsRow` the cells a cold open read.
 */
abstract class IndexEntry implements IndexedRow {
  rank = UNRANKED
  protected built: TransactionView | null = null

  constructor(
    readonly kind: RowKind,
    // Changed in place only by `CellsRow.rederive` (see there).
    public derived: DerivedRefund,
    readonly month: string,
    readonly date: string,
    readonly createdNum: number
  ) {}

  abstract readonly key: string
  abstract get row(): PayInTransaction

  get view(): TransactionView {
    if (this.built === null) {
      const r = this.row
      const d = this.derived
      // Only the known fields: a stored row may carry more (it is what the sync handed in).
      this.built = {
        payId: r.payId, transactionId: r.transactionId, creatorId: r.creatorId, userId: r.userId,
        amount: r.amount, netAmount: r.netAmount, serviceFee: r.serviceFee, serviceFeePsp: r.serviceFeePsp,
        status: r.status, recipientNote: r.recipientNote, payoutStatus: r.payoutStatus, createdAt: r.createdAt,
        isSplitLink: r.isSplitLink, isDispute: r.isDispute, isRefund: r.isRefund,
        paymentMethod: r.paymentMethod, transactionType: r.transactionType,
        key: this.key, kind: this.kind, refundedCents: d.refundedCents, pendingRefundCents: d.pendingRefundCents, refundState: d.refundState
      }
      this.viewBuilt()
    }
    return this.built
  }

  /** Called once the view exists (it holds every row field). */
  protected viewBuilt(): void {}
}

/**
 * An entry of a row a sync (or a refresh) handed in: the object is kept, not copied — encoding it
 * into cells here cost a 200k-row first sync ~0.2 s of CPU that the cache's writer then saved
 * only in part. `row` is that object, or the view once built (the object is let go then: a full
 * sync, which reads every view, holds each row once).
 */
export class StoredRow extends IndexEntry {
  constructor(
    private source: PayInTransaction,
    readonly key: string,
    kind: RowKind,
    derived: DerivedRefund,
    month: string,
    date: string,
    createdNum: number
  ) {
    super(kind, derived, month, date, createdNum)
  }

  get row(): PayInTransaction {
    return this.source
  }

  protected override viewBuilt(): void {
    this.source = this.built as TransactionView
  }
}

/**
 * An entry of a row read from the cache: its cells are the array `JSON.parse` made of the month
 * file (the cache's column order, transaction-shard-codec.ts), validated by the cache
 * (`isRowOfMonth`), so the casts hold. Building a second object with the same 17 fields per row
 * cost a cold open 200k allocations that the garbage collector then copied twice. Until a view
 * exists, `row` is the entry itself: its field names are getters over the cells, so reading
 * `row.amount` costs no object; consumers read fields of `row` (filters, sort keys, the cache's
 * encoder, which takes `cells` as they are), never spread it.
 */
export class CellsRow extends IndexEntry implements PayInTransaction {
  constructor(
    readonly cells: EncodedRow,
    // null: made from the cells on first read (a cold open builds no key strings, see
    // transaction-index.ts).
    private cachedKey: string | null,
    kind: RowKind,
    derived: DerivedRefund,
    month: string,
    date: string,
    createdNum: number
  ) {
    super(kind, derived, month, date, createdNum)
  }

  get key(): string {
    return (this.cachedKey ??= cellsKey(this.cells))
  }

  get row(): PayInTransaction {
    return this.built ?? this
  }

  /**
   * New refund values for an entry of a cold open that is not in the index's maps yet: changed in
   * place (it sits in the base order and the month lists as it is), its view made again on read.
   */
  rederive(derived: DerivedRefund): void {
    this.derived = derived
    this.built = null
  }

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

/** An entry of the index, either kind. */
export type IndexRowEntry = StoredRow | CellsRow

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

