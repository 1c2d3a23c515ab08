/**
 * A month's payouts against the pay-ins they bundle. SecPaid bundles the successful entries of one
 * day into one payout (request_date = that day) and creates it days later, so a month is checked
 * by COVERED day, and payouts created in the next month are flagged: their bank credit lands
 * there. Every difference gets its likeliest cause; the summary adds up exactly:
 *   payoutsNet − monthNet = Σ payout differences − Σ uncovered days.
 * Pure: the caller passes the month's cached entries and the stored payouts.
 */
import { addCalendarDays } from '@shared/berlin-time'
import { sumCents } from '@shared/money'
import type { PayOutTransaction } from '@shared/domain'
import type { PayoutLine, PayoutReconciliation, TransactionView, UncoveredCause, UncoveredDay } from '@shared/views'

/** Why a day has no payout: too recent, nothing to pay (net ≤ 0), or missing. */
function uncoveredCause(day: string, net: number, dueBefore: string): UncoveredCause {
  if (day >= dueBefore) return 'not_yet_due'
  return net <= 0 ? 'nothing_to_pay' : 'missing'
}

export interface ReconcileInput {
  month: string
  /** Every cached entry whose createdAt falls in `month` (any kind, any status). */
  rows: readonly TransactionView[]
  payouts: readonly PayOutTransaction[]
  /** Berlin date of today, "YYYY-MM-DD". */
  today: string
  /** Days SecPaid takes to create a payout after the day it covers. */
  lagDays: number
  payoutsSyncedAt: string | null
}

const SUCCESS = 'Success'

/** The entry's net as SecPaid would pay it: its net_amount, else amount − fees. */
function entryNet(v: TransactionView): number {
  return v.netAmount ?? v.amount - (v.serviceFee ?? 0) - (v.serviceFeePsp ?? 0)
}

interface DaySums {
  net: number
  count: number
  /** Σ net of refund and dispute entries (what netting takes off a payout). */
  outgoingNet: number
}

/** The day whose successful entries a payout bundles. */
export function coveredDayOf(p: PayOutTransaction): string {
  // No request_date: the day before creation is the best reading of "nightly bundling".
  return p.requestDate ?? addCalendarDays(p.createdAt.slice(0, 10), -1)
}

/** The entries a payout bundles, as far as the cache knows them: the covered day's successful entries, oldest first. */
export function entriesCoveredBy(p: PayOutTransaction, monthRows: readonly TransactionView[]): TransactionView[] {
  const day = coveredDayOf(p)
  return monthRows.filter((v) => v.status === SUCCESS && v.createdAt.startsWith(day)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
}

function sumsByDay(rows: readonly TransactionView[]): Map<string, DaySums> {
  const days = new Map<string, DaySums>()
  for (const v of rows) {
    if (v.status !== SUCCESS) continue
    const day = v.createdAt.slice(0, 10)
    let s = days.get(day)
    if (s === undefined) days.set(day, (s = { net: 0, count: 0, outgoingNet: 0 }))
    const net = entryNet(v)
    s.net += net
    s.count++
    if (v.kind !== 'payment') s.outgoingNet += net
  }
  return days
}

function lineOf(p: PayOutTransaction, coveredDay: string, day: DaySums | undefined): PayoutLine {
  const netAmount = p.netAmount ?? p.payoutAmount - (p.serviceFee ?? 0)
  const coveredNet = day?.net ?? 0
  const difference = netAmount - coveredNet
  const cause: PayoutLine['cause'] =
    day === undefined
      ? 'no_rows_cached'
      : difference === 0
        ? 'matches'
        : day.outgoingNet !== 0 && difference === -day.outgoingNet
          ? 'refunds_not_netted'
          : p.payoutStatus !== 'Approved'
            ? 'pending'
            : 'unexplained'
  return {
    payoutId: p.payoutId,
    transactionId: p.transactionId,
    status: p.payoutStatus,
    coveredDay,
    createdAt: p.createdAt,
    payoutAmount: p.payoutAmount,
    fee: p.serviceFee,
    netAmount,
    coveredNet,
    coveredCount: day?.count ?? 0,
    difference,
    cause,
    paidInLaterMonth: p.createdAt.slice(0, 7) > coveredDay.slice(0, 7),
    flags: { refunds: p.isRefund, disputes: p.isDispute, split: p.isSplitLink }
  }
}

export function reconcilePayouts(input: ReconcileInput): PayoutReconciliation {
  const days = sumsByDay(input.rows)
  const lines: PayoutLine[] = []
  const covered = new Set<string>()
  for (const p of input.payouts) {
    const coveredDay = coveredDayOf(p)
    if (coveredDay.slice(0, 7) !== input.month) continue
    lines.push(lineOf(p, coveredDay, covered.has(coveredDay) ? undefined : days.get(coveredDay)))
    covered.add(coveredDay)
  }
  lines.sort((a, b) => (a.coveredDay < b.coveredDay ? -1 : a.coveredDay > b.coveredDay ? 1 : a.payoutId < b.payoutId ? -1 : 1))

  const dueBefore = addCalendarDays(input.today, -input.lagDays)
  const uncoveredDays: UncoveredDay[] = [...days]
    .filter(([day, s]) => !covered.has(day) && s.count > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, s]) => ({ day, net: s.net, count: s.count, cause: uncoveredCause(day, s.net, dueBefore) }))

  const payoutsNet = sumCents(lines.map((l) => l.netAmount))
  const monthNet = sumCents([...days.values()].map((s) => s.net))
  const later = lines.filter((l) => l.paidInLaterMonth)
  return {
    month: input.month,
    payouts: lines,
    uncoveredDays,
    summary: {
      payoutsNet,
      monthNet,
      difference: sumCents([payoutsNet, -monthNet]),
      paidLater: { count: later.length, cents: sumCents(later.map((l) => l.netAmount)) },
      uncovered: { count: uncoveredDays.length, cents: sumCents(uncoveredDays.map((d) => d.net)) }
    },
    payoutsSyncedAt: input.payoutsSyncedAt
  }
}
