import { describe, expect, it } from 'vitest'
import { canTransition, foldLedger, foldLedgerWithNotices } from '../../src/main/services/refunds/ledger-model'
import { makeLedgerEvent, type LedgerEvent } from '../../src/main/services/refunds/ledger-events'

const t = (min: number): Date => new Date(Date.UTC(2025, 4, 10, 8, min, 0))

function requested(id: string, payId = '40001', amount = 1250, min = 0): LedgerEvent {
  return makeLedgerEvent('requested', id, t(min), {
    env: 'demo',
    payId,
    amount,
    isFullRefund: false,
    reason: 'requested_by_customer',
    note: 'customer called',
    recipientNote: 'Order 17',
    osUser: 'anna'
  })
}

describe('foldLedger', () => {
  it('builds a request with its history through submitted → refunded', () => {
    const events = [
      requested('r1'),
      makeLedgerEvent('submitted', 'r1', t(1), { serverMessage: 'Refund request has been sent successfully', osUser: 'anna' }),
      makeLedgerEvent('refunded', 'r1', t(9), { refundEntryKey: 'tx-9', osUser: 'system' })
    ]
    const [r] = foldLedger(events)
    expect(r).toMatchObject({
      id: 'r1',
      env: 'demo',
      payId: '40001',
      amount: 1250,
      state: 'refunded',
      serverMessage: 'Refund request has been sent successfully',
      refundEntryKey: 'tx-9',
      recipientNote: 'Order 17',
      note: 'customer called',
      createdAt: t(0).toISOString()
    })
    expect(r?.history.map((h) => [h.state, h.osUser])).toEqual([
      ['submitting', 'anna'],
      ['submitted', 'anna'],
      ['refunded', 'system']
    ])
    expect(r?.history[2]?.note).toContain('tx-9')
    expect(r?.history[1]?.at).toBe(t(1).toISOString())
  })

  it('records rejection code and message, and denial reason', () => {
    const events = [
      requested('a', '1'),
      makeLedgerEvent('rejected', 'a', t(1), { code: 'link_cancelled', serverMessage: 'Link is cancelled', osUser: 'anna' }),
      requested('b', '2'),
      makeLedgerEvent('submitted', 'b', t(2), { serverMessage: 'ok', osUser: 'anna' }),
      makeLedgerEvent('denied', 'b', t(3), { reason: 'Goods were already shipped', osUser: 'bob' })
    ]
    const [a, b] = foldLedger(events)
    expect(a).toMatchObject({ state: 'rejected', rejectionCode: 'link_cancelled', serverMessage: 'Link is cancelled' })
    expect(b).toMatchObject({ state: 'denied', deniedReason: 'Goods were already shipped' })
    expect(b?.history.at(-1)).toMatchObject({ state: 'denied', osUser: 'bob', note: 'Goods were already shipped' })
  })

  it('allows outcome_unknown → outcome_unknown → submitted, keeping notes', () => {
    const events = [
      requested('r'),
      makeLedgerEvent('outcome_unknown', 'r', t(1), { errorKind: 'network', message: 'timeout', osUser: 'anna' }),
      makeLedgerEvent('recheck', 'r', t(2), { result: 'resubmitting', osUser: 'anna' }),
      makeLedgerEvent('outcome_unknown', 'r', t(3), { errorKind: 'network', message: 'again', osUser: 'anna', note: 'still unclear' }),
      makeLedgerEvent('submitted', 'r', t(4), { serverMessage: 'Refund already requested', osUser: 'anna', note: 'confirmed' })
    ]
    const [r] = foldLedger(events)
    expect(r?.state).toBe('submitted')
    expect(r?.history.map((h) => h.state)).toEqual(['submitting', 'outcome_unknown', 'outcome_unknown', 'outcome_unknown', 'submitted'])
    expect(r?.history.map((h) => h.note)).toEqual(['customer called', 'timeout', 'checked again: resubmitting', 'still unclear', 'confirmed'])
  })

  it('ignores illegal transitions with a notice and never throws', () => {
    const events = [
      requested('r'),
      makeLedgerEvent('refunded', 'r', t(1), { refundEntryKey: 'k', osUser: 'system' }), // submitting → refunded
      makeLedgerEvent('denied', 'r', t(2), { reason: 'x', osUser: 'a' }), // submitting → denied
      makeLedgerEvent('rejected', 'r', t(3), { code: 'dispute', serverMessage: 'Refund blocked by dispute', osUser: 'a' }),
      makeLedgerEvent('submitted', 'r', t(4), { serverMessage: 'late', osUser: 'a' }) // rejected is final
    ]
    const { requests, notices } = foldLedgerWithNotices(events)
    expect(requests[0]?.state).toBe('rejected')
    expect(requests[0]?.serverMessage).toBe('Refund blocked by dispute')
    expect(notices).toHaveLength(3)
    expect(notices[0]).toMatch(/illegal transition submitting → refunded/)
    expect(notices[2]).toMatch(/rejected → submitted/)
  })

  it('skips unknown types silently-but-noted, events for unknown requests, bad data and duplicate ids', () => {
    const events: LedgerEvent[] = [
      requested('r'),
      { v: 1, requestId: 'r', at: t(1).toISOString(), type: 'escalated_v2', data: { whatever: true } },
      { v: 1, requestId: 'ghost', at: t(1).toISOString(), type: 'submitted', data: { serverMessage: 'x', osUser: 'a' } },
      { v: 1, requestId: 'r', at: t(2).toISOString(), type: 'submitted', data: { serverMessage: 42 } },
      requested('r', '999'),
      { v: 1, requestId: 'bad', at: t(3).toISOString(), type: 'requested', data: { payId: 'abc' } }
    ]
    const { requests, notices } = foldLedgerWithNotices(events)
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ id: 'r', payId: '40001', state: 'submitting' })
    expect(notices.some((n) => n.includes('no such request'))).toBe(true)
    expect(notices.some((n) => n.includes('invalid submitted data'))).toBe(true)
    expect(notices.some((n) => n.includes('already exists'))).toBe(true)
    expect(notices.some((n) => n.includes('invalid requested data'))).toBe(true)
    expect(notices.some((n) => n.includes('Ignored 1 ledger event'))).toBe(true)
  })

  it('never links one refund entry to two requests', () => {
    const events = [
      requested('a', '1'),
      makeLedgerEvent('submitted', 'a', t(1), { serverMessage: 'ok', osUser: 'u' }),
      requested('b', '1'),
      makeLedgerEvent('submitted', 'b', t(2), { serverMessage: 'ok', osUser: 'u' }),
      makeLedgerEvent('refunded', 'a', t(3), { refundEntryKey: 'k1', osUser: 'system' }),
      makeLedgerEvent('refunded', 'b', t(4), { refundEntryKey: 'k1', osUser: 'system' })
    ]
    const { requests, notices } = foldLedgerWithNotices(events)
    expect(requests.map((r) => r.state)).toEqual(['refunded', 'submitted'])
    expect(notices[0]).toMatch(/already linked/)
  })

  it('makeLedgerEvent refuses data the fold could not read', () => {
    expect(() => makeLedgerEvent('denied', 'r', t(0), { reason: '', osUser: 'a' })).toThrow()
  })
})

describe('canTransition', () => {
  it('matches the request state machine', () => {
    expect(canTransition('submitting', 'submitted')).toBe(true)
    expect(canTransition('submitting', 'outcome_unknown')).toBe(true)
    expect(canTransition('submitting', 'rejected')).toBe(true)
    expect(canTransition('submitting', 'refunded')).toBe(false)
    expect(canTransition('outcome_unknown', 'refunded')).toBe(true)
    expect(canTransition('outcome_unknown', 'outcome_unknown')).toBe(true)
    expect(canTransition('submitted', 'refunded')).toBe(true)
    expect(canTransition('submitted', 'denied')).toBe(true)
    expect(canTransition('submitted', 'rejected')).toBe(false)
    expect(canTransition('submitted', 'outcome_unknown')).toBe(false)
    for (const final of ['rejected', 'refunded', 'denied'] as const) {
      expect(canTransition(final, 'submitted')).toBe(false)
    }
  })
})
