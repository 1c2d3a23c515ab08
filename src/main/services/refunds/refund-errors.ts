/** Typed errors of the refund service. Messages are our own English words; never the API key. */
import type { RefundEligibility } from '@shared/views'
import { describePreconditionReason, type RefundPreconditionReason } from './refund-eligibility'

/** A local pre-check failed; nothing was journaled and nothing was sent. */
export class RefundPreconditionError extends Error {
  readonly kind = 'refund_precondition' as const
  constructor(
    readonly reasons: RefundPreconditionReason[],
    readonly eligibility: RefundEligibility | null
  ) {
    super(reasons.map(describePreconditionReason).join(' '))
    this.name = 'RefundPreconditionError'
  }
}

export type RefundServiceErrorCode =
  /** No request with this id in this environment's ledger. */
  | 'not_found'
  /** The action is not possible in the request's current state. */
  | 'invalid_state'
  | 'offline'
  | 'no_key'
  /** Another action for the same payment is running in this process. */
  | 'busy'
  /** Team mode: only the PC that sent a request may send it again. */
  | 'other_pc'
  /** Refreshing the payment from SecPaid failed; nothing was re-sent. */
  | 'refresh_failed'
  | 'invalid_input'
  /** The ledger file was written by a newer version or has no valid header: read-only. */
  | 'ledger_read_only'

export class RefundServiceError extends Error {
  readonly kind = 'refund_service' as const
  constructor(
    readonly code: RefundServiceErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'RefundServiceError'
  }
}
