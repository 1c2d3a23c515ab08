/**
 * Totals follow signed rules keyed on the kind of row, so they add up as their labels say
 * whichever sign SecPaid sends for refund and dispute entries (the API documents none).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RowKind, TransactionView } from '../../src/shared/views'
import { startColumns } from '../../src/main/services/query/row-columns'
import type { IndexedRow } from '../../src/main/services/query/indexed-row'
import { computeTotals, totalsAt } from '../../src/main/services/query/totals'

/** The columns in one go (the engine fills them in slices). */
const buildColumns = (rows: readonly IndexedRow[]) => startColumns(rows).finish()

type Row = Pick<TransactionView, 'kind' | 'amount' | 'serviceFee' | 'serviceFeePsp' | 'netAmount'>
const r = (kind: RowKind, amount: number, fee: number | null, netAmount: number | null): { view: Row } => ({
  view: { kind, amount, serviceFee: fee, serviceFeePsp: null, netAmount }
})

/** One month as SecPaid might send it; `sign` is the convention for refund/dispute entries. */
function month(sign: { dispute: 1 | -1; disputeRefund: 1 | -1; refund: 1 | -1 }): Array<{ view: Row }> {
  return [
    r('payment', 10_000, 30, 9_970),
    r('payment', 5_000, -10, 5_010), // a negative fee: a credit, as SecPaid's net shows
    r('refund', sign.refund * 2_000, 0, sign.refund * 2_000),
    r('dispute', sign.dispute * 5_000, 0, sign.dispute * 5_000),
    r('dispute_refund', sign.disputeRefund * 5_000, 0, sign.disputeRefund * 5_000)
  ]
}

describe('totals by signed rules', () => {
  it('disputes count as money out and dispute refunds as money back, whatever sign they arrive with', () => {
    for (const dispute of [1, -1] as const) {
      for (const disputeRefund of [1, -1] as const) {
        for (const refund of [1, -1] as const) {
          const t = computeTotals(month({ dispute, disputeRefund, refund }))
          expect(t).toMatchObject({
            grossPayIns: 15_000,
            refunds: -2_000,
            disputes: -5_000,
            disputeReturns: 5_000,
            net: 15_000 - 2_000 - 5_000 + 5_000,
            fees: 20,
            netAfterFees: 13_000 - 20
          })
        }
      }
    }
  })

  it('SecPaid\'s payout figure differs from "net − fees" by exactly the sum of the causes it lists', () => {
    // Disputes sent positive (as a faithful fake does): SecPaid's Σ net_amount adds them.
    const t = computeTotals(month({ dispute: 1, disputeRefund: -1, refund: -1 }))
    expect(t.payoutPerSecpaid).toBe(9_970 + 5_010 - 2_000 + 5_000 - 5_000)
    expect(t.payoutCheck.otherSign).toEqual({ rows: 2, cents: 10_000 + -10_000 })
    expect(t.payoutCheck.difference).toBe(t.payoutPerSecpaid - t.netAfterFees)
    const agreeing = computeTotals(month({ dispute: -1, disputeRefund: 1, refund: -1 }))
    expect(agreeing.payoutCheck).toEqual({ difference: 0, missingNetAmount: { rows: 0, cents: 0 }, otherSign: { rows: 0, cents: 0 }, otherAmount: { rows: 0, cents: 0 } })
  })

  it('property: net, net after fees and the payout check always add up as labelled', () => {
    const kind = fc.constantFrom<RowKind>('payment', 'refund', 'dispute', 'dispute_refund')
    const cents = fc.integer({ min: -1_000_000, max: 1_000_000 })
    const row = fc.record({ kind, amount: cents, serviceFee: fc.option(fc.integer({ min: -500, max: 500 })), serviceFeePsp: fc.option(fc.integer({ min: 0, max: 500 })), netAmount: fc.option(cents) })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const t = computeTotals(rows.map((view) => ({ view })))
        expect(t.net).toBe(t.grossPayIns + t.refunds + t.disputes + t.disputeReturns)
        expect(t.netAfterFees).toBe(t.net - t.fees)
        expect(t.refunds).toBeLessThanOrEqual(0)
        expect(t.disputes).toBeLessThanOrEqual(0)
        expect(t.disputeReturns).toBeGreaterThanOrEqual(0)
        const c = t.payoutCheck
        expect(c.difference).toBe(t.payoutPerSecpaid - t.netAfterFees)
        expect(c.missingNetAmount.cents + c.otherSign.cents + c.otherAmount.cents).toBe(c.difference)
        expect(t.count).toBe(t.paymentCount + t.refundCount + t.disputeCount + t.disputeReturnCount)
      })
    )
  })

  it('property: totals read from the flat columns of a large result equal totals over its rows', () => {
    const kind = fc.constantFrom<RowKind>('payment', 'refund', 'dispute', 'dispute_refund')
    const cents = fc.integer({ min: -1_000_000, max: 1_000_000 })
    const row = fc.record({ kind, amount: cents, serviceFee: fc.option(fc.integer({ min: -500, max: 500 })), serviceFeePsp: fc.option(fc.integer({ min: 0, max: 500 })), netAmount: fc.option(cents) })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 40 }), (rows, picks) => {
        // The columns read the stored row and its kind; the other IndexedRow fields play no part in totals.
        const all = rows.map((view) => ({ row: view, kind: view.kind }) as unknown as IndexedRow)
        const positions = Int32Array.from(rows.keys()).filter((i) => picks[i] !== false)
        expect(totalsAt(buildColumns(all), positions)).toEqual(computeTotals(Array.from(positions, (p) => ({ view: rows[p]! }))))
      })
    )
  })

  it('property: columns filled in slices of any size are the columns built at once', () => {
    const kind = fc.constantFrom<RowKind>('payment', 'refund', 'dispute', 'dispute_refund')
    const cents = fc.integer({ min: -1_000_000, max: 1_000_000 })
    const row = fc.record({ kind, amount: cents, serviceFee: fc.option(fc.integer({ min: -500, max: 500 })), serviceFeePsp: fc.option(fc.integer({ min: 0, max: 500 })), netAmount: fc.option(cents) })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 6 }), (rows, slices) => {
        const all = rows.map((view) => ({ row: view, kind: view.kind }) as unknown as IndexedRow)
        const build = startColumns(all)
        for (const n of slices) build.step(n)
        expect(build.done).toBe(slices.reduce((a, b) => a + b, 0) >= rows.length)
        expect(build.finish()).toEqual(buildColumns(all))
      })
    )
  })
})
