import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { RefundRequest } from '../../src/shared/views'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'

function row(p: Partial<PayInTransaction> & { payId: string }): PayInTransaction {
  return {
    transactionId: `20260510-pi-${p.payId}${p.transactionType ?? 'Basic'}`.replace(/\s/g, ''),
    creatorId: null,
    userId: null,
    amount: 10_000,
    netAmount: 9_500,
    serviceFee: 200,
    serviceFeePsp: 300,
    status: 'Success',
    recipientNote: `Order ${p.payId}`,
    payoutStatus: 'Pending',
    createdAt: '2026-05-10 12:00:00',
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    ...p
  }
}

type Req = Pick<RefundRequest, 'amount' | 'state'>

describe('transaction index', () => {
  it('derives refunded amounts and state from the refund entries of the same pay_id', () => {
    const idx = createTransactionIndex()
    idx.reset([
      row({ payId: '1', isRefund: true }),
      row({ payId: '1', transactionType: 'Refund', amount: -2_500, isRefund: true, createdAt: '2026-05-12 09:00:00', paymentMethod: 'N/A' }),
      row({ payId: '2' }),
      row({ payId: '2', transactionType: 'Refund', amount: -10_000, createdAt: '2026-06-01 00:00:00' })
    ])
    const [p1, r1] = idx.byPayId('1')
    expect(p1).toMatchObject({ kind: 'payment', refundedCents: 2_500, refundState: 'partially_refunded' })
    expect(r1).toMatchObject({ kind: 'refund', refundedCents: 0, refundState: 'none' })
    expect(idx.byPayId('2')[0]).toMatchObject({ refundedCents: 10_000, refundState: 'refunded' })
    expect(idx.months()).toEqual(['2026-05', '2026-06'])
    expect(idx.monthRows('2026-06')).toHaveLength(1)
  })

  it('takes pending amounts and the requested state from OPEN ledger requests only', () => {
    const ledger = new Map<string, Req[]>([
      ['1', [{ amount: 3_000, state: 'submitted' }, { amount: 999, state: 'denied' }, { amount: 1, state: 'rejected' }]],
      ['2', [{ amount: 500, state: 'outcome_unknown' }]]
    ])
    const idx = createTransactionIndex({ openRequestsFor: (id) => ledger.get(id) ?? [] })
    idx.reset([row({ payId: '1' }), row({ payId: '2' }), row({ payId: '3' })])
    expect(idx.byPayId('1')[0]).toMatchObject({ pendingRefundCents: 3_000, refundState: 'requested' })
    expect(idx.byPayId('2')[0]).toMatchObject({ pendingRefundCents: 500, refundState: 'requested' })
    expect(idx.byPayId('3')[0]).toMatchObject({ pendingRefundCents: 0, refundState: 'none' })

    // The ledger moved the request to refunded; the app tells the index.
    ledger.set('1', [{ amount: 3_000, state: 'refunded' }])
    const v = idx.version
    idx.refreshRefundState(['1'])
    expect(idx.version).toBeGreaterThan(v)
    expect(idx.byPayId('1')[0]).toMatchObject({ pendingRefundCents: 0, refundState: 'none' })
  })

  it('upserts incrementally: inserted / updated / unchanged, re-deriving the affected group', () => {
    const idx = createTransactionIndex()
    idx.reset([row({ payId: '1' }), row({ payId: '2' })])
    const v = idx.version
    const refund = row({ payId: '1', transactionType: 'Refund', amount: -10_000, createdAt: '2026-05-20 10:00:00' })
    const preview = idx.preview([refund, row({ payId: '2', status: 'Refunded' }), row({ payId: '1' })])
    expect(preview.inserted.map((r) => r.kind)).toEqual(['refund'])
    expect(preview.updated).toHaveLength(1)
    expect(idx.version).toBe(v) // preview changes nothing

    const diff = idx.upsert([refund, row({ payId: '2', status: 'Refunded' }), row({ payId: '1' })])
    expect(diff).toEqual({ inserted: 1, updated: 1, unchanged: 1, removed: 0 })
    expect(idx.byPayId('2')[0]).toMatchObject({ payId: '2', status: 'Refunded' })
    expect(idx.size).toBe(3)
    expect(idx.byPayId('1')[0]).toMatchObject({ refundState: 'refunded', refundedCents: 10_000 })
    expect(idx.version).toBeGreaterThan(v)

    const v2 = idx.version
    expect(idx.upsert([row({ payId: '1' })]).unchanged).toBe(1)
    expect(idx.version).toBe(v2) // nothing changed, query caches stay valid
  })

  it('moves a row between months when its createdAt changes, and reset removes vanished rows', () => {
    const idx = createTransactionIndex()
    idx.reset([row({ payId: '1' }), row({ payId: '2' })])
    idx.upsert([row({ payId: '1', createdAt: '2026-04-30 23:59:59' })])
    expect(idx.monthRows('2026-04').map((r) => r.view.payId)).toEqual(['1'])
    expect(idx.monthRows('2026-05').map((r) => r.view.payId)).toEqual(['2'])
    const diff = idx.reset([row({ payId: '2' })])
    expect(diff.removed).toBe(1)
    expect(idx.byPayId('1')).toEqual([])
    expect(idx.months()).toEqual(['2026-05'])
  })

  it('uses the cache key: transaction_id, else the documented fallback tuple', () => {
    const idx = createTransactionIndex()
    idx.reset([row({ payId: '1', transactionId: null }), row({ payId: '1', transactionId: null, transactionType: 'Refund', amount: -5 })])
    expect(idx.size).toBe(2)
    expect(idx.byPayId('1').map((v) => v.key)).toEqual(['k:1|Basic|10000|2026-05-10 12:00:00', 'k:1|Refund|-5|2026-05-10 12:00:00'])
  })
})
