/**
 * Retry policy for the idempotent list calls (SecPaid recommends exponential backoff,
 * docs/secpaid-api.md#rate-limit). refundPayment never goes through this
 * (docs/architecture.md#a-refund-is-never-sent-twice-by-accident).
 */
import { NetworkError, ProtocolError, RateLimited, ServerError } from './errors'

export interface RetryPolicy {
  /** Total HTTP attempts including the first (≥ 1). */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 }

/**
 * Delay before retry number `retry` (1 = the first retry): "full jitter",
 * random() × min(maxDelay, base × 2^(retry-1)). A server Retry-After wins over the computed
 * value; null means "give up" (Retry-After longer than maxDelayMs — the caller shows it instead
 * of freezing a sync for an hour).
 */
export function computeBackoffMs(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
  retryAfterMs: number | null = null
): number | null {
  if (retryAfterMs !== null) return retryAfterMs <= policy.maxDelayMs ? retryAfterMs : null
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(random() * exp)
}

/** Transient failures of a list call. A malformed page is retried too: it may be a truncated reply. */
export function isRetryableListError(err: unknown): boolean {
  return (
    err instanceof NetworkError ||
    err instanceof ServerError ||
    err instanceof RateLimited ||
    err instanceof ProtocolError
  )
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns ms ≥ 0, or null when
 * absent or unreadable (the header is not documented at all:
 * docs/secpaid-api.md#retry-after-and-the-scope-of-the-limit).
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null
  const v = value.trim()
  if (v === '') return null
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  if (!/[a-z]/i.test(v)) return null
  const at = Date.parse(v)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - now)
}
