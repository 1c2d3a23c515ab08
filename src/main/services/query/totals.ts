/**
 * Totals by explicit signed rules (the rules are spelled out on `Totals` in views.ts).
 *
 * The sign of each kind of row comes from the kind, not from SecPaid: refund and dispute entries
 * count as money out whatever sign they arrive with, dispute refunds as money back in. SecPaid's
 * own net (Σ net_amount) is kept next to ours, and every row's difference between the two is
 * assigned to one cause, so a bookkeeper comparing "net − fees" with SecPaid's payout amount sees
 * by how much and why they differ.
 */
import { sumCents } from '@shared/money'
import type { RowKind, Totals, TransactionView } from '@shared/views'

type TotalsRow = Pick<TransactionView, 'kind' | 'amount' | 'serviceFee' | 'serviceFeePsp' | 'netAmount'>

export function emptyTotals(): Totals {
  return {
    count: 0, paymentCount: 0, refundCount: 0, disputeCount: 0, disputeReturnCount: 0,
    grossPayIns: 0, refunds: 0, disputes: 0, disputeReturns: 0, net: 0, fees: 0, netAfterFees: 0,
    payoutPerSecpaid: 0,
    payoutCheck: { difference: 0, missingNetAmount: { rows: 0, cents: 0 }, otherSign: { rows: 0, cents: 0 }, otherAmount: { rows: 0, cents: 0 } }
  }
}

/** A row's amount with the sign its kind gives it (what it adds to `net`). */
export function signedAmount(kind: RowKind, amount: number): number {
  switch (kind) {
    case 'payment':
      return amount > 0 ? amount : 0
    case 'refund':
    case 'dispute':
      return -Math.abs(amount)
    case 'dispute_refund':
      return Math.abs(amount)
  }
}

/**
 * Adds one row to the running sums: the one place the signed rules are applied, whether the row
 * comes as an object (`computeTotals`) or from the flat columns of a large result (`totalsAt`).
 * `fee` is service_fee + service_fee_psp, each missing one counted as 0.
 */
export function addRow(t: Totals, kind: RowKind, amount: number, fee: number, netAmount: number | null): void {
  const check = t.payoutCheck
  const signed = signedAmount(kind, amount)
  switch (kind) {
    case 'payment':
      t.paymentCount++
      t.grossPayIns += signed
      break
    case 'refund':
      t.refundCount++
      t.refunds += signed
      break
    case 'dispute':
      t.disputeCount++
      t.disputes += signed
      break
    case 'dispute_refund':
      t.disputeReturnCount++
      t.disputeReturns += signed
      break
  }
  t.fees += fee
  const ours = signed - fee
  if (netAmount === null) {
    if (ours !== 0) {
      check.missingNetAmount.rows++
      check.missingNetAmount.cents -= ours
    }
    return
  }
  t.payoutPerSecpaid += netAmount
  const diff = netAmount - ours
  if (diff === 0) return
  if (netAmount === -ours) {
    check.otherSign.rows++
    check.otherSign.cents += diff
  } else {
    check.otherAmount.rows++
    check.otherAmount.cents += diff
  }
}

/** The derived figures and the overflow check, once all rows are added. */
export function finishTotals(t: Totals, count: number): Totals {
  const check = t.payoutCheck
  t.count = count
  t.net = sumCents([t.grossPayIns, t.refunds, t.disputes, t.disputeReturns])
  t.netAfterFees = sumCents([t.net, -t.fees])
  check.difference = sumCents([t.payoutPerSecpaid, -t.netAfterFees])
  // Throws on overflow of any running sum.
  sumCents([t.grossPayIns, t.refunds, t.disputes, t.disputeReturns, t.fees, t.payoutPerSecpaid])
  sumCents([check.missingNetAmount.cents, check.otherSign.cents, check.otherAmount.cents])
  return t
}

export function computeTotals(rows: ReadonlyArray<{ readonly view: TotalsRow }>): Totals {
  const t = emptyTotals()
  // Running sums, checked once at the end: every addend is a safe integer and |sum| only leaves
  // the safe range by growing, so a final check catches overflow (docs/architecture.md#money-is-exact).
  for (let i = 0; i < rows.length; i++) {
    const view = (rows[i] as { readonly view: TotalsRow }).view
    addRow(t, view.kind, view.amount, (view.serviceFee ?? 0) + (view.serviceFeePsp ?? 0), view.netAmount)
  }
  return finishTotals(t, rows.length)
}

/**
 * The numbers totals need, one flat column each, indexed by position in the base order
 * (row-columns.ts builds them). `net` holds 0 where `hasNet` is 0 (no net_amount).
 */
export interface TotalsColumns {
  readonly kind: readonly RowKind[]
  readonly kindCode: Uint8Array
  readonly amount: Float64Array
  readonly fee: Float64Array
  readonly net: Float64Array
  readonly hasNet: Uint8Array
}

/**
 * `computeTotals` of the rows at `positions`, read from the columns: a result of 100k rows is
 * summed without touching 100k row objects scattered over the heap (the same rules, `addRow`).
 */
export function totalsAt(columns: TotalsColumns, positions: ArrayLike<number>): Totals {
  const t = emptyTotals()
  const { kind, kindCode, amount, fee, net, hasNet } = columns
  const n = positions.length
  for (let i = 0; i < n; i++) {
    const p = positions[i] as number
    addRow(t, kind[kindCode[p] as number] as RowKind, amount[p] as number, fee[p] as number, hasNet[p] === 1 ? (net[p] as number) : null)
  }
  return finishTotals(t, n)
}
