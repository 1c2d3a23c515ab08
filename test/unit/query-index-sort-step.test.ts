/**
 * The base order built a month at a time (`sortStep`, then `baseOrder`): the same order a full
 * sort of every row gives, with ranks equal to positions, whatever the rows, however many slices
 * were taken, and when rows change between slices. Malformed timestamps put a month's rows out of
 * calendar order; the full sort then decides.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { compareBase } from '../../src/main/services/query/indexed-row'
import { createTransactionIndex, type TransactionIndex } from '../../src/main/services/query/transaction-index'

const timestampArb = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.integer({ min: 2025, max: 2026 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 86_399 })).map(
    ([y, m, d, s]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
  ) },
  // Shapes only a broken reply could carry: their month key and their number disagree.
  { weight: 1, arbitrary: fc.constantFrom('2026-4-30 12:00:00', '2026-05-3 09:00:00', 'garbage', '2026-13-01 00:00:00', '') }
)

function row(pay: number, id: number | null, createdAt: string, refund = false): PayInTransaction {
  return {
    payId: String(pay),
    transactionId: id === null ? null : `pi-${id}`,
    creatorId: null,
    userId: null,
    amount: refund ? -500 : 10_000,
    netAmount: null,
    serviceFee: null,
    serviceFeePsp: null,
    status: 'Success',
    recipientNote: `Order ${pay}`,
    payoutStatus: null,
    createdAt,
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: refund ? 'Refund' : 'Basic'
  }
}

const rowArb: fc.Arbitrary<PayInTransaction> = fc
  .record({ pay: fc.integer({ min: 1, max: 40 }), id: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }), createdAt: timestampArb, refund: fc.boolean() })
  .map(({ pay, id, createdAt, refund }) => row(pay, id, createdAt, refund))

/** The order must be a full sort's: every row once, sorted by compareBase, ranks = positions. */
function expectFullSortOrder(idx: TransactionIndex): void {
  const order = idx.baseOrder()
  expect(order).toHaveLength(idx.size)
  expect(new Set(order.map((r) => r.key)).size).toBe(idx.size)
  expect(order.map((r) => r.key)).toEqual([...order].sort(compareBase).map((r) => r.key))
  expect(order.map((r) => r.rank)).toEqual(order.map((_, i) => i))
  for (const r of order) expect(idx.get(r.key)).toBe(r.view)
}

describe('base order sorted a month at a time', () => {
  it('slices one month per step, newest first, then joins them', () => {
    const idx = createTransactionIndex()
    idx.upsert([row(1, 1, '2026-03-05 10:00:00'), row(2, 2, '2026-01-31 23:59:59'), row(3, 3, '2026-02-01 00:00:00'), row(4, 4, '2026-03-05 10:00:00')])
    // Three months: two steps report more to do, the third sorts the last month.
    expect([idx.sortStep(), idx.sortStep(), idx.sortStep()]).toEqual([true, true, false])
    expect(idx.baseOrder().map((r) => r.row.transactionId)).toEqual(['pi-1', 'pi-4', 'pi-3', 'pi-2'])
    // An order exists: nothing is left to slice until the rows change.
    expect(idx.sortStep()).toBe(false)
    expectFullSortOrder(idx)
  })

  it('equals a full sort for any rows, any number of steps, and rows changed between steps', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), fc.nat({ max: 30 }), fc.array(rowArb, { maxLength: 10 }), fc.nat({ max: 30 }), (rows, steps, later, moreSteps) => {
        const idx = createTransactionIndex()
        idx.upsert(rows)
        for (let i = 0; i < steps; i++) idx.sortStep()
        // A sync page between slices: the half-built order belongs to the previous version.
        if (later.length > 0) idx.upsert(later)
        for (let i = 0; i < moreSteps; i++) idx.sortStep()
        expectFullSortOrder(idx)
        // And once more after rows are added to an existing order (the merge path).
        idx.upsert(later.map((r) => ({ ...r, transactionId: r.transactionId === null ? null : `${r.transactionId}-b` })))
        expectFullSortOrder(idx)
      }),
      { numRuns: 300 }
    )
  })
})
