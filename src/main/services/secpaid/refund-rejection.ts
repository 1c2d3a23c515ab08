/**
 * Maps SecPaid's free-text ResponseMsg to stable codes (docs/secpaid-api.md#rejections).
 *
 * Messages differ between doc generations and may be localised
 * (docs/secpaid-api.md#localised-messages), so matching is case-insensitive substring matching and
 * the raw text is always kept next to the code.
 */
import type { Cents } from '@shared/domain'
import type { RefundRejectionCode } from './errors'

/** What the caller knows about the refund it sent; used to disambiguate "Invalid refund amount". */
export interface RefundRejectionContext {
  amountSent?: Cents
  originalAmount?: Cents
}

/**
 * docs/secpaid-api.md#authentication: "Incorrect token or missing token", "Please enter token";
 * fallback: any "token".
 */
export function isAuthFailureMessage(message: string): boolean {
  return /token/i.test(message)
}

const RULES: ReadonlyArray<readonly [RegExp, RefundRejectionCode]> = [
  // "Refund already requested"; how-to wording "a pending refund already exists" (duplicate).
  [/already requested|already exists|duplicate|pending refund/i, 'duplicate_pending'],
  // "Refund blocked by dispute"
  [/disput/i, 'dispute'],
  // "Cannot refund invoice-type links"
  [/invoice/i, 'invoice'],
  // "Link is cancelled" (also US spelling)
  [/cancell?ed|cancel/i, 'link_cancelled'],
  // "Invalid link ID" (reference) / "Link not found" (concepts, errors page)
  [/invalid link|link not found|not found|invalid pay_?id|no such/i, 'not_found'],
  // wording that names the cause explicitly
  [/exceed|greater than|more than|higher than|larger than/i, 'amount_exceeds'],
  // "Please enter pay_id", "Please enter refund_amount", "Refund amount is required" (errors page:
  // missing; concepts: ≤ 0 — the client never sends ≤ 0, so treat as missing, see below)
  [/please enter|is required|required|missing/i, 'missing_field'],
  // "Invalid refund amount": > original (reference, concepts) or ≤ 0 (reference) — ambiguous
  [/invalid refund amount|invalid amount|amount/i, 'invalid_amount']
]

/**
 * Classifies a refundPayment error message. With context, "Invalid refund amount" becomes
 * `amount_exceeds` when the amount sent was above the original, and any amount/required message
 * becomes `invalid_amount` when the amount sent was ≤ 0.
 */
export function classifyRefundRejection(
  message: string,
  context: RefundRejectionContext = {}
): RefundRejectionCode {
  const rule = RULES.find(([re]) => re.test(message))
  const code: RefundRejectionCode = rule ? rule[1] : 'unknown'
  const { amountSent, originalAmount } = context
  if (code === 'invalid_amount' || code === 'missing_field') {
    const aboutAmount = /amount/i.test(message)
    if (aboutAmount && amountSent !== undefined && amountSent <= 0) return 'invalid_amount'
    if (
      code === 'invalid_amount' &&
      amountSent !== undefined &&
      originalAmount !== undefined &&
      amountSent > originalAmount
    ) {
      return 'amount_exceeds'
    }
  }
  return code
}

// One rule for what a rejection means later, shared with the eligibility check.
export { isPermanentRefundRejection } from '@shared/refund-rejections'
