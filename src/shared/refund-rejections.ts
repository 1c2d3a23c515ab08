/**
 * Why SecPaid refused a refundPayment, as stable codes, and what such a refusal means for later
 * requests. SecPaid answers with free text only; main maps it to these codes
 * (services/secpaid/refund-rejection.ts), the ledger stores them and the renderer translates them.
 */
import type { RefundBlockReason } from './views'

/** `unknown` for text we could not match (the raw text is always kept next to the code). */
export const REFUND_REJECTION_CODES = [
  'amount_exceeds',
  'duplicate_pending',
  'link_cancelled',
  'invoice',
  'dispute',
  'not_found',
  'invalid_amount',
  'missing_field',
  'unknown'
] as const
export type RefundRejectionCode = (typeof REFUND_REJECTION_CODES)[number]

export function isRefundRejectionCode(code: string | null | undefined): code is RefundRejectionCode {
  return typeof code === 'string' && (REFUND_REJECTION_CODES as readonly string[]).includes(code)
}

/**
 * Rejections that describe the payment link itself. The API has no field for "link cancelled" or
 * "invoice-type link"; we only learn it from such a rejection, and it holds for every later request
 * for the same pay_id, so the payment is blocked locally with this reason.
 */
const LINK_BLOCKS: Partial<Record<RefundRejectionCode, RefundBlockReason>> = {
  link_cancelled: 'cancelled_link',
  invoice: 'invoice',
  dispute: 'disputed'
}

/** The block reason a rejected request leaves on its payment, or null if a new request may succeed. */
export function blockReasonOfRejection(code: string | null | undefined): RefundBlockReason | null {
  return isRefundRejectionCode(code) ? (LINK_BLOCKS[code] ?? null) : null
}

/**
 * Whether retrying the same request cannot succeed. Besides the link blocks above this includes
 * `duplicate_pending`: it refuses every request while another one is pending — which the
 * open-request rule of the eligibility check already covers, so it blocks nothing by itself.
 */
export function isPermanentRefundRejection(code: RefundRejectionCode): boolean {
  return code === 'duplicate_pending' || blockReasonOfRejection(code) !== null
}
