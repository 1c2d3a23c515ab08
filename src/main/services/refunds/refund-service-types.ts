/** The refund service's public types (refund-service.ts). */
import type { RefundEligibility, RefundReason, RefundRequest, TransactionView } from '@shared/views'
import type { SecpaidClient } from '../secpaid/client'
import type { RefundLedger } from './refund-ledger'
import type { WriterCheckDeps, WriterIdentity } from './writer-identity'

export type RefundClient = Pick<SecpaidClient, 'refundPayment'>

export interface RefundServiceDeps {
  /** The environment's ledger; it publishes every change the service makes (onDidChange). */
  ledger: RefundLedger
  /** null = no key for this environment. */
  getClient: () => RefundClient | null
  /** Cached rows for a pay_id: the payment and its refund/dispute entries. */
  lookupPayment: (payId: string) => { payment?: TransactionView; related: TransactionView[] }
  /** Fetches the pay_id's rows from SecPaid into the cache; throws client errors. */
  refreshPayment: (payId: string) => Promise<void>
  isOnline: () => boolean
  /**
   * Refresh the payment with `refreshPayment` before a new request is journaled and sent, so the
   * remaining amount counts refunds made elsewhere since the last sync; a failed refresh refuses
   * the submit (refund-refresh.ts). The app's workspaces always turn it on. Off, the checks use
   * the cache as it is (services driven by a caller that keeps the cache fresh itself).
   */
  refreshBeforeSubmit?: boolean
  osUser: string
  now: () => Date
  newId: () => string
  /** The SecPaid client's request timeout (default: the transport's 30 s); sizes the stale-writer rule. */
  clientTimeoutMs?: number
  /** Who journals and sends (default: this process). Tests use it to play another process. */
  writer?: WriterIdentity
  /** Process checks used by crash recovery (tests). */
  writerCheck?: WriterCheckDeps
  /** Team mode: the claims of the team this account shares (read at each submit; null = no team). */
  claims?: () => RefundClaims | null
}

/**
 * Team mode: a payment is claimed in the team's database before a refund of it is journaled and
 * sent, so two PCs never send one concurrently (docs/team-mode.md#claims-cross-pc-single-flight).
 */
export interface RefundClaims {
  /**
   * Claims the payment for this request and brings in what teammates wrote, so the checks that
   * follow see their requests. Throws TeamRefusalError when a teammate holds it, or when the
   * database cannot be reached and the user has not chosen to send on this PC alone
   * (`withoutTeam`; then it claims nothing and returns a claim whose methods do nothing).
   */
  acquire(input: { payId: string; requestId: string; withoutTeam: boolean }): Promise<RefundClaim>
}

export interface RefundClaim {
  /** Nothing was journaled under this claim: give it back. Never throws. */
  abandon(): Promise<void>
  /** The request and its outcome are journaled: share them, and release the claim once final. Never throws. */
  settled(): void
}

export interface SubmitRefundInput {
  payId: string
  amount: number
  isFullRefund: boolean
  reason: RefundReason
  note: string | null
  /** Team mode, database unreachable: the user chose to send on this PC alone. */
  withoutTeam?: boolean
}

export interface RefundService {
  /** This environment's requests, oldest first. */
  list(): RefundRequest[]
  get(id: string): RefundRequest | null
  eligibility(payId: string): RefundEligibility
  /** Never throws once refundPayment has been called: returns the request in its real state. */
  submit(input: SubmitRefundInput): Promise<RefundRequest>
  checkAgain(id: string): Promise<RefundRequest>
  markDenied(id: string, reason: string): RefundRequest
  /** After every sync: links new Refund entries to open requests. Returns how many became refunded. */
  reconcile(rowsByPayId: (payId: string) => readonly TransactionView[]): number
  /**
   * At startup: requests left in `submitting` by a sender that is gone → outcome_unknown. Requests
   * still being sent (by this process or another live one) are left alone. Returns the count.
   */
  recoverAfterCrash(): number
  /** Store and fold notices (torn lines, skipped events) and outcomes not yet written, for a diagnostics view. */
  notices(): string[]
}
