/**
 * Sorting by position (what the query engine does for every sorted result, and for the
 * permutation of all rows it reuses across keystrokes) gives exactly the order of `sortRows`:
 * by value, missing values last in both directions, ties in base order (createdAt desc, key).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { SORT_COLUMNS } from '../../src/shared/views'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'
import { sortPermutation, sortPositions, sortRows } from '../../src/main/services/query/sort-order'

const arbRow = fc.record({
  payId: fc.constantFrom('7', '42', '1000', 'abc', '0099'),
  transactionId: fc.option(fc.constantFrom('20260510-pi-1', '20260510-pi-2', 'x'), { nil: null }),
  amount: fc.integer({ min: -3, max: 3 }),
  netAmount: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
  serviceFee: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  status: fc.constantFrom('Success', 'pending', 'Failed'),
  recipientNote: fc.constantFrom('', 'a', 'B', 'b', 'Müller'),
  paymentMethod: fc.option(fc.constantFrom('card', 'PayPal', ''), { nil: null }),
  transactionType: fc.constantFrom('Basic', 'Refund', 'Dispute'),
  day: fc.integer({ min: 1, max: 3 })
})

type Spec = typeof arbRow extends fc.Arbitrary<infer T> ? T : never

function toRows(specs: Spec[]): PayInTransaction[] {
  return specs.map((s, i) => ({
    payId: s.payId, transactionId: s.transactionId === null ? null : `${s.transactionId}-${i}`, creatorId: null, userId: null,
    amount: s.amount, netAmount: s.netAmount, serviceFee: s.serviceFee, serviceFeePsp: null, status: s.status,
    recipientNote: s.recipientNote, payoutStatus: null, createdAt: `2026-05-0${s.day} 10:00:00`,
    isSplitLink: false, isDispute: false, isRefund: false, paymentMethod: s.paymentMethod, transactionType: s.transactionType
  }))
}

describe('sort by position', () => {
  it('property: every column and direction, any subset, equals sortRows over the same rows', () => {
    fc.assert(
      fc.property(
        fc.array(arbRow, { minLength: 1, maxLength: 25 }),
        fc.constantFrom(...SORT_COLUMNS),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.array(fc.boolean(), { maxLength: 25 }),
        (specs, column, direction, picks) => {
          const index = createTransactionIndex()
          index.reset(toRows(specs))
          const all = index.baseOrder()
          const subset = all.map((_, i) => i).filter((i) => picks[i] !== false).reverse()
          const want = sortRows(subset.map((p) => all[p]!), column, direction).map((r) => r.key)
          expect(Array.from(sortPositions(all, subset, column, direction), (p) => all[p]!.key)).toEqual(want)
          const every = sortRows(all.slice(), column, direction).map((r) => r.key)
          expect(Array.from(sortPermutation(all, column, direction), (p) => all[p]!.key)).toEqual(every)
        }
      ),
      { numRuns: 300 }
    )
  })
})
