/**
 * Can this payment be refunded, and how much? Pure functions over cached rows and the ledger.
 *
 * Rules: SecPaid's documented ones (docs/secpaid-api.md#refundpayment: 0 < amount ≤ original,
 * Success, not a refund or dispute entry, no open or won dispute, not cancelled/invoice, one
 * pending request per link) plus stricter local ones (≤ original − refunded − pending, online, a
 * key).
 */
import type { Cents } from '@shared/domain'
import { sumCents } from '@shared/money'
import { blockReasonOfRejection } from '@shared/refund-rejections'
import { REFUND_NOTE_MAX_LENGTH } from '@shared/text-limits'
import {
  OPEN_REQUEST_STATES,
  type RefundBlockReason,
  type RefundEligibility,
  type RefundReason,
  type RefundRequest,
  type TransactionView
} from '@shared/views'

export interface EligibilityInput {
  payId: string
  payment: TransactionView | undefined
  /** Other rows with this pay_id (refund, dispute, dispute refund entries). */
  related: readonly TransactionView[]
  /** Ledger requests; those for other pay_ids are ignored. */
  requests: readonly RefundRequest[]
  online: boolean
  hasKey: boolean
}

export function isOpenRequest(req: RefundRequest): boolean {
  return OPEN_REQUEST_STATES.includes(req.state)
}

export function computeEligibility(input: EligibilityInput): RefundEligibility {
  const { payId, payment } = input
  const requests = input.requests.filter((r) => r.payId === payId)
  const related = input.related.filter((r) => r.payId === payId && r.key !== payment?.key)
  const reasons: RefundBlockReason[] = []
  const add = (r: RefundBlockReason): void => {
    if (!reasons.includes(r)) reasons.push(r)
  }

  if (!input.online) add('offline')
  if (!input.hasKey) add('no_key')

  const original: Cents = payment?.amount ?? 0
  // Approved refunds as positive cents (docs/secpaid-api.md#refund-and-dispute-entries). Dispute
  // refunds are not customer refunds: they return disputed money to the merchant (and a disputed
  // payment is blocked anyway).
  const refunded = sumCents(related.filter((r) => r.kind === 'refund').map((r) => Math.abs(r.amount)))
  const open = requests.filter(isOpenRequest)
  const pending = sumCents(open.map((r) => r.amount))
  const remaining = Math.max(0, original - refunded - pending)

  if (!payment) {
    add('not_found')
  } else {
    if (payment.kind !== 'payment') add('not_a_payment')
    if (payment.status !== 'Success') add('not_successful')
    if (payment.isDispute || related.some((r) => r.kind === 'dispute')) add('disputed')
  }
  // A rejection that describes the link itself blocks every later attempt (refund-rejections.ts).
  for (const r of requests) {
    if (r.state !== 'rejected') continue
    const block = blockReasonOfRejection(r.rejectionCode)
    if (block !== null) add(block)
  }
  if (open.length > 0) add('open_request')
  // "Fully refunded" looks at approved refunds only; a pending request that would use up the rest
  // is reported as open_request (remaining is 0 then too).
  if (payment && payment.kind === 'payment' && original - refunded <= 0) add('fully_refunded')

  return { payId, allowed: reasons.length === 0, reasons, original, refunded, pending, remaining }
}

/** Problems with what the user asked for (as opposed to the payment's state). */
export type RefundInputProblem =
  | 'invalid_pay_id'
  | 'invalid_reason'
  | 'amount_not_whole_cents'
  | 'amount_not_positive'
  | 'amount_exceeds_original'
  | 'amount_exceeds_remaining'
  | 'full_refund_mismatch'
  | 'note_required'
  | 'note_too_long'

export type RefundPreconditionReason = RefundBlockReason | RefundInputProblem

/** The contract's limit; kept under this name for the service's callers. */
export const MAX_NOTE_LENGTH = REFUND_NOTE_MAX_LENGTH

export interface RefundAmountInput {
  amount: Cents
  isFullRefund: boolean
  reason: RefundReason
  note: string | null
}

/** Amount and note rules; eligibility supplies original/refunded/pending/remaining. */
export function checkRefundInput(input: RefundAmountInput, elig: RefundEligibility): RefundInputProblem[] {
  const problems: RefundInputProblem[] = []
  const { amount } = input
  if (!Number.isSafeInteger(amount)) {
    problems.push('amount_not_whole_cents')
  } else if (amount <= 0) {
    problems.push('amount_not_positive')
  } else if (!elig.reasons.includes('not_found')) {
    if (amount > elig.original) problems.push('amount_exceeds_original')
    else if (amount > elig.remaining) problems.push('amount_exceeds_remaining')
    // docs/secpaid-api.md#refundpayment: a full refund is refund_amount = the ORIGINAL amount plus
    // the flag. After an earlier (approved or pending) partial refund the rest is a partial refund,
    // never "full".
    if (input.isFullRefund && !(elig.refunded === 0 && elig.pending === 0 && amount === elig.original)) {
      problems.push('full_refund_mismatch')
    }
  }
  const note = input.note?.trim() ?? ''
  if (input.reason === 'other' && note === '') problems.push('note_required')
  if ((input.note?.length ?? 0) > MAX_NOTE_LENGTH) problems.push('note_too_long')
  return problems
}

const MESSAGES: Record<RefundPreconditionReason, string> = {
  offline: 'You are offline. Refunds can only be requested while SecPaid is reachable.',
  no_key: 'No API key is stored for this environment. Add one in Settings first.',
  not_found: 'This payment is not in the local data. Sync or refresh it first.',
  not_a_payment: 'Only payments can be refunded, not refund or dispute entries.',
  not_successful: 'Only successful payments (status "Success") can be refunded.',
  disputed: 'This payment is disputed; SecPaid blocks refunds on disputed payments.',
  cancelled_link: 'SecPaid reported this payment link as cancelled; it cannot be refunded.',
  invoice: 'SecPaid does not allow refunds of invoice-type links through the API.',
  open_request: 'A refund request for this payment is already open. Wait for SecPaid, or resolve it first.',
  fully_refunded: 'This payment has already been refunded in full.',
  invalid_pay_id: 'The payment id must consist of digits.',
  invalid_reason: 'Choose a reason for the refund.',
  amount_not_whole_cents: 'The amount must be a whole number of cents.',
  amount_not_positive: 'The refund amount must be greater than 0.',
  amount_exceeds_original: 'The refund amount is larger than the original payment.',
  amount_exceeds_remaining: 'The refund amount is larger than what is left to refund (original − refunded − pending).',
  full_refund_mismatch:
    'A full refund must be exactly the original amount, with nothing refunded or pending yet. After an earlier refund, request the rest as a partial refund.',
  note_required: 'Please add a note when the reason is "Other".',
  note_too_long: `The note is too long (at most ${MAX_NOTE_LENGTH} characters).`
}

export function describePreconditionReason(reason: RefundPreconditionReason): string {
  return MESSAGES[reason]
}
