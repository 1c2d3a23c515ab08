// The overlap days of an incremental sync come back mostly unchanged; only rows the index does not
// hold exactly so may reach it, and a change in any single field must get through.
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { TransactionView } from '../../src/shared/views'
import { changedRows } from '../../src/main/services/sync/overlap-filter'
import { transactionKey } from '../../src/main/services/storage/transaction-cache'

const row = (n: number, over: Partial<PayInTransaction> = {}): PayInTransaction => ({
  payId: String(90000 + n),
  transactionId: `tx-${n}`,
  creatorId: null,
  userId: 'u-1',
  amount: 1000 + n,
  netAmount: 950 + n,
  serviceFee: 30,
  serviceFeePsp: 20,
  status: 'Success',
  recipientNote: `Order ${n}`,
  payoutStatus: 'Pending',
  createdAt: '2026-11-29 10:00:00',
  isSplitLink: false,
  isDispute: false,
  isRefund: false,
  paymentMethod: 'card',
  transactionType: 'Basic',
  ...over
})

/** An index holding `rows` as views (the row plus derived fields). */
function held(rows: PayInTransaction[]): (key: string) => TransactionView | undefined {
  const m = new Map(rows.map((r) => [transactionKey(r), { ...r, key: transactionKey(r), kind: 'payment', refundedCents: 0, pendingRefundCents: 0, refundState: 'none' } as TransactionView]))
  return (key) => m.get(key)
}

const CHANGES: Partial<PayInTransaction>[] = [
  { payId: '1' }, { creatorId: 'c' }, { userId: null }, { amount: 1 }, { netAmount: null }, { serviceFee: 31 },
  { serviceFeePsp: null }, { status: 'Refunded' }, { recipientNote: 'changed' }, { payoutStatus: 'Paid' },
  { createdAt: '2026-11-29 10:00:01' }, { isSplitLink: true }, { isDispute: true }, { isRefund: true },
  { paymentMethod: null }, { transactionType: 'Refund' }
]

describe('changedRows (incremental overlap)', () => {
  it('drops rows the index holds exactly so, keeps new ones, and records every delivered key', () => {
    const cached = [row(1), row(2), row(3)]
    const seen = new Set<string>()
    const out = changedRows([row(1), row(2), row(4)], held(cached), seen)
    expect(out).toEqual([row(4)])
    expect([...seen].sort()).toEqual([row(1), row(2), row(4)].map(transactionKey).sort())
  })

  it('keeps a row that differs in any one field', () => {
    for (const change of CHANGES) {
      const out = changedRows([row(1, change)], held([row(1)]))
      expect(out, JSON.stringify(change)).toHaveLength(1)
    }
  })

  it('checks every field a row has', () => {
    // A field added to the row type must be compared too (the module's COMPARED list fails to
    // compile otherwise); this keeps the test's list honest against the same type.
    expect(Object.keys(row(1)).sort()).toEqual(CHANGES.flatMap((c) => Object.keys(c)).concat('transactionId').sort())
  })

  it('returns the page itself when nothing in it is known', () => {
    const page = [row(7), row(8)]
    expect(changedRows(page, held([]))).toBe(page)
  })
})
