import { describe, expect, it } from 'vitest'
import type { RefundRequest, RefundRequestState, TransactionView } from '../../src/shared/views'
import {
  checkRefundInput,
  computeEligibility,
  describePreconditionReason,
  type EligibilityInput
} from '../../src/main/services/refunds/refund-eligibility'

function view(p: Partial<TransactionView> = {}): TransactionView {
  return {
    payId: '500',
    transactionId: 'tx-pay',
    creatorId: null,
    userId: null,
    amount: 10_000,
    netAmount: null,
    serviceFee: null,
    serviceFeePsp: null,
    status: 'Success',
    recipientNote: 'Order 1',
    payoutStatus: null,
    createdAt: '2025-05-01 10:00:00',
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    key: 'tx-pay',
    kind: 'payment',
    refundedCents: 0,
    pendingRefundCents: 0,
    refundState: 'none',
    ...p
  }
}

const refundEntry = (cents: number, key = 'tx-r'): TransactionView =>
  view({ amount: -cents, kind: 'refund', transactionType: 'Refund', key, transactionId: key, isRefund: true })

function req(state: RefundRequestState, amount = 1000, extra: Partial<RefundRequest> = {}): RefundRequest {
  return {
    id: `r-${state}-${amount}`,
    env: 'demo',
    payId: '500',
    amount,
    isFullRefund: false,
    reason: 'requested_by_customer',
    note: null,
    createdAt: '2025-05-02T08:00:00.000Z',
    state,
    serverMessage: null,
    rejectionCode: null,
    deniedReason: null,
    refundEntryKey: null,
    recipientNote: null,
    history: [],
    ...extra
  }
}

function elig(p: Partial<EligibilityInput> = {}) {
  return computeEligibility({ payId: '500', payment: view(), related: [], requests: [], online: true, hasKey: true, ...p })
}

describe('computeEligibility', () => {
  it('allows a fresh successful payment', () => {
    expect(elig()).toEqual({ payId: '500', allowed: true, reasons: [], original: 10_000, refunded: 0, pending: 0, remaining: 10_000 })
  })

  it('computes refunded from refund entries only (not dispute refunds), pending from open requests', () => {
    const e = elig({
      related: [refundEntry(1500), view({ kind: 'dispute_refund', amount: 500, key: 'dr', transactionType: 'Dispute Refund' })],
      requests: [req('submitted', 2000), req('denied', 3000), req('rejected', 4000), req('refunded', 1500)]
    })
    expect(e).toMatchObject({ original: 10_000, refunded: 1500, pending: 2000, remaining: 6500, reasons: ['open_request'] })
  })

  it('never reports a negative remaining amount', () => {
    expect(elig({ related: [refundEntry(9000)], requests: [req('outcome_unknown', 5000)] }).remaining).toBe(0)
  })

  it('ignores requests and rows of other payments', () => {
    const other = req('submitted', 1000, { payId: '999' })
    expect(elig({ requests: [other], related: [refundEntry(100, 'x'), { ...refundEntry(200, 'y'), payId: '999' }] })).toMatchObject({
      allowed: true,
      refunded: 100,
      pending: 0
    })
  })

  const cases: Array<[string, Partial<EligibilityInput>, string]> = [
    ['offline', { online: false }, 'offline'],
    ['no key', { hasKey: false }, 'no_key'],
    ['not in cache', { payment: undefined }, 'not_found'],
    ['a refund row', { payment: view({ kind: 'refund', amount: -100 }) }, 'not_a_payment'],
    ['a pending payment', { payment: view({ status: 'Pending' }) }, 'not_successful'],
    ['is_dispute', { payment: view({ isDispute: true }) }, 'disputed'],
    ['a dispute entry', { related: [view({ kind: 'dispute', amount: -10_000, key: 'd', transactionType: 'Dispute' })] }, 'disputed'],
    ['an earlier dispute rejection', { requests: [req('rejected', 100, { rejectionCode: 'dispute' })] }, 'disputed'],
    ['an earlier cancelled rejection', { requests: [req('rejected', 100, { rejectionCode: 'link_cancelled' })] }, 'cancelled_link'],
    ['an earlier invoice rejection', { requests: [req('rejected', 100, { rejectionCode: 'invoice' })] }, 'invoice'],
    ['submitting', { requests: [req('submitting')] }, 'open_request'],
    ['submitted', { requests: [req('submitted')] }, 'open_request'],
    ['outcome unknown', { requests: [req('outcome_unknown')] }, 'open_request'],
    ['fully refunded', { related: [refundEntry(10_000)] }, 'fully_refunded']
  ]
  for (const [name, input, reason] of cases) {
    it(`blocks: ${name} → ${reason}`, () => {
      const e = elig(input)
      expect(e.allowed).toBe(false)
      expect(e.reasons).toContain(reason)
      expect(describePreconditionReason(e.reasons[0] ?? 'offline')).toMatch(/\w/)
    })
  }

  it('does not block on an earlier amount rejection or denial', () => {
    const e = elig({ requests: [req('rejected', 100, { rejectionCode: 'amount_exceeds' }), req('denied')] })
    expect(e.allowed).toBe(true)
  })

  it('lists every reason at once', () => {
    expect(elig({ online: false, hasKey: false, payment: undefined }).reasons).toEqual(['offline', 'no_key', 'not_found'])
  })
})

