/**
 * History lines carry a code the window translates: from the event's type and data, and for the
 * app's own English notes (old ledgers included) from the exact note text.
 */
import { describe, expect, it } from 'vitest'
import { foldLedger } from '../../src/main/services/refunds/ledger-model'
import { makeLedgerEvent, type LedgerEvent } from '../../src/main/services/refunds/ledger-events'
import { otherAmountNote } from '../../src/main/services/refunds/history-event'
import { resubmitOutcomeEvent } from '../../src/main/services/refunds/refund-outcome'
import { ApiRejection, NetworkError } from '../../src/main/services/secpaid/errors'

const at = (min: number): Date => new Date(Date.UTC(2026, 10, 3, 9, min, 0))

function requested(id: string, note: string | null = 'Kunde rief an'): LedgerEvent {
  return makeLedgerEvent('requested', id, at(0), {
    env: 'demo', payId: '40001', amount: 1250, isFullRefund: false, reason: 'requested_by_customer', note, recipientNote: 'Order 17', osUser: 'root'
  })
}

function historyOf(events: LedgerEvent[]): Array<Record<string, unknown>> {
  const [r] = foldLedger(events)
  return (r?.history ?? []).map((h) => ({ ...h.event }))
}

describe('history events', () => {
  it('a request found refunded by a sync: the person typed the note, the app found the entry', () => {
    const lines = historyOf([
      requested('r1'),
      makeLedgerEvent('submitted', 'r1', at(1), { serverMessage: 'Refund request has been sent successfully', osUser: 'root' }),
      makeLedgerEvent('refunded', 'r1', at(9), { refundEntryKey: 'id:20261103-rf-1', osUser: 'system' })
    ])
    expect(lines).toEqual([
      expect.objectContaining({ code: 'requested', automatic: false, userText: 'Kunde rief an', detail: null }),
      expect.objectContaining({ code: 'accepted', automatic: false, userText: null, detail: 'Refund request has been sent successfully' }),
      expect.objectContaining({ code: 'refund_found', automatic: true, userText: null, detail: 'id:20261103-rf-1' })
    ])
  })

  it('a refund approved with another amount gives both amounts in cents, not an English sentence', () => {
    const lines = historyOf([
      requested('r1'),
      makeLedgerEvent('submitted', 'r1', at(1), { serverMessage: 'ok', osUser: 'root' }),
      makeLedgerEvent('refunded', 'r1', at(9), { refundEntryKey: 'k', osUser: 'system', note: otherAmountNote(1250, 1000) })
    ])
    expect(lines[2]).toMatchObject({ code: 'refund_found_other_amount', requestedCents: 1250, foundCents: 1000, userText: null })
  })

  it('an old ledger written with the English notes maps to the same codes', () => {
    const lines = historyOf([
      requested('r1', null),
      makeLedgerEvent('outcome_unknown', 'r1', at(1), { errorKind: 'timeout', message: 'SecPaid did not answer in time', osUser: 'anna' }),
      makeLedgerEvent('recheck', 'r1', at(2), {
        result: 'resubmitting', osUser: 'anna', note: 'no refund entry found; sending the same request again to learn whether the first one arrived'
      }),
      makeLedgerEvent('submitted', 'r1', at(3), { serverMessage: 'Refund already requested', osUser: 'anna', note: 'confirmed: the first request reached SecPaid' }),
      makeLedgerEvent('refunded', 'r1', at(9), { refundEntryKey: 'k', osUser: 'system', note: 'refunded amount differs: requested 12.50, refund entry 10.00' })
    ])
    expect(lines.map((l) => l['code'])).toEqual(['requested', 'outcome_unknown', 'checked_resending', 'resubmit_confirmed', 'refund_found_other_amount'])
    expect(lines[1]).toMatchObject({ detail: 'SecPaid did not answer in time', userText: null })
    expect(lines[4]).toMatchObject({ requestedCents: 1250, foundCents: 1000 })
  })

  it('the notes the re-submission writes are recognised (sent now, refused, failed again)', () => {
    const sent = resubmitOutcomeEvent('r1', { ok: true, message: 'Refund request has been sent successfully' }, 'anna', at(3))
    const refused = resubmitOutcomeEvent('r2', { ok: false, error: new ApiRejection('refundPayment', 'amount_exceeds', 'Refund amount exceeds the original amount', 200) }, 'anna', at(3))
    const failed = resubmitOutcomeEvent('r3', { ok: false, error: new NetworkError(false, true, 'ECONNRESET') }, 'anna', at(3))
    const base = (id: string): LedgerEvent[] => [requested(id), makeLedgerEvent('outcome_unknown', id, at(1), { errorKind: 'timeout', message: 'x', osUser: 'anna' })]
    expect(historyOf([...base('r1'), sent])[2]).toMatchObject({ code: 'resubmit_sent' })
    expect(historyOf([...base('r2'), refused])[2]).toMatchObject({ code: 'resubmit_refused', rejectionCode: 'amount_exceeds', userText: null })
    expect(historyOf([...base('r3'), failed])[2]).toMatchObject({ code: 'recheck_failed', userText: null })
  })

  it('a denial keeps the reason the person typed; crash recovery says the app was closed', () => {
    const lines = historyOf([
      requested('r1'),
      makeLedgerEvent('outcome_unknown', 'r1', at(1), { errorKind: 'app_closed', message: 'the app closed before the reply was recorded', osUser: 'anna', note: 'the app closed before the reply was recorded' }),
      makeLedgerEvent('denied', 'r1', at(5), { reason: 'Ware bereits zurückgesendet', osUser: 'anna' })
    ])
    expect(lines[1]).toMatchObject({ code: 'app_closed', userText: null })
    expect(lines[2]).toMatchObject({ code: 'marked_denied', userText: 'Ware bereits zurückgesendet', automatic: false })
  })
})
