import { describe, expect, it } from 'vitest'
import type { RefundRequest, TransactionView } from '../../src/shared/views'
import { matchRefundEntries } from '../../src/main/services/refunds/refund-reconcile'
import { classifyRefundFailure, resubmitOutcomeEvent } from '../../src/main/services/refunds/refund-outcome'
import { ApiRejection, AuthError, InvalidInputError, NetworkError, ProtocolError, RateLimited, RequestAborted, ServerError } from '../../src/main/services/secpaid/errors'

const entry = (key: string, cents: number, createdAt: string, payId = '7'): TransactionView =>
  ({ key, payId, amount: -cents, kind: 'refund', createdAt }) as TransactionView

// 2025-05-02 10:00:00 Berlin (CEST) = 08:00:00Z
const req = (id: string, amount: number, state: RefundRequest['state'] = 'submitted', createdAt = '2025-05-02T08:00:00.000Z'): RefundRequest =>
  ({ id, payId: '7', amount, state, createdAt }) as RefundRequest

describe('matchRefundEntries', () => {
  it('links an entry created after the request, preferring the exact amount', () => {
    const rows = [entry('a', 500, '2025-05-03 09:00:00'), entry('b', 1000, '2025-05-04 09:00:00')]
    const m = matchRefundEntries([req('r', 1000)], () => rows, new Set())
    expect(m).toEqual([expect.objectContaining({ requestId: 'r', exactAmount: true, note: null })])
    expect(m[0]?.entry.key).toBe('b')
  })
  it('tolerates 10 minutes of clock skew (Berlin wall clock), not more', () => {
    const within = [entry('a', 1000, '2025-05-02 09:51:00')] // 07:51Z, 9 min before
    const tooEarly = [entry('a', 1000, '2025-05-02 09:49:00')]
    expect(matchRefundEntries([req('r', 1000)], () => within, new Set())).toHaveLength(1)
    expect(matchRefundEntries([req('r', 1000)], () => tooEarly, new Set())).toHaveLength(0)
  })
  it('skips entries already linked, other kinds, other pay_ids and closed requests', () => {
    const rows = [
      entry('linked', 1000, '2025-05-03 09:00:00'),
      { ...entry('pay', 1000, '2025-05-03 09:00:00'), kind: 'payment', amount: 1000 } as TransactionView,
      entry('other', 1000, '2025-05-03 09:00:00', '8')
    ]
    expect(matchRefundEntries([req('r', 1000)], () => rows, new Set(['linked']))).toHaveLength(0)
    expect(matchRefundEntries([req('r', 1000, 'denied'), req('s', 1000, 'submitting')], () => [entry('x', 1000, '2025-05-03 09:00:00')], new Set())).toHaveLength(0)
  })
  it('falls back to a different amount with a note, and serves each entry once', () => {
    const rows = [entry('x', 700, '2025-05-03 09:00:00')]
    const m = matchRefundEntries([req('r1', 1000, 'outcome_unknown'), req('r2', 700, 'submitted', '2025-05-02T09:00:00.000Z')], () => rows, new Set())
    expect(m).toHaveLength(1)
    expect(m[0]).toMatchObject({ requestId: 'r1', exactAmount: false })
    expect(m[0]?.note).toMatch(/requested 10.00, refund entry 7.00/)
  })
  it('ignores rows with malformed timestamps', () => {
    expect(matchRefundEntries([req('r', 1000)], () => [entry('x', 1000, 'garbage')], new Set())).toHaveLength(0)
  })
})

describe('classifyRefundFailure', () => {
  it('definite refusals → rejected with a code', () => {
    expect(classifyRefundFailure(new ApiRejection('refundPayment', 'dispute', 'Refund blocked by dispute', 200))).toEqual({
      outcome: 'rejected', code: 'dispute', message: 'Refund blocked by dispute'
    })
    expect(classifyRefundFailure(new AuthError('Incorrect token'))).toMatchObject({ outcome: 'rejected', code: 'auth' })
    expect(classifyRefundFailure(new RateLimited(1000))).toMatchObject({ outcome: 'rejected', code: 'rate_limited' })
    expect(classifyRefundFailure(new NetworkError(false, false, 'ECONNREFUSED'))).toMatchObject({ outcome: 'rejected', code: 'not_sent' })
    expect(classifyRefundFailure(new InvalidInputError('amount', 'bad'))).toMatchObject({ outcome: 'rejected', code: 'invalid_input' })
  })
  it('anything that may have reached SecPaid → unknown', () => {
    for (const err of [new NetworkError(true, true, 'TIMEOUT'), new NetworkError(false, true, 'ECONNRESET'), new ServerError(502, ''), new ProtocolError('bad json', 200, ''), new RequestAborted()]) {
      expect(classifyRefundFailure(err).outcome).toBe('unknown')
    }
    expect(classifyRefundFailure(new TypeError('boom token=abc'))).toEqual({
      outcome: 'unknown', errorKind: 'unexpected', message: 'Unexpected error while sending (TypeError)'
    })
  })
})

describe('resubmitOutcomeEvent (check again)', () => {
  const at = new Date('2025-05-02T08:00:00Z')
  it('"already requested" confirms the first request', () => {
    const ev = resubmitOutcomeEvent('r', { ok: false, error: new ApiRejection('refundPayment', 'duplicate_pending', 'Refund already requested', 200) }, 'u', at)
    expect(ev).toMatchObject({ type: 'submitted', data: { note: 'confirmed: the first request reached SecPaid', serverMessage: 'Refund already requested' } })
  })
  it('acceptance means the first had not arrived', () => {
    expect(resubmitOutcomeEvent('r', { ok: true, message: 'ok' }, 'u', at)).toMatchObject({ type: 'submitted', data: { note: 'the first request had not arrived; sent now' } })
  })
  it('another API refusal → rejected; 429/auth/network → still unknown', () => {
    expect(resubmitOutcomeEvent('r', { ok: false, error: new ApiRejection('refundPayment', 'not_found', 'Link not found', 200) }, 'u', at).type).toBe('rejected')
    for (const err of [new RateLimited(null), new AuthError('x'), new NetworkError(false, false, 'ECONNREFUSED'), new ServerError(500, '')]) {
      expect(resubmitOutcomeEvent('r', { ok: false, error: err }, 'u', at).type).toBe('outcome_unknown')
    }
  })
})
