/**
 * The IPC method → channel map (no zod here, so the sandboxed preload stays tiny). The request
 * schemas live in ipc-contract.ts; response types in IpcResponses below. Main registers exactly
 * these channels; preload exposes exactly these methods; nothing else crosses the bridge.
 */
import type { AccountAdded, AccountsState, MonthAcrossAccounts, MonthExportAcrossAccounts } from './accounts'
import type { ReviewTickOrigin, TeamConnectionCheck, TeamSettingsView, TeamStatus } from './team'
import type { BankCheckResult, DatevExportFile, DatevSettingsState } from './bookkeeping-views'
import type { EnvironmentId, PayOutTransaction } from './domain'
import type {
  CredentialStatus,
  EnvironmentInfo,
  ExportFile,
  Language,
  PayoutLine,
  PayoutReconciliation,
  QueryResult,
  RefundEligibility,
  RefundRequest,
  SyncProgress,
  SyncState,
  Theme,
  TransactionDetail,
  TransactionFilter,
  TransactionView
} from './views'

export const IPC_METHODS = {
  getEnvironment: 'env:get',
  setEnvironment: 'env:set',
  getCredentialStatus: 'credentials:status',
  saveApiKey: 'credentials:save',
  signOut: 'credentials:sign-out',
  getSyncState: 'sync:state',
  runSync: 'sync:run',
  dismissSyncNotices: 'sync:dismiss-notices',
  queryTransactions: 'transactions:query',
  getTransaction: 'transactions:get',
  listStatuses: 'transactions:statuses',
  getRefundEligibility: 'refunds:eligibility',
  submitRefund: 'refunds:submit',
  listRefundRequests: 'refunds:list',
  checkRefundRequest: 'refunds:check',
  markRefundDenied: 'refunds:mark-denied',
  exportTransactions: 'export:create',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getReviewState: 'review:get',
  setReviewed: 'review:set',
  listPayouts: 'payouts:list',
  getPayoutReconciliation: 'payouts:reconcile',
  exportPayoutReconciliation: 'payouts:export',
  getPayoutEntries: 'payouts:entries',
  getDatevSettings: 'datev:settings-get',
  saveDatevSettings: 'datev:settings-save',
  exportDatev: 'datev:export',
  checkBankStatement: 'bank:check',
  listAccounts: 'accounts:list',
  addAccount: 'accounts:add',
  renameAccount: 'accounts:rename',
  removeAccount: 'accounts:remove',
  switchAccount: 'accounts:switch',
  getMonthAcrossAccounts: 'accounts:month',
  exportMonthAcrossAccounts: 'accounts:month-export',
  getTeamSettings: 'team:settings-get',
  saveTeamSettings: 'team:settings-save',
  testTeamConnection: 'team:test',
  removeTeamSettings: 'team:settings-remove',
  getTeamStatus: 'team:status',
  syncTeamNow: 'team:sync'
} as const

export type IpcMethod = keyof typeof IPC_METHODS
export type IpcChannel = (typeof IPC_METHODS)[IpcMethod]

/** Events main pushes to the renderer. */
export const IPC_EVENTS = {
  syncProgress: 'event:sync-progress',
  syncState: 'event:sync-state',
  ledgerChanged: 'event:ledger-changed',
  environmentChanged: 'event:environment-changed',
  teamStatus: 'event:team-status'
} as const
export type IpcEventName = keyof typeof IPC_EVENTS

export interface IpcEventPayloads {
  syncProgress: SyncProgress
  syncState: SyncState
  /** Once per ledger change: this environment's requests, and the payments whose requests changed. */
  ledgerChanged: { requests: RefundRequest[]; payIds: string[] }
  environmentChanged: EnvironmentInfo
  /** Team link changes (online/unreachable, pending events). */
  teamStatus: TeamStatus
}

