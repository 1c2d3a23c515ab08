/**
 * `addNew`, the index's path for a cold open (rows in the cache's column order, kept as the
 * entries' cells), with its lookup maps built later or as it reads, must leave the index exactly
 * as `upsert` of the same rows as objects does:
 * the same views (kind, refund values and state), groups, months, base order and counts — also
 * when a batch repeats a key, a refund entry arrives a month before its payment (newest month
 * first), or the ledger holds open requests.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { RefundRequest } from '../../src/shared/views'
import { createTransactionIndex, type OpenRequestsFor, type TransactionIndex } from '../../src/main/services/query/transaction-index'
import { encodeRow } from '../../src/main/services/storage/transaction-shard-codec'

const MONTHS = ['2026-03', '2026-04', '2026-05']
const TYPES = ['Basic', 'Refund', 'Dispute', 'Dispute Refund', 'Something new']

const rowArb: fc.Arbitrary<PayInTransaction> = fc
  .record({
    pay: fc.integer({ min: 1, max: 12 }),
    // A small id space: repeated keys within and across batches are common.
    id: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    amount: fc.integer({ min: -20_000, max: 20_000 }),
    month: fc.constantFrom(...MONTHS),
    day: fc.integer({ min: 10, max: 12 }),
    type: fc.constantFrom(...TYPES),
    status: fc.constantFrom('Success', 'Refunded')
  })
  .map((r) => ({
    payId: `P${r.pay}`,
    transactionId: r.id === null ? null : `pi_${r.id}`,
    creatorId: null,
    userId: 'u1',
    amount: r.amount,
    netAmount: r.amount - 100,
    serviceFee: 60,
    serviceFeePsp: 40,
    status: r.status,
    recipientNote: `Order ${r.pay}`,
    payoutStatus: null,
    createdAt: `${r.month}-${r.day} 09:00:00`,
    isSplitLink: false,
    isDispute: r.type.startsWith('Dispute'),
    isRefund: r.type === 'Refund',
    paymentMethod: 'card',
    transactionType: r.type
  }))

function openRequests(pending: ReadonlyMap<string, number>): OpenRequestsFor {
  return (payId) => {
    const amount = pending.get(payId)
    return amount === undefined ? [] : [{ amount, state: 'submitted' } as Pick<RefundRequest, 'amount' | 'state'>]
  }
}

function snapshot(idx: TransactionIndex): unknown {
  const payIds = [...new Set(idx.baseOrder().map((r) => r.row.payId))].sort()
  return {
    size: idx.size,
    order: idx.baseOrder().map((r) => r.view),
    groups: payIds.map((p) => idx.byPayId(p).map((v) => v.key)),
    months: idx.months().map((m) => [m, idx.monthRows(m).length]),
    statuses: idx.statuses()
  }
}

// Every way rows can be added: kept aside until something needs the lookup maps (a cold open,
// the default), the maps built as the rows are read (`mapsAtOpen`, a CLI sync), or asked for per
// call (`{ now: true }`, a first sync's pages).
describe.each([
  { mapsAtOpen: false, mapsNow: false },
  { mapsAtOpen: true, mapsNow: false },
  { mapsAtOpen: false, mapsNow: true }
])('index addNew (cold open) against upsert, %o', ({ mapsAtOpen, mapsNow }) => {
  const maps = mapsNow ? { now: true } : undefined
  it('builds the same index as upsert of the same rows, batch by batch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(rowArb, { maxLength: 25 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5_000 })), { maxLength: 3 }),
        (batches, requests) => {
          const pending = new Map(requests.map(([p, a]) => [`P${p}`, a]))
          const viaUpsert = createTransactionIndex({ openRequestsFor: openRequests(pending) })
          const viaAddNew = createTransactionIndex({ openRequestsFor: openRequests(pending), mapsAtOpen })
          for (const batch of batches) {
            const a = viaUpsert.upsert(batch)
            const b = viaAddNew.addNew(batch.map(encodeRow), maps)
            expect(b).toEqual(a)
          }
          expect(snapshot(viaAddNew)).toEqual(snapshot(viaUpsert))
          // And the index keeps working the same afterwards (a sync on top of a cold open).
          const later = batches.flat().slice(0, 3).map((r) => ({ ...r, status: 'Changed' }))
          expect(viaAddNew.upsert(later)).toEqual(viaUpsert.upsert(later))
          expect(snapshot(viaAddNew)).toEqual(snapshot(viaUpsert))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('completes a payment whose refund entry came a month earlier (newest month first)', () => {
    const idx = createTransactionIndex({ mapsAtOpen })
    const payment = { ...fc.sample(rowArb, 1)[0]!, payId: 'P1', transactionId: 'pi_pay', amount: 10_000, transactionType: 'Basic', createdAt: '2026-04-02 10:00:00' }
    const refund = { ...payment, transactionId: 'pi_ref', amount: -4_000, transactionType: 'Refund', createdAt: '2026-05-03 10:00:00' }
    idx.addNew([encodeRow(refund)], maps)
    idx.addNew([encodeRow(payment)], maps)
    expect(idx.get('id:pi_pay')).toMatchObject({ kind: 'payment', refundedCents: 4_000, refundState: 'partially_refunded' })
    expect(idx.byPayId('P1').map((v) => v.key)).toEqual(['id:pi_pay', 'id:pi_ref'])
  })

  it('reads the row fields from the cells it was given', () => {
    const idx = createTransactionIndex({ mapsAtOpen })
    const r = fc.sample(rowArb, 1)[0]!
    idx.addNew([encodeRow({ ...r, transactionId: 'pi_x', recipientNote: 'Rechnung 7 – Müller' })], maps)
    const entry = idx.baseOrder()[0]!
    expect(entry.row.recipientNote).toBe('Rechnung 7 – Müller')
    expect(entry.view).toMatchObject({ ...r, transactionId: 'pi_x', recipientNote: 'Rechnung 7 – Müller', key: 'id:pi_x' })
  })
})
