/**
 * How a pay-in row counts for a bookkeeper (payment, refund entry, dispute entry).
 *
 * The documented `transaction_type` decides first (docs/secpaid-api.md#getpayintransactions,
 * docs/secpaid-api.md#refund-and-dispute-entries). Only when the type does not say "refund" or
 * "dispute" do we fall back to the sign of the amount, because the doc leaves open which rows carry
 * `is_refund` (docs/secpaid-api.md#which-rows-carry-is_refund-and-the-sign-of-refund-entries) and
 * an unknown future type must not inflate gross pay-ins. `is_refund` alone never makes a refund:
 * our simulator (and possibly SecPaid) also flags the ORIGINAL payment with is_refund "true" once
 * it was refunded, and that row is still a positive payment.
 */
import type { PayInTransaction } from '@shared/domain'
import type { RowKind } from '@shared/views'

type KindInput = Pick<PayInTransaction, 'transactionType' | 'amount' | 'isRefund'>

const BY_TYPE: ReadonlyMap<string, RowKind> = new Map<string, RowKind>([
  ['refund', 'refund'],
  ['dispute refund', 'dispute_refund'],
  ['dispute', 'dispute']
])

/**
 * The documented kind a raw `transaction_type` spells, or null. Memoised by the raw text: a sync
 * classifies 200k rows with a handful of distinct types, and normalising each one would allocate
 * three strings per row. Bounded, so odd data cannot grow it without limit.
 */
const typeMemo = new Map<string, RowKind | null>()
const TYPE_MEMO_LIMIT = 256

function kindByType(type: string): RowKind | null {
  let kind = typeMemo.get(type)
  if (kind === undefined) {
    // Case/space-insensitive: the docs spell types consistently, but old pages differ elsewhere.
    kind = BY_TYPE.get(type.trim().replace(/\s+/g, ' ').toLowerCase()) ?? null
    if (typeMemo.size < TYPE_MEMO_LIMIT) typeMemo.set(type, kind)
  }
  return kind
}

export function rowKindOf(row: KindInput): RowKind {
  return kindOf(row.transactionType, row.amount)
}

/** `rowKindOf` from the two values it reads (a cold open has them as cells, not as a row object). */
export function kindOf(transactionType: string, amount: number): RowKind {
  const byType = kindByType(transactionType)
  if (byType !== null) return byType
  // Defensive OR (docs/secpaid-api.md#refund-and-dispute-entries): a negative row that is not a
  // documented dispute entry is money going back to the customer. This covers "is_refund true +
  // negative amount" on an unknown type, and also a negative row without the flag (counting it as a
  // payment would hide it: gross pay-ins only sum positive payment rows).
  if (amount < 0) return 'refund'
  return 'payment'
}

/** Kinds that reduce what a payment can still be refunded by (dispute refunds do not). */
export function isRefundEntry(kind: RowKind): boolean {
  return kind === 'refund'
}
