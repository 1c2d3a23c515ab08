/** Text of `secpaid-desk payouts` (English, like the CLI). */
import type { PayOutTransaction } from '@shared/domain'
import { formatMoneyPlain } from '@shared/money'
import type { PayoutCause, PayoutReconciliation, UncoveredCause } from '@shared/views'
import { table } from './output'

const eur = (cents: number | null): string => (cents === null ? '' : formatMoneyPlain(cents, 'en'))

const CAUSE: Record<PayoutCause, string> = {
  matches: 'matches',
  pending: 'payout still in progress (amount may change)',
  refunds_not_netted: "the day's refunds/disputes were not netted (collected separately?)",
  no_rows_cached: 'no entries of that day in the cache',
  unexplained: 'unexplained: compare with SecPaid'
}

const UNCOVERED: Record<UncoveredCause, string> = {
  not_yet_due: 'not due yet',
  nothing_to_pay: "nothing to pay out: the day's refunds/disputes exceed its pay-ins (settled by a later payout or a debit)",
  missing: 'missing'
}

export function payoutTable(payouts: readonly PayOutTransaction[]): string {
  return table(
    ['Covers', 'Created', 'Reference', 'Status', 'Gross', 'Fee', 'Net'],
    payouts.map((p) => [p.requestDate ?? '', p.createdAt, p.transactionId ?? p.payoutId, p.payoutStatus, eur(p.payoutAmount), eur(p.serviceFee), eur(p.netAmount)]),
    new Set([4, 5, 6])
  )
}

export function payoutReconciliationText(r: PayoutReconciliation): string {
  const lines = [
    table(
      ['Covers', 'Created', 'Status', 'Payout net', 'Day net', 'Deviation', 'Cause'],
      r.payouts.map((l) => [
        l.coveredDay,
        `${l.createdAt}${l.paidInLaterMonth ? ' (next month)' : ''}`,
        l.status,
        eur(l.netAmount),
        eur(l.coveredNet),
        eur(l.difference),
        CAUSE[l.cause]
      ]),
      new Set([3, 4, 5])
    ),
    '',
    `Payouts for days of ${r.month}: ${eur(r.summary.payoutsNet)} EUR · net of the month's entries: ${eur(r.summary.monthNet)} EUR · difference: ${eur(r.summary.difference)} EUR`
  ]
  if (r.summary.paidLater.count > 0) lines.push(`${r.summary.paidLater.count} payout(s) (${eur(r.summary.paidLater.cents)} EUR) created in the next month: the bank credit lands there.`)
  for (const d of r.uncoveredDays) {
    lines.push(`${d.day}: ${d.count} entries, net ${eur(d.net)} EUR without a payout — ${UNCOVERED[d.cause]}`)
  }
  lines.push(`Payouts fetched: ${r.payoutsSyncedAt ?? 'never (run sync)'}`)
  return lines.join('\n')
}
