/**
 * What a refundPayment failure means for the ledger
 * (docs/architecture.md#a-refund-is-never-sent-twice-by-accident).
 *
 * Definite refusals — SecPaid validated and refused, the key was refused, HTTP 429, or the
 * request provably never left this machine — become `rejected`. Everything else (a timeout after
 * sending, a dropped connection, 5xx, a garbled reply, an abort, an error we do not know) may have
 * been recorded by SecPaid and becomes `outcome_unknown`: visible to the user, resolved with
 * "check again", never resent automatically.
 */
import {
  ApiRejection,
  AuthError,
  BaseUrlError,
  InvalidInputError,
  NetworkError,
  RateLimited,
  SecpaidError
} from '../secpaid/errors'
import type { LedgerNotice } from '../storage/refund-ledger-store'
import { NOTE_CONFIRMED, NOTE_SENT_NOW, recheckFailedNote, refusedResubmissionNote } from './history-event'
import { makeLedgerEvent, type LedgerEvent } from './ledger-events'

export type RefundFailure =
  | { outcome: 'rejected'; code: string; message: string }
  | { outcome: 'unknown'; errorKind: string; message: string }

export function classifyRefundFailure(err: unknown): RefundFailure {
  if (err instanceof ApiRejection) return { outcome: 'rejected', code: err.code, message: err.rawMessage || err.message }
  // Our own sentence, never the server's: a reply to a bad key may quote the key.
  if (err instanceof AuthError) return { outcome: 'rejected', code: 'auth', message: err.message }
  // 429: the server turned the request away before processing it (docs/secpaid-api.md#rate-limit).
  if (err instanceof RateLimited) return { outcome: 'rejected', code: 'rate_limited', message: err.message }
  if (err instanceof NetworkError && !err.mayHaveReachedServer) {
    return { outcome: 'rejected', code: 'not_sent', message: err.message }
  }
  // Our own validation / configuration: thrown before anything is sent.
  if (err instanceof InvalidInputError) return { outcome: 'rejected', code: 'invalid_input', message: err.message }
  if (err instanceof BaseUrlError) return { outcome: 'rejected', code: 'not_sent', message: err.message }
  if (err instanceof SecpaidError) return { outcome: 'unknown', errorKind: err.kind, message: err.message }
  // A foreign error's message could carry anything; journal only its name
  // (docs/architecture.md#the-api-key-never-leaves-main).
  const name = err instanceof Error ? err.name : typeof err
  return { outcome: 'unknown', errorKind: 'unexpected', message: `Unexpected error while sending (${name})` }
}


/** The ledger event for a failed refundPayment: `rejected` or `outcome_unknown`. */
export function failureEvent(id: string, err: unknown, note: string | null, osUser: string, at: Date): LedgerEvent {
  const f = classifyRefundFailure(err)
  return f.outcome === 'rejected'
    ? makeLedgerEvent('rejected', id, at, { code: f.code, serverMessage: f.message, osUser, note })
    : makeLedgerEvent('outcome_unknown', id, at, { errorKind: f.errorKind, message: f.message, osUser, note })
}


/**
 * Outcome of the deliberate re-submission of an `outcome_unknown` request (checkAgain).
 * - accepted → submitted: the first request had not arrived, this one is the request now;
 * - "Refund already requested" → submitted: the first one did arrive (docs/secpaid-api.md#no-idempotency);
 * - any other API refusal → rejected (SecPaid evaluated the request and said no);
 * - auth / 429 / not sent / unknown again → still outcome_unknown: none of these says anything
 *   about whether the FIRST request reached SecPaid.
 */
export function resubmitOutcomeEvent(
  id: string,
  result: { ok: true; message: string } | { ok: false; error: unknown },
  osUser: string,
  at: Date
): LedgerEvent {
  if (result.ok) return makeLedgerEvent('submitted', id, at, { serverMessage: result.message, osUser, note: NOTE_SENT_NOW })
  const err = result.error
  if (err instanceof ApiRejection && err.code === 'duplicate_pending') {
    return makeLedgerEvent('submitted', id, at, { serverMessage: err.rawMessage, osUser, note: NOTE_CONFIRMED })
  }
  if (err instanceof ApiRejection) return failureEvent(id, err, refusedResubmissionNote(err.rawMessage), osUser, at)
  const f = classifyRefundFailure(err)
  const message = f.message
  return makeLedgerEvent('outcome_unknown', id, at, {
    errorKind: f.outcome === 'unknown' ? f.errorKind : f.code,
    message,
    osUser,
    note: recheckFailedNote(message)
  })
}

/** Store notices (storage/refund-ledger-store.ts) in words for the user. */
export function describeLedgerNotice(n: LedgerNotice): string {
  switch (n.kind) {
    case 'torn_tail':
      return `Ledger line ${n.line} was cut off (${n.bytes} bytes, probably a crash while writing) and was skipped.`
    case 'corrupt_line':
      return `Ledger line ${n.line} could not be read and was skipped: ${n.detail}`
    case 'unsupported_version':
      return `The refund ledger has format version ${n.version}, newer than this app; it is read-only.`
    case 'invalid_header':
      return `The refund ledger file has no valid header (${n.detail}); it is read-only.`
  }
}
