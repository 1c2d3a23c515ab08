/**
 * Shapes the main process hands to the renderer: query specs, result windows, totals, sync state,
 * refund requests. Pure data (structured-clone safe), shared by main, preload and renderer.
 */
import type { AppNotice } from './notices'
import type { Cents, EnvironmentId, PayInTransaction } from './domain'
import type { ExportFormat, PeriodFilter, TransactionFilter } from './transaction-filter'

export type { ExportFormat, PeriodFilter, TransactionFilter }

/**
 * How a pay-in row counts for a bookkeeper. Derived from transaction_type (+ defensive checks,
 * docs/secpaid-api.md#refund-and-dispute-entries).
 */
export const ROW_KINDS = ['payment', 'refund', 'dispute', 'dispute_refund'] as const
export type RowKind = (typeof ROW_KINDS)[number]

/** Refund situation of a *payment* row, derived from refund entries and the local ledger. */
export type PaymentRefundState =
  | 'none'
  | 'requested' // a local request is submitted / awaiting review (or outcome unknown)
  | 'partially_refunded'
  | 'refunded'

export interface TransactionView extends PayInTransaction {
  /** Stable cache key (transaction_id, or the fallback tuple of docs/secpaid-api.md#getpayintransactions). */
  key: string
  kind: RowKind
  /** Only meaningful for kind 'payment': sum of approved refund entries (positive cents). */
  refundedCents: Cents
  /** Sum of open local refund requests for this payment (positive cents). */
  pendingRefundCents: Cents
  refundState: PaymentRefundState
}

export const SORT_COLUMNS = [
  'createdAt',
  'payId',
  'transactionId',
  'recipientNote',
  'transactionType',
  'status',
  'paymentMethod',
  'amount',
  'netAmount',
  'serviceFee'
] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]

export interface TransactionQuery {
  filter: TransactionFilter
  sort: { column: SortColumn; direction: 'asc' | 'desc' }
  offset: number
  limit: number
}

export interface Totals {
  count: number
  paymentCount: number
  refundCount: number
  disputeCount: number
  /** Sum of positive payment rows (gross pay-ins). */
  grossPayIns: Cents
  /** Sum of Refund entries (negative or zero). */
  refunds: Cents
  /** Sum of Dispute entries (negative) and Dispute Refund entries (money returned after a won dispute). */
  disputes: Cents
  /** grossPayIns + refunds + disputes. */
  net: Cents
  /** Sum of fees (service_fee + service_fee_psp) over the filtered rows. */
  fees: Cents
  /** Sum of net_amount over the filtered rows. */
  netAfterFees: Cents
}

export interface QueryResult {
  total: number
  offset: number
  rows: TransactionView[]
  totals: Totals
  dataAsOf: string | null
}

export type SyncStatus = 'idle' | 'syncing' | 'offline' | 'error' | 'needs_key'

export interface SyncProgress {
  pages: number
  rows: number
}

export interface SyncState {
  env: EnvironmentId
  status: SyncStatus
  lastSuccessfulSyncAt: string | null
  lastAttemptAt: string | null
  lastError: { kind: string; message: string; at: string } | null
  progress: SyncProgress | null
  cachedRows: number
  /** Notices the user should see once (corrupt shard set aside and re-synced, …), as codes. */
  notices: AppNotice[]
  /** What the last sync changed (the "changes since last sync" digest). */
  lastDigest: SyncDigest | null
  /**
   * While the cache is read into the index newest month first (the window opens on the newest
   * rows before older months are read): how far it got. Absent or null once everything is read.
   */
  cacheLoad?: CacheLoadProgress | null
}

export interface CacheLoadProgress {
  monthsLoaded: number
  monthsTotal: number
}

export interface SyncDigest {
  at: string
  newPayments: number
  newRefundEntries: number
  updatedRows: number
  requestsRefunded: number
}

export const REFUND_REASONS = [
  'requested_by_customer',
  'duplicate',
  'fraudulent',
  'product_not_delivered',
  'other'
] as const
export type RefundReason = (typeof REFUND_REASONS)[number]

export type RefundRequestState =
  | 'submitting'
  | 'submitted'
  | 'rejected'
  | 'outcome_unknown'
  | 'refunded'
  | 'denied'

/** States in which a request still blocks another one for the same payment. */
export const OPEN_REQUEST_STATES: readonly RefundRequestState[] = ['submitting', 'submitted', 'outcome_unknown']

export interface RefundHistoryEntry {
  at: string
  state: RefundRequestState
  osUser: string
  note: string | null
}

export interface RefundRequest {
  id: string
  env: EnvironmentId
  payId: string
  amount: Cents
  isFullRefund: boolean
  reason: RefundReason
  note: string | null
  createdAt: string
  state: RefundRequestState
  serverMessage: string | null
  rejectionCode: string | null
  deniedReason: string | null
  /** Cache key of the negative Refund entry that settled this request. */
  refundEntryKey: string | null
  /** Original payment's reference, for lists. */
  recipientNote: string | null
  history: RefundHistoryEntry[]
}

export type RefundBlockReason =
  | 'offline'
  | 'no_key'
  | 'not_found'
  | 'not_a_payment'
  | 'not_successful'
  | 'disputed'
  | 'cancelled_link'
  | 'invoice'
  | 'open_request'
  | 'fully_refunded'

export interface RefundEligibility {
  payId: string
  allowed: boolean
  reasons: RefundBlockReason[]
  original: Cents
  refunded: Cents
  pending: Cents
  remaining: Cents
}

export interface TransactionDetail {
  row: TransactionView
  /** Other rows sharing the pay_id (refund, dispute entries), oldest first. */
  related: TransactionView[]
  requests: RefundRequest[]
  eligibility: RefundEligibility | null
}

export interface ExportFile {
  fileName: string
  mimeType: string
  content: string
  rowCount: number
  stale: boolean
}

export type Language = 'de' | 'en'
export type Theme = 'system' | 'light' | 'dark'

export interface CredentialStatus {
  env: EnvironmentId
  hasKey: boolean
  last4: string | null
  storage: 'keychain' | 'session' | 'demo' | null
  keychainAvailable: boolean
  /** The keychain's trouble in English (CLI, log). */
  keychainMessage: string | null
  /** The same as a code, for advice in the user's language; null when the keychain works. */
  keychainProblem: KeychainProblem | null
}

/** Why the OS keychain could not be used, and on which platform (the advice differs). */
export interface KeychainProblem {
  reason: 'no_dbus' | 'no_secret_service' | 'no_keyring' | 'locked' | 'cancelled' | 'module_load' | 'timed_out' | 'unknown'
  platform: 'darwin' | 'win32' | 'linux'
}

export interface EnvironmentInfo {
  active: EnvironmentId
  available: EnvironmentId[]
  baseUrl: string | null
  isProduction: boolean
}
