/**
 * The simulator's own row shapes. Rows are stored wire-shaped (exactly what getPayInTransactions
 * sends, docs/secpaid-api.md#getpayintransactions) plus internal bookkeeping that the real API does
 * not expose.
 */
import type { Cents } from '@shared/domain'

export type WireBool = 'true' | 'false'

/** One getPayInTransactions row as sent on the wire (docs/secpaid-api.md#getpayintransactions). */
export interface PayInWireRow {
  pay_id: string
  creator_id: string
  user_id: string
  transaction_id: string
  amount: string
  net_amount: string
  service_fee: string
  service_fee_psp: string
  status: string
  recipient_note: string
  payout_status: string
  created_at: string
  is_split_link: WireBool
  is_dispute: WireBool
  is_refund: WireBool
  payment_method: string | null
  transaction_type: string
}

/**
 * One getPayOutTransactions row (docs/secpaid-api.md#getpayouttransactions): service_fee and
 * net_amount are JSON numbers there.
 */
export interface PayOutWireRow {
  payout_id: string
  user_id: string
  transaction_id: string
  payout_amount: string
  service_fee: number
  net_amount: number
  payout_status: 'InProgress' | 'Approved'
  request_date: string
  created_at: string
  is_split_link: WireBool
  is_dispute: WireBool
  is_refund: WireBool
  transaction_type: 'Basic' | 'Split'
}

export interface StoredRow {
  wire: PayInWireRow
  /** Instant of created_at; the sort key (newest first). */
  createdAtMs: number
  /** Insertion order; the stable tiebreak for equal created_at. */
  seq: number
  amountCents: Cents
  netCents: Cents
  feeCents: Cents
  /** Cache for row-factory's searchTextOf(); undefined until the first search. */
  searchText: string | undefined
}

/**
 * Dispute state of a payment. 'won' means the disputing customer won (chargeback final);
 * 'lost' means the merchant won and the withheld amount came back ("Dispute Refund" entry).
 * The refunds page blocks refunds on an "open or won" dispute.
 */
export type DisputeState = 'none' | 'open' | 'won' | 'lost'

/** Internal facts about one payment (= one link, one pay_id) that the wire row cannot carry. */
export interface PaymentMeta {
  payId: string
  original: StoredRow
  /**
   * Entries sharing the pay_id: Refund, Dispute, Dispute Refund
   * (docs/secpaid-api.md#refund-and-dispute-entries).
   */
  entries: StoredRow[]
  /**
   * No API field carries this; the refund rule "Link is cancelled" needs it
   * (docs/secpaid-api.md#rejections).
   */
  linkState: 'used' | 'cancelled'
  /**
   * docs/secpaid-api.md#cancelled-and-invoice-type-links-have-no-field: invoice-type links are
   * shown as Basic rows; only this flag marks them.
   */
  isInvoice: boolean
  dispute: DisputeState
  /** Sum of approved refunds (positive cents). */
  refundedCents: Cents
}

export type RefundRequestStatus = 'pending' | 'approved' | 'denied'

export interface RefundRequest {
  id: number
  payId: string
  amount: string
  isFullRefund: boolean
  status: RefundRequestStatus
  requestedAt: string
  decidedAt: string | null
  reason: string | null
  /** The negative Refund entry created on approval. */
  refundTransactionId: string | null
}