describe('checkRefundInput', () => {
  const base = { isFullRefund: false, reason: 'requested_by_customer' as const, note: null }
  const fresh = elig()
  it('accepts a partial amount within the remaining', () => {
    expect(checkRefundInput({ ...base, amount: 2500 }, fresh)).toEqual([])
  })
  it('rejects 0, negatives and fractions of a cent', () => {
    expect(checkRefundInput({ ...base, amount: 0 }, fresh)).toEqual(['amount_not_positive'])
    expect(checkRefundInput({ ...base, amount: -5 }, fresh)).toEqual(['amount_not_positive'])
    expect(checkRefundInput({ ...base, amount: 12.5 }, fresh)).toEqual(['amount_not_whole_cents'])
  })
  it('rejects more than the original and more than the remaining', () => {
    expect(checkRefundInput({ ...base, amount: 10_001 }, fresh)).toEqual(['amount_exceeds_original'])
    const partlyRefunded = elig({ related: [refundEntry(4000)] })
    expect(checkRefundInput({ ...base, amount: 6001 }, partlyRefunded)).toEqual(['amount_exceeds_remaining'])
    expect(checkRefundInput({ ...base, amount: 6000 }, partlyRefunded)).toEqual([])
  })
  it('a full refund is the ORIGINAL amount with nothing refunded or pending (refundPayment)', () => {
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 10_000 }, fresh)).toEqual([])
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 9_999 }, fresh)).toEqual(['full_refund_mismatch'])
  })
  it('after an approved partial refund, the rest is a partial refund, never "full"', () => {
    const partlyRefunded = elig({ related: [refundEntry(4000)] })
    expect(partlyRefunded).toMatchObject({ refunded: 4000, remaining: 6000 })
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 6000 }, partlyRefunded)).toEqual(['full_refund_mismatch'])
    // The original amount is over the remaining: both problems are reported.
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 10_000 }, partlyRefunded)).toEqual(['amount_exceeds_remaining', 'full_refund_mismatch'])
    expect(checkRefundInput({ ...base, isFullRefund: false, amount: 6000 }, partlyRefunded)).toEqual([])
  })
  it('with a request pending, "full" is refused even for the remaining amount', () => {
    const pending = elig({ requests: [req('rejected', 1000), req('denied', 500)] })
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 10_000 }, pending)).toEqual([]) // closed requests do not count
    const open = { ...fresh, pending: 1000, remaining: 9000 } // as while another instance holds one open
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 9000 }, open)).toEqual(['full_refund_mismatch'])
    expect(checkRefundInput({ ...base, isFullRefund: true, amount: 10_000 }, open)).toEqual(['amount_exceeds_remaining', 'full_refund_mismatch'])
  })
  it('explains the mismatch in words that point to a partial refund', () => {
    expect(describePreconditionReason('full_refund_mismatch')).toMatch(/original amount.*partial refund/)
  })
  it('reason "other" needs a note', () => {
    expect(checkRefundInput({ ...base, reason: 'other', amount: 100, note: '  ' }, fresh)).toEqual(['note_required'])
    expect(checkRefundInput({ ...base, reason: 'other', amount: 100, note: 'wrong size' }, fresh)).toEqual([])
    expect(checkRefundInput({ ...base, amount: 100, note: 'x'.repeat(1001) }, fresh)).toEqual(['note_too_long'])
  })
  it('skips amount-vs-payment checks when the payment is unknown (not_found already blocks)', () => {
    expect(checkRefundInput({ ...base, amount: 100 }, elig({ payment: undefined }))).toEqual([])
  })
})
