/** Refund ledger and service (main process, plain Node). */
export {
  LEDGER_EVENT_SCHEMAS,
  isKnownEventType,
  makeLedgerEvent,
  parseLedgerEvent,
  type LedgerEvent,
  type LedgerEventType,
  type LedgerEventData,
  type ParsedLedgerEvent
} from './ledger-events'
export { ALLOWED_TRANSITIONS, canTransition, foldLedger, foldLedgerWithNotices, type FoldResult } from './ledger-model'
export {
  computeEligibility,
  checkRefundInput,
  describePreconditionReason,
  isOpenRequest,
  MAX_NOTE_LENGTH,
  type EligibilityInput,
  type RefundAmountInput,
  type RefundInputProblem,
  type RefundPreconditionReason
} from './refund-eligibility'
// The errors the IPC layer / CLI map to user-facing results: RefundServiceError (`code`),
// RefundPreconditionError (`reasons`), LedgerLockedError (ledger locked by another process).
export { RefundPreconditionError, RefundServiceError, type RefundServiceErrorCode } from './refund-errors'
export { LedgerLockedError } from '../storage/refund-ledger-store'
export { classifyRefundFailure, type RefundFailure } from './refund-outcome'
export { matchRefundEntries, CLOCK_SKEW_MS, type RefundMatch } from './refund-reconcile'
export { currentWriter, writerStatus, type WriterIdentity, type WriterStatus } from './writer-identity'
export {
  createRefundService,
  RESEND_GUARD_MS,
  FOREIGN_WRITER_GRACE_MS,
  type RefundService,
  type RefundServiceDeps,
  type SubmitRefundInput,
  type RefundClient
} from './refund-service'
export { openRefundLedger, type RefundLedger, type RefundLedgerChange, type OpenRefundLedgerOptions } from './refund-ledger'
export { createInFlightRegistries, PROCESS_IN_FLIGHT, type InFlightRegistries } from './in-flight-registry'
