/**
 * Shapes the main process hands to the renderer: query specs, result windows, totals, sync state,
 * refund requests. Pure data (structured-clone safe), shared by main, preload and renderer.
 */
import type { AppNotice } from './notices'
import type { Cents, EnvironmentId, PayInTransaction } from './domain'
import type { ExportFormat, PeriodFilter, TransactionFilter } from './transaction-filter'
import type { RequestOrigin } from './team'

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

/**
 * Sums over a set of rows. Every figure follows an explicit signed rule keyed on the row's KIND,
 * never on the sign SecPaid happens to send for that kind (the API documents no sign for refund or
 * dispute entries), so the cards add up as their labels say:
 *   net          = grossPayIns + refunds + disputes + disputeReturns
 *   netAfterFees = net − fees
 * `payoutPerSecpaid` is SecPaid's own figure (Σ net_amount as sent); `payoutCheck` says by how
 * much and why it differs from `netAfterFees`.
 */
export interface Totals {
  count: number
  paymentCount: number
  refundCount: number
  disputeCount: number
  disputeReturnCount: number
  /** Σ amount of payment rows with a positive amount (≥ 0). */
  grossPayIns: Cents
  /** −Σ |amount| of refund entries (≤ 0): money back to customers. */
  refunds: Cents
  /** −Σ |amount| of dispute entries (≤ 0): money taken by a dispute. */
  disputes: Cents
  /** +Σ |amount| of dispute refund entries (≥ 0): disputed money returned to the merchant. */
  disputeReturns: Cents
  /** grossPayIns + refunds + disputes + disputeReturns. */
  net: Cents
  /** Σ (service_fee + service_fee_psp) as sent: a cost; a negative fee is a credit. */
  fees: Cents
  /** net − fees. */
  netAfterFees: Cents
  /** Σ net_amount as SecPaid sent it (rows without one add nothing). */
  payoutPerSecpaid: Cents
  payoutCheck: PayoutCheck
}

/** payoutPerSecpaid − netAfterFees, split by cause (the three parts add up to `difference`). */
export interface PayoutCheck {
  difference: Cents
  /** Rows without a net_amount: their net by our rule is missing from SecPaid's sum. */
  missingNetAmount: { rows: number; cents: Cents }
  /** Rows whose net_amount has the other sign than our rule gives (e.g. a dispute sent positive). */
  otherSign: { rows: number; cents: Cents }
  /** Rows whose net_amount differs from amount − fees in size. */
  otherAmount: { rows: number; cents: Cents }
}

export interface QueryResult {
  total: number
  offset: number
  rows: TransactionView[]
  totals: Totals
  dataAsOf: string | null
  /**
   * Set while the window's cache load is still reading older months: count, totals and rows cover
   * the months read so far, so they must not look final.
   */
  partial?: true
  /**
   * Set with `partial` when the load ended at a cached month that could not be read (an I/O
   * error): the answer stays partial until the app is started again.
   */
  cacheUnreadable?: true
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
  /** New dispute and dispute-refund entries: with the two above, every new row (row-kind.ts). */
  newDisputeEntries: number
  updatedRows: number
  requestsRefunded: number
  /**
   * Team mode: what teammates on other PCs did since the previous sync (events pulled from the
   * team database). Absent when the account is not in a team.
   */
  teammates?: { refundEvents: number; reviewTicks: number }
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

/** What one history line records, as a code the window puts in the user's language. */
export type HistoryEventCode =
  | 'requested'
  | 'accepted'
  | 'resubmit_sent'
  | 'resubmit_confirmed'
  | 'rejected'
  | 'resubmit_refused'
  | 'outcome_unknown'
  | 'app_closed'
  | 'sender_silent'
  | 'recheck_failed'
  | 'refund_found'
  | 'refund_found_other_amount'
  | 'marked_denied'
  | 'checked_no_entry_yet'
  | 'checked_resending'
  | 'checked_again'

export interface HistoryEvent {
  code: HistoryEventCode
  /** The app did it by itself (a sync found the refund entry), not a person at this PC. */
  automatic: boolean
  /** Words a person typed (request note, denial reason): shown as typed, never translated. */
  userText: string | null
  /** What SecPaid or the connection said, shown as a technical detail (may be English). */
  detail: string | null
  /** Rejection code (rejected / resubmit_refused). */
  rejectionCode: string | null
  /** refund_found_other_amount: what was requested and what the refund entry says. */
  requestedCents: Cents | null
  foundCents: Cents | null
}

export interface RefundHistoryEntry {
  at: string
  state: RefundRequestState
  /** The OS account that wrote the event ('system' for the app's own sync): a detail. */
  osUser: string
  /** The journaled note as written (machine notes are English; the CLI and exports show it). */
  note: string | null
  event: HistoryEvent
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
  /** Team mode: who requested it on which PC. Absent when the account is not in a team. */
  origin?: RequestOrigin
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
  /** The open account (each belongs to one environment; shared/accounts.ts). */
  account: { id: string; name: string | null }
  active: EnvironmentId
  available: EnvironmentId[]
  baseUrl: string | null
  isProduction: boolean
}

/** Why a payout and the pay-ins it covers differ (or that they agree). */
export type PayoutCause = 'matches' | 'pending' | 'refunds_not_netted' | 'no_rows_cached' | 'unexplained'

/** One payout of SecPaid against the cached entries of the day it bundles. */
export interface PayoutLine {
  payoutId: string
  transactionId: string | null
  status: string
  /** The day whose payments the payout bundles (request_date). */
  coveredDay: string
  /** When SecPaid created the payout ("YYYY-MM-DD HH:MM:SS", Berlin). */
  createdAt: string
  payoutAmount: Cents
  fee: Cents | null
  netAmount: Cents
  /** Σ net of the covered day's successful entries in the cache (refund and dispute entries included). */
  coveredNet: Cents
  coveredCount: number
  /** netAmount − coveredNet. */
  difference: Cents
  cause: PayoutCause
  /** Created in a later month than the day it covers: the bank credit lands in that month. */
  paidInLaterMonth: boolean
  flags: { refunds: boolean; disputes: boolean; split: boolean }
}

export type UncoveredCause = 'not_yet_due' | 'nothing_to_pay' | 'missing'

/** A day of the month with successful entries but no payout covering it. */
export interface UncoveredDay {
  day: string
  net: Cents
  count: number
  /**
   * not_yet_due: within SecPaid's payout lag of today; nothing_to_pay: the day's net is zero or
   * negative (its refunds and disputes exceed its pay-ins), so there is nothing to pay out — SecPaid
   * settles it with a later payout or a debit; missing: older, positive, but no payout seen.
   */
  cause: UncoveredCause
}

export interface PayoutReconciliation {
  month: string
  payouts: PayoutLine[]
  uncoveredDays: UncoveredDay[]
  summary: {
    /** Σ net_amount of the payouts covering days of this month. */
    payoutsNet: Cents
    /** Σ net of every successful entry of the month. */
    monthNet: Cents
    /** payoutsNet − monthNet = Σ payout differences − Σ uncovered days. */
    difference: Cents
    paidLater: { count: number; cents: Cents }
    uncovered: { count: number; cents: Cents }
  }
  payoutsSyncedAt: string | null
}
