/**
 * Typed errors of the SecPaid client.
 *
 * Security rule (docs/architecture.md#the-api-key-never-leaves-main): no message, stack or property
 * of these errors may contain the API key. Messages are built from our own words plus server text
 * that went through `redact()`. We never attach ky/fetch errors as `cause`: ky's errors carry the
 * Request, whose headers hold the `token`.
 */
import { REFUND_REJECTION_CODES, type RefundRejectionCode } from '@shared/refund-rejections'
import { redact } from './redact'

export type SecpaidErrorKind =
  | 'auth'
  | 'rejection'
  | 'rate_limited'
  | 'network'
  | 'server'
  | 'protocol'
  | 'invalid_input'
  | 'base_url'
  | 'aborted'
  | 'pagination_limit'

/** Why refundPayment was refused: the codes are shared with the ledger and the renderer. */
export { REFUND_REJECTION_CODES, type RefundRejectionCode }

export type SecpaidEndpoint = 'getPayInTransactions' | 'getPayOutTransactions' | 'refundPayment'

/** Key redaction lives in redact.ts; re-exported here where the errors have always offered it. */
export { redact }

/** Bodies longer than this are cut before redaction: an excerpt needs only their start. */
const EXCERPT_SOURCE_LIMIT = 64 * 1024

/** A short, single-line, redacted excerpt of a server body for diagnostics. */
export function excerpt(text: string, key: string | null | undefined, max = 200): string {
  const source = text.length > EXCERPT_SOURCE_LIMIT ? text.slice(0, EXCERPT_SOURCE_LIMIT) : text
  const flat = redact(source, key).replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

export abstract class SecpaidError extends Error {
  abstract readonly kind: SecpaidErrorKind
  constructor(message: string) {
    super(message)
    this.name = new.target.name
  }
}

/** What every auth failure says, whatever the server wrote. */
export const AUTH_FAILURE_MESSAGE = 'SecPaid rejected the API key (missing, unknown, or for another environment)'

/**
 * Key missing, unknown, or from the other environment (docs/secpaid-api.md#authentication). Never
 * retried.
 */
export class AuthError extends SecpaidError {
  readonly kind = 'auth' as const
  /**
   * `rawMessage` is the server's (redacted) text, kept for diagnostics in this process only: it is
   * never forwarded — not into the message, the ledger, the log or the UI. A server answering an
   * auth failure may quote the key in any shape, so what leaves is our own sentence.
   */
  constructor(readonly rawMessage: string) {
    super(AUTH_FAILURE_MESSAGE)
  }
}

/** ResponseCode 0 with a non-auth message (docs/secpaid-api.md#rejections). */
export class ApiRejection extends SecpaidError {
  readonly kind = 'rejection' as const
  constructor(
    readonly endpoint: SecpaidEndpoint,
    readonly code: RefundRejectionCode,
    readonly rawMessage: string,
    readonly httpStatus: number
  ) {
    super(`SecPaid refused ${endpoint}: ${rawMessage || '(no message)'}`)
  }
}

/**
 * HTTP 429 (docs/secpaid-api.md#rate-limit). `retryAfterMs` is null when no usable Retry-After
 * header came.
 */
export class RateLimited extends SecpaidError {
  readonly kind = 'rate_limited' as const
  constructor(readonly retryAfterMs: number | null) {
    super(
      retryAfterMs === null
        ? 'SecPaid rate limit reached (HTTP 429)'
        : `SecPaid rate limit reached (HTTP 429), retry after ${Math.ceil(retryAfterMs / 1000)} s`
    )
  }
}

/**
 * No (complete) HTTP reply. `mayHaveReachedServer` is false only when we know the request never
 * left (connection refused, DNS failure …); a refund with `true` has an unknown outcome.
 */
export class NetworkError extends SecpaidError {
  readonly kind = 'network' as const
  constructor(
    readonly timedOut: boolean,
    readonly mayHaveReachedServer: boolean,
    readonly causeCode: string | null
  ) {
    super(
      timedOut
        ? 'No reply from SecPaid in time (timeout)'
        : `Could not reach SecPaid${causeCode ? ` (${causeCode})` : ''}`
    )
  }
}

/** 5xx (non-JSON body, or JSON that is not a business error). */
export class ServerError extends SecpaidError {
  readonly kind = 'server' as const
  constructor(
    readonly status: number,
    readonly excerpt: string
  ) {
    super(`SecPaid server error (HTTP ${status})`)
  }
}

/** The reply is not what the API documents: not JSON, wrong envelope, a malformed row, a redirect. */
export class ProtocolError extends SecpaidError {
  readonly kind = 'protocol' as const
  constructor(
    readonly detail: string,
    readonly status: number | null,
    readonly excerpt: string,
    readonly rowIndex: number | null = null,
    readonly field: string | null = null
  ) {
    super(`Unexpected reply from SecPaid: ${detail}`)
  }
}

/** Our own input validation, before anything is sent. */
export class InvalidInputError extends SecpaidError {
  readonly kind = 'invalid_input' as const
  constructor(
    readonly field: string,
    readonly reason: string
  ) {
    super(`Invalid ${field}: ${reason}`)
  }
}

export class BaseUrlError extends SecpaidError {
  readonly kind = 'base_url' as const
  constructor(readonly reason: string) {
    super(`Base URL rejected: ${reason}`)
  }
}

/** The caller's AbortSignal fired. */
export class RequestAborted extends SecpaidError {
  readonly kind = 'aborted' as const
  constructor() {
    super('Request cancelled')
  }
}

export class PaginationLimitError extends SecpaidError {
  readonly kind = 'pagination_limit' as const
  constructor(
    readonly maxPages: number,
    readonly rowsSoFar: number
  ) {
    super(`Stopped after ${maxPages} pages (${rowsSoFar} rows) without reaching the last page`)
  }
}

export type SafeErrorJSON = { name: string; kind: SecpaidErrorKind | 'unknown'; message: string } & Record<
  string,
  string | number | boolean | null
>

/**
 * Plain-data view of an error for IPC and logs: own enumerable primitive fields only, no stack,
 * no cause. `apiKey` (optional) is redacted from every string as a second line of defence and
 * for foreign errors we did not construct.
 */
export function toSafeJSON(err: unknown, apiKey?: string | null): SafeErrorJSON {
  if (err instanceof SecpaidError) {
    const out: SafeErrorJSON = { name: err.name, kind: err.kind, message: redact(err.message, apiKey) }
    for (const [k, v] of Object.entries(err)) {
      if (k === 'stack' || k === 'cause') continue
      if (err instanceof AuthError && k === 'rawMessage') continue // server text of an auth failure stays here
      if (typeof v === 'string') out[k] = redact(v, apiKey)
      else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v
    }
    return out
  }
  const message = err instanceof Error ? err.message : String(err)
  return { name: err instanceof Error ? err.name : 'Error', kind: 'unknown', message: redact(message, apiKey) }
}

/**
 * For the refund caller: could this failure mean SecPaid recorded the request anyway?
 * Auth/rejection/429/input errors are definite refusals; a dropped connection, a timeout after
 * sending, a 5xx or a garbled reply are not (show "unknown", re-check, never resend:
 * docs/architecture.md#a-refund-is-never-sent-twice-by-accident).
 */
export function refundOutcomeUnknown(err: unknown): boolean {
  if (err instanceof NetworkError) return err.mayHaveReachedServer
  if (err instanceof ServerError || err instanceof ProtocolError || err instanceof RequestAborted) return true
  if (err instanceof SecpaidError) return false
  return true
}
