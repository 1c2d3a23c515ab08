/**
 * The writes that made test/fixtures/cache-v1/: a cache as the version before ASCII month files
 * wrote it (raw UTF-8 bases and journal lines). Kept next to the fixture so the test knows what
 * the files must load as. Notes with characters beyond Latin-1, escapes and an emoji; a row
 * without transactionId; a row that moved month (a `del` line); a base with a journal.
 */
import type { PayInTransaction } from '../../src/shared/domain'

function tx(over: Partial<PayInTransaction> & { payId: string; createdAt: string }): PayInTransaction {
  return {
    transactionId: null,
    creatorId: '4711',
    userId: null,
    amount: 1000,
    netAmount: 965,
    serviceFee: 35,
    serviceFeePsp: null,
    status: 'Success',
    recipientNote: '',
    payoutStatus: null,
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    ...over
  }
}

const P1 = tx({ payId: '1', transactionId: '20260105-pi-0000000001', createdAt: '2026-01-05 10:00:00', recipientNote: 'Rechnung RE-1 – Müller' })
const P2 = tx({ payId: '2', createdAt: '2026-01-06 11:00:00', recipientNote: 'Weiß "Groß" \\ 😀 €', amount: 2500, netAmount: 2465 })
const P3 = tx({ payId: '3', transactionId: '20260131-pi-0000000003', createdAt: '2026-01-31 23:59:59', recipientNote: 'Özdemir' })
const P4 = tx({ payId: '4', transactionId: '20260201-pi-0000000004', createdAt: '2026-02-01 00:00:00', recipientNote: 'Vereinsfahrt 2026 – Jäger' })
const R2 = tx({ payId: '2', createdAt: '2026-02-03 09:00:00', amount: -2500, netAmount: null, serviceFee: null, transactionType: 'Refund', isRefund: true, recipientNote: 'Erstattung – Weiß' })

export const FIXTURE_WRITES: Array<{ kind: 'replace' | 'upsert'; rows: PayInTransaction[] }> = [
  { kind: 'replace', rows: [P1, P2, P3, P4] },
  // Journal lines: a changed note (non-ASCII), a new row, P3 moved to February (del in January).
  { kind: 'upsert', rows: [{ ...P1, recipientNote: 'Rechnung RE-1 – Müller (bezahlt ✓)', payoutStatus: 'paid' }, R2, { ...P3, createdAt: '2026-02-02 08:00:00' }] }
]

/** Each row as the fixture holds it. */
export const HELD = {
  p1: { ...P1, recipientNote: 'Rechnung RE-1 – Müller (bezahlt ✓)', payoutStatus: 'paid' },
  p2: P2,
  p3: { ...P3, createdAt: '2026-02-02 08:00:00' },
  p4: P4,
  r2: R2
} satisfies Record<string, PayInTransaction>

/** What the fixture holds, ascending by month (loadAll's order), each month in stored order. */
export const FIXTURE_ROWS: PayInTransaction[] = [HELD.p1, HELD.p2, HELD.p4, HELD.r2, HELD.p3]
