/**
 * Accounts: a bookkeeper serves several shops, each a SecPaid merchant with its own API key. An
 * account is a name + an environment; it owns its keychain slot, transaction cache, refund ledger,
 * payouts, DATEV settings and review ticks (one data folder per account).
 *
 * Every environment has one built-in account (its id is the environment id) that uses the folder
 * and keychain slot the environment has always used, so a desk from before accounts existed opens
 * unchanged. Added accounts get a random id (`acc-` + 8 hex digits).
 */
import type { EnvironmentId } from './domain'
import type { Totals } from './views'

export const ACCOUNT_NAME_MAX_LENGTH = 60
export const ADDED_ACCOUNT_ID_PATTERN = /^acc-[0-9a-f]{8}$/

/** Environments an added account may use: Demo is one in-process shop and has its built-in account only. */
export const ADDABLE_ACCOUNT_ENVIRONMENTS = ['production', 'development', 'custom'] as const
export type AddableAccountEnvironment = (typeof ADDABLE_ACCOUNT_ENVIRONMENTS)[number]

export interface AccountView {
  id: string
  /** The user's name for it; null for a built-in account (shown by its environment's label). */
  name: string | null
  env: EnvironmentId
  builtIn: boolean
  active: boolean
}

export interface AccountsState {
  /** Id of the open account. */
  active: string
  /** Built-in accounts of the available environments first (environment order), then added ones by name. */
  accounts: AccountView[]
}

export interface AccountAdded {
  id: string
  accounts: AccountsState
}

/** One account's month, read from its local data only (no SecPaid call). */
export interface AccountMonthSummary {
  accountId: string
  name: string | null
  env: EnvironmentId
  /** When this account's data were last synced (ISO), null if never. */
  dataAsOf: string | null
  totals: Totals
  /** Entries of the month ticked as reviewed / all entries of the month. */
  reviewed: number
  entries: number
  /** Refund requests of the month's payments that still wait for SecPaid (submitting, pending, unknown). */
  openRefundRequests: number
  /** Σ payout amount of the payouts whose covered day lies in the month. */
  payouts: number
  payoutCount: number
  /** Why this account's row could not be read (then the numbers are zero), else null. */
  problem: string | null
}

export interface MonthAcrossAccounts {
  month: string
  accounts: AccountMonthSummary[]
}

export interface AccountExport {
  accountId: string
  name: string | null
  env: EnvironmentId
  /** The file, or null when this account could not be exported (see problem). */
  file: AccountExportFile | null
  /** Error code (e.g. datev_settings_missing) and English message when file is null. */
  problem: { code: string; message: string } | null
}

/** One account's file; bytes as base64 because a DATEV file is Windows-1252, not UTF-8. */
export interface AccountExportFile {
  fileName: string
  mimeType: string
  base64: string
  /** Rows (CSV/JSON) or bookings (DATEV) in the file. */
  entryCount: number
}

/** Formats a month can be exported in for every account at once. */
export const ACROSS_ACCOUNTS_EXPORT_FORMATS = ['csv-de', 'csv', 'json', 'datev'] as const
export type AcrossAccountsExportFormat = (typeof ACROSS_ACCOUNTS_EXPORT_FORMATS)[number]

export interface MonthExportAcrossAccounts {
  month: string
  exports: AccountExport[]
}
