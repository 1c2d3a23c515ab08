/**
 * What team sync adds to the merge: two PCs that both recorded the same outcome of one request (both
 * synced and found the refund entry) show one clean history, while two DIFFERENT outcomes stay a
 * conflict the fold reports.
 */
import { describe, expect, it } from 'vitest'
import { makeLedgerEvent } from '../../src/main/services/refunds/ledger-events'
import { foldLedgerWithNotices } from '../../src/main/services/refunds/ledger-model'
import { teamEventFromLedger } from '../../src/main/services/team/team-events'
import { canonicalLedgerOrder } from '../../src/main/services/team/team-merge'
import { withoutRepeatedOutcomes } from '../../src/main/services/team/team-sync'

const t = (s: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, s))
const A = { account: 'production', machine: 'PC-A' }
const B = { account: 'production', machine: 'PC-B' }

const requested = makeLedgerEvent('requested', 'r1', t(0), {
  env: 'production',
  payId: '4711',
  amount: 500,
  isFullRefund: false,
  reason: 'duplicate',
  note: 'doppelt',
  recipientNote: null,
  osUser: 'owner'
})
const submitted = makeLedgerEvent('submitted', 'r1', t(1), { serverMessage: 'ok', osUser: 'owner' })
const refundedOnA = makeLedgerEvent('refunded', 'r1', t(60), { refundEntryKey: 'entry-9', osUser: 'system' })
const refundedOnB = makeLedgerEvent('refunded', 'r1', t(61), { refundEntryKey: 'entry-9', osUser: 'system' })
const deniedOnB = makeLedgerEvent('denied', 'r1', t(62), { reason: 'SecPaid said no', osUser: 'bookkeeper' })

describe('team sync merge', () => {
  it('keeps one copy of an outcome both PCs recorded, without a notice, on both PCs', () => {
    const shared = [
      teamEventFromLedger(requested, A, 0),
      teamEventFromLedger(submitted, A, 1),
      teamEventFromLedger(refundedOnA, A, 2),
      teamEventFromLedger(refundedOnB, B, 0)
    ]
    for (const arrival of [shared, [...shared].reverse()]) {
      const raw = foldLedgerWithNotices(canonicalLedgerOrder(arrival))
      expect(raw.notices).toHaveLength(1) // the second copy is what the plain fold would report
      const folded = foldLedgerWithNotices(withoutRepeatedOutcomes(canonicalLedgerOrder(arrival)))
      expect(folded.notices).toEqual([])
      expect(folded.requests[0]).toMatchObject({ state: 'refunded', refundEntryKey: 'entry-9' })
      expect(folded.requests[0]?.history.map((h) => h.state)).toEqual(['submitting', 'submitted', 'refunded'])
    }
  })

  it('keeps a different outcome after a final one, so the conflict is reported', () => {
    const shared = [teamEventFromLedger(requested, A, 0), teamEventFromLedger(submitted, A, 1), teamEventFromLedger(refundedOnA, A, 2), teamEventFromLedger(deniedOnB, B, 0)]
    const folded = foldLedgerWithNotices(withoutRepeatedOutcomes(canonicalLedgerOrder(shared)))
    expect(folded.requests[0]?.state).toBe('refunded')
    expect(folded.notices.join(' ')).toMatch(/Skipped/)
  })
})
