/**
 * refundPayment validation (the refunds page's "Validation Rules"; docs/secpaid-api.md#rejections).
 * Messages are the reference page's where the docs conflict ("Link not found" per concepts/errors
 * pages for the unknown id, "Invalid refund amount" for ≤ 0).
 *
 * Order: presence → amount syntax → link lookup → permanent link states (cancelled, invoice,
 * dispute) → pending duplicate → amount vs. remaining. "Refund already requested" comes before the
 * amount check so a blind resend of the same request always reads as a duplicate
 * (docs/secpaid-api.md#no-idempotency).
 *
 * docs/secpaid-api.md#one-request-per-link--after-a-decision — what after a decision? Concepts says
 * "one request per link", the how-to only rejects *pending* duplicates. We implement the how-to
 * reading, bounded by money already returned: after a denial a new request is allowed; after an
 * approval a further request is allowed only up to original − approved refunds, otherwise "Invalid
 * refund amount". docs/secpaid-api.md#the-limit-is-the-gross-amount: the limit is the gross
 * `amount`, not net_amount. docs/secpaid-api.md#split-links-and-isfullrefund: isFullRefund is
 * recorded but not required to match the amount.
 */
import type { Cents } from '@shared/domain'
import { parseApiAmount } from '@shared/money'
import type { SimulatorStore } from './store'
import type { RefundRequest } from './types'

export const REFUND_MESSAGES = {
  success: 'Refund request has been sent successfully, You will get update within 5-10 days',
  missingPayId: 'Please enter pay_id',
  missingAmount: 'Please enter refund_amount',
  invalidAmount: 'Invalid refund amount',
  notFound: 'Link not found',
  duplicate: 'Refund already requested',
  cancelled: 'Link is cancelled',
  invoice: 'Cannot refund invoice-type links',
  dispute: 'Refund blocked by dispute'
} as const

export type RefundOutcome = { ok: true; request: RefundRequest } | { ok: false; message: string }

const isMissing = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

function parsePositiveCents(value: unknown): Cents | null {
  try {
    const cents = parseApiAmount(typeof value === 'string' ? value.trim() : value)
    return cents > 0 ? cents : null
  } catch {
    return null
  }
}

/** JSON may send true/1, forms send "true"/"1" (the docs show both a boolean and the string "true"). */
export function readFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1
  return typeof value === 'string' && ['true', '1', 'yes'].includes(value.trim().toLowerCase())
}

export function submitRefund(
  store: SimulatorStore,
  params: { pay_id?: unknown; refund_amount?: unknown; isFullRefund?: unknown },
  nowMs: number
): RefundOutcome {
  const fail = (message: string): RefundOutcome => ({ ok: false, message })
  if (isMissing(params.pay_id)) return fail(REFUND_MESSAGES.missingPayId)
  if (isMissing(params.refund_amount)) return fail(REFUND_MESSAGES.missingAmount)
  const cents = parsePositiveCents(params.refund_amount)
  if (cents === null) return fail(REFUND_MESSAGES.invalidAmount)
  const payId = typeof params.pay_id === 'number' || typeof params.pay_id === 'string' ? String(params.pay_id).trim() : ''
  // Refund/dispute entries share the payment's pay_id
  // (docs/secpaid-api.md#refund-and-dispute-entries), so this always finds the original.
  const meta = /^\d+$/.test(payId) ? store.payment(payId) : undefined
  if (!meta) return fail(REFUND_MESSAGES.notFound)
  if (meta.linkState === 'cancelled') return fail(REFUND_MESSAGES.cancelled)
  if (meta.isInvoice) return fail(REFUND_MESSAGES.invoice)
  if (meta.dispute === 'open' || meta.dispute === 'won') return fail(REFUND_MESSAGES.dispute)
  if (store.pendingRequest(payId)) return fail(REFUND_MESSAGES.duplicate)
  if (cents > meta.original.amountCents - meta.refundedCents) return fail(REFUND_MESSAGES.invalidAmount)
  return { ok: true, request: store.addRequest(payId, cents, readFlag(params.isFullRefund), nowMs) }
}
