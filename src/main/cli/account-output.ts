/** Text of `secpaid-desk accounts` and `month-end` (English, like the CLI). */
import type { AccountMonthSummary, AccountView } from '@shared/accounts'
import { formatMoneyPlain } from '@shared/money'
import { table } from './output'

const eur = (cents: number): string => formatMoneyPlain(cents, 'en')

/** An account as the CLI names it: its name, or the environment for a built-in account. */
export function accountLabel(account: { name: string | null; env: string }): string {
  return account.name ?? `${account.env} (built-in)`
}

export function accountTable(accounts: readonly AccountView[]): string {
  return table(
    ['', 'Account', 'Environment', 'Id'],
    accounts.map((a) => [a.active ? '*' : '', accountLabel(a), a.env, a.id])
  )
}

export function monthAcrossAccountsTable(rows: readonly AccountMonthSummary[]): string {
  return table(
    ['Account', 'Env', 'Data as of', 'Entries', 'Reviewed', 'Net', 'Fees', 'Net − fees', 'Payouts', 'Open requests'],
    rows.map((r) => [
      accountLabel(r),
      r.env,
      r.dataAsOf ?? 'never synced',
      String(r.entries),
      `${r.reviewed}/${r.entries}`,
      eur(r.totals.net),
      eur(r.totals.fees),
      eur(r.totals.netAfterFees),
      `${eur(r.payouts)} (${r.payoutCount})`,
      String(r.openRefundRequests)
    ]),
    new Set([3, 4, 5, 6, 7, 8, 9])
  )
}
