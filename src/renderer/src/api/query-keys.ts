/**
 * Query keys shared by all screens, so an event can invalidate exactly what it changed.
 * The first element names the data source; screens may add their own keys below these roots.
 */
import type { TransactionFilter, TransactionQuery } from '@shared/views'

export const queryKeys = {
  settings: ['settings'] as const,
  environment: ['environment'] as const,
  accounts: ['accounts'] as const,
  /** Every account's month from its local data (Month-end → All accounts). */
  acrossAccounts: (month: string) => ['acrossAccounts', month] as const,
  credentials: ['credentials'] as const,
  syncState: ['syncState'] as const,
  /** The open account's team settings (Settings → Team) and its link to the team database. */
  teamSettings: ['teamSettings'] as const,
  teamStatus: ['teamStatus'] as const,
  refundRequests: ['refundRequests'] as const,
  statuses: ['statuses'] as const,
  transactionsRoot: ['transactions'] as const,
  transactionPage: (filter: TransactionFilter, sort: TransactionQuery['sort'], pageIndex: number, pageSize: number) =>
    ['transactions', 'page', filter, sort, pageIndex, pageSize] as const,
  transaction: (key: string) => ['transaction', key] as const,
  eligibility: (payId: string) => ['eligibility', payId] as const
}

/** Roots whose data comes from the transaction cache or the refund ledger (refresh after a sync). */
export const DATA_ROOTS: readonly string[] = ['transactions', 'transaction', 'eligibility', 'refundRequests', 'statuses', 'review', 'reviewState', 'month', 'payouts', 'acrossAccounts']

/**
 * Roots that do not belong to one account: the app settings, and the environment/account
 * answers that main pushes itself. Everything else is the open account's data and is dropped
 * (not merely refreshed) when another account opens, so no screen shows one shop's rows, totals,
 * key status or DATEV numbers under another shop's name while the new answers are on their way.
 */
export const APP_ROOTS: readonly string[] = ['settings', 'environment', 'accounts']
