/**
 * The index as a sync drives it: page by page through `apply` (which reports its own diff),
 * `retainOnly` at the end of a full refresh, and a base order that stays right while pages of
 * rows are merged into it.
 */
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { createTransactionIndex, type TransactionIndex } from '../../src/main/services/query/transaction-index'

function row(p: Partial<PayInTransaction> & { payId: string }): PayInTransaction {
  return {
    transactionId: `pi-${p.payId}-${p.transactionType ?? 'Basic'}-${p.createdAt ?? ''}`.replace(/\s/g, ''),
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

/** What a full sort gives: createdAt desc, key asc. */
function expectedOrder(idx: TransactionIndex): string[] {
  const all = idx.baseOrder().map((r) => r.view)
  return [...all].sort((a, b) => (a.createdAt === b.createdAt ? (a.key < b.key ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1)).map((v) => v.key)
}

describe('transaction index driven page by page', () => {
  it('apply reports the inserted and updated views as derived after the batch', () => {
    const idx = createTransactionIndex()
    idx.apply([row({ payId: '1' }), row({ payId: '2' })])
    const refund = row({ payId: '1', transactionType: 'Refund', amount: -2_500, createdAt: '2026-05-11 08:00:00' })
    const dispute = row({ payId: '3', transactionType: 'Dispute', amount: -1_000 })
    const diff = idx.apply([refund, row({ payId: '2', status: 'Refunded' }), row({ payId: '1' }), dispute])
    expect(diff.inserted.map((v) => v.kind)).toEqual(['refund', 'dispute'])
    expect(diff.updated.map((v) => [v.payId, v.status])).toEqual([['2', 'Refunded']])
    expect(diff.unchanged).toBe(1)
    // The payment of pay_id 1 is re-derived by its refund entry: the index has it fresh.
    expect(idx.byPayId('1')[0]).toMatchObject({ refundedCents: 2_500, refundState: 'partially_refunded' })
  })

  it('collects every key of a batch, changed or not, and retainOnly drops the rest', () => {
    const idx = createTransactionIndex()
    idx.reset([row({ payId: '1' }), row({ payId: '2' }), row({ payId: '2', transactionType: 'Refund', amount: -10_000 })])
    expect(idx.byPayId('2')[0]).toMatchObject({ refundState: 'refunded' })
    const seen = new Set<string>()
    idx.apply([row({ payId: '1' })], seen)
    idx.apply([row({ payId: '2' })], seen)
    expect(seen.size).toBe(2)
    const v = idx.version
    expect(idx.retainOnly(seen)).toBe(1)
    expect(idx.version).toBeGreaterThan(v)
    expect(idx.size).toBe(2)
    // The refund entry is gone, so its payment is no longer refunded.
    expect(idx.byPayId('2')).toEqual([expect.objectContaining({ kind: 'payment', refundedCents: 0, refundState: 'none' })])
    expect(idx.retainOnly(seen)).toBe(0)
  })

  it('keeps a view whose values did not move, and replaces one whose refund state did', () => {
    const idx = createTransactionIndex()
    idx.reset([row({ payId: '1' }), row({ payId: '1', transactionType: 'Refund', amount: -1_000, createdAt: '2026-05-11 08:00:00' })])
    const [payment, entry] = idx.byPayId('1')
    idx.apply([row({ payId: '1', transactionType: 'Refund', amount: -2_000, createdAt: '2026-05-12 08:00:00' })])
    const [payment2, entry2] = idx.byPayId('1')
    expect(entry2).toBe(entry) // a refund entry's derived values never move
    expect(payment2).not.toBe(payment)
    expect(payment2).toMatchObject({ refundedCents: 3_000 })
    expect(payment).toMatchObject({ refundedCents: 1_000 }) // views handed out are never changed
  })

  it('keeps the base order right while pages are merged in, updated in place or moved', () => {
    const idx = createTransactionIndex()
    const at = (i: number): string => `2026-0${1 + (i % 9)}-${String(10 + (i % 17)).padStart(2, '0')} 12:${String(i % 60).padStart(2, '0')}:00`
    idx.apply(Array.from({ length: 50 }, (_, i) => row({ payId: String(i), createdAt: at(i) })))
    expect(idx.baseOrder().map((r) => r.view.key)).toEqual(expectedOrder(idx))
    // Older pages arrive (the API sends the newest first), with refund entries for earlier rows.
    idx.apply(Array.from({ length: 50 }, (_, i) => row({ payId: String(100 + i), createdAt: at(i * 7) })))
    idx.apply([row({ payId: '3', transactionType: 'Refund', amount: -500, createdAt: at(3) })])
    let order = idx.baseOrder()
    expect(order.map((r) => r.view.key)).toEqual(expectedOrder(idx))
    expect(order.map((r) => r.rank)).toEqual(order.map((_, i) => i))
    expect(idx.get(order.find((r) => r.view.payId === '3' && r.view.kind === 'payment')?.view.key ?? '')).toMatchObject({ refundedCents: 500 })
    // A row whose createdAt moved, and a status change in place.
    idx.apply([row({ payId: '7', createdAt: '2025-12-31 23:59:59' }), row({ payId: '8', createdAt: at(8), status: 'Refunded' })])
    order = idx.baseOrder()
    expect(order.map((r) => r.view.key)).toEqual(expectedOrder(idx))
    expect(order.map((r) => r.rank)).toEqual(order.map((_, i) => i))
    expect(order.every((r) => idx.get(r.view.key) === r.view)).toBe(true)
    expect(order).toHaveLength(idx.size)
  })

  it('bumps the version only when a ledger refresh changed a view', () => {
    let open = [{ amount: 500, state: 'submitted' as const }]
    const idx = createTransactionIndex({ openRequestsFor: (id) => (id === '1' ? open : []) })
    idx.reset([row({ payId: '1' }), row({ payId: '2' })])
    expect(idx.byPayId('1')[0]).toMatchObject({ refundState: 'requested' })
    const v = idx.version
    idx.refreshRefundState(['2'])
    expect(idx.version).toBe(v)
    open = []
    idx.refreshRefundState()
    expect(idx.version).toBeGreaterThan(v)
    expect(idx.byPayId('1')[0]).toMatchObject({ refundState: 'none', pendingRefundCents: 0 })
  })
})