export interface Settings {
  /** The environment the app opens with (null = first run: the user has not chosen yet). */
  environment: EnvironmentId | null
  /** The added account the app opens with (null = the environment's built-in account). */
  activeAccount: string | null
  language: Language | null // null = follow the OS
  theme: Theme
  /** Last used transaction filter, restored on start. */
  transactionFilter: TransactionFilter | null
  historyWindowMonths: number
}

export interface PayoutList {
  payouts: PayOutTransaction[]
  /** When the payouts were last fetched from SecPaid (ISO), null if never. */
  syncedAt: string | null
}

export interface PayoutEntries {
  /** The payout against the entries of the day it covers. */
  line: PayoutLine
  /** The covered day's successful entries in the cache, oldest first. */
  entries: TransactionView[]
}

export interface ReviewState {
  month: string
  reviewedKeys: string[]
  /**
   * Team mode: who set or cleared each tick the team has seen (the latest per row wins), for rows
   * the team has ticks of. Absent when the account is not in a team.
   */
  ticks?: ReviewTickOrigin[]
}

export interface IpcResponses {
  getEnvironment: EnvironmentInfo
  setEnvironment: EnvironmentInfo
  getCredentialStatus: CredentialStatus
  saveApiKey: CredentialStatus
  signOut: CredentialStatus
  getSyncState: SyncState
  runSync: SyncState
  dismissSyncNotices: SyncState
  queryTransactions: QueryResult
  getTransaction: TransactionDetail
  listStatuses: string[]
  getRefundEligibility: RefundEligibility
  submitRefund: RefundRequest
  listRefundRequests: RefundRequest[]
  checkRefundRequest: RefundRequest
  markRefundDenied: RefundRequest
  exportTransactions: ExportFile
  getSettings: Settings
  updateSettings: Settings
  getReviewState: ReviewState
  setReviewed: ReviewState
  listPayouts: PayoutList
  getPayoutReconciliation: PayoutReconciliation
  /** The month's payouts against the days they cover, as CSV (its own file beside the transactions). */
  exportPayoutReconciliation: ExportFile
  /** What one payout bundles: its line of the month's reconciliation and the covered day's entries. */
  getPayoutEntries: PayoutEntries
  getDatevSettings: DatevSettingsState
  saveDatevSettings: DatevSettingsState
  exportDatev: DatevExportFile
  checkBankStatement: BankCheckResult
  listAccounts: AccountsState
  addAccount: AccountAdded
  renameAccount: AccountsState
  removeAccount: AccountsState
  /** Opens the account (its environment with it); environmentChanged follows. */
  switchAccount: EnvironmentInfo
  getMonthAcrossAccounts: MonthAcrossAccounts
  exportMonthAcrossAccounts: MonthExportAcrossAccounts
  getTeamSettings: TeamSettingsView
  /** Proves the connection (connect, migrate, one round trip) before anything is stored. */
  saveTeamSettings: { settings: TeamSettingsView; check: TeamConnectionCheck }
  testTeamConnection: TeamConnectionCheck
  removeTeamSettings: TeamSettingsView
  getTeamStatus: TeamStatus
  /** Pushes what waits and pulls what teammates wrote, now; the status after it. */
  syncTeamNow: TeamStatus
}

/** Error kinds that cross IPC. Messages never contain the API key. */
export type IpcErrorKind =
  | 'invalid_argument'
  | 'forbidden_sender'
  | 'auth'
  | 'rejected'
  | 'rate_limited'
  | 'offline'
  | 'server'
  | 'protocol'
  | 'keychain_unavailable'
  | 'not_found'
  | 'precondition'
  | 'internal'

export interface IpcError {
  kind: IpcErrorKind
  message: string
  /** Machine-readable detail, e.g. a refund rejection code or a block reason. */
  code?: string
  /** The server's own words, when SecPaid sent some (always shown: docs/secpaid-api.md#rejections). */
  serverMessage?: string
  /** Values the renderer's sentence for `code` needs (e.g. who holds a refund claim). */
  params?: Record<string, string>
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }
