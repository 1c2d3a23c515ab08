/**
 * Fault injection settings (docs/architecture.md#testing). Counters ("next N requests") count down
 * as they fire. Only API routes are affected, never /__control/.
 */
import { z } from 'zod'

export interface Faults {
  /** Delay before handling each API request. */
  latencyMs: number
  /** Share of API requests answered with HTTP 500/502/503 and an HTML body (seeded PRNG). */
  errorRate: number
  /** The next N API requests get 429. */
  force429: number
  /** Sliding 60 s window per api key; null = no limit (docs/secpaid-api.md#rate-limit: 60/min). */
  rateLimitPerMinute: number | null
  /** The next N replies are truncated JSON. */
  malformedJson: number
  /** The next N replies are valid JSON of the wrong shape. */
  wrongShape: number
  /** Every request fails auth as if the key were wrong. */
  authFailure: boolean
  /** The next N refundPayment calls run (a valid request is committed) and then the socket is destroyed. */
  dropAfterRefundCommit: number
  /** Delay after handling, before the reply is written (client timeouts). */
  hangMs: number
  /**
   * docs/secpaid-api.md#business-errors-and-http-status: HTTP status for ResponseCode 0 replies;
   * null = 200 (our default).
   */
  errorHttpStatus: number | null
  /**
   * docs/secpaid-api.md#retry-after-and-the-scope-of-the-limit: we send Retry-After on 429; this
   * toggles it off.
   */
  omitRetryAfter: boolean
  /** Overrides the Retry-After value (seconds); null = computed from the window (1 s for force429). */
  retryAfterSeconds: number | null
  /** The next N API requests: the socket is destroyed before the handler runs (nothing committed). */
  resetConnection: number
  /** The next N API requests get an HTML error page with `forceHtmlErrorStatus`, before the handler runs. */
  forceHtmlError: number
  /** Status for `forceHtmlError` (a proxy's 502 by default). */
  forceHtmlErrorStatus: number
  /** Reply bodies are written in ~20 pieces (≥ 16 bytes) with this delay between pieces (slow network). */
  trickleMs: number
  /**
   * Only this endpoint (e.g. "refundPayment") sees the faults; null: every API request. Lets a test
   * break the refund call while the list call the app makes right before it still works.
   */
  faultEndpoint: string | null
}

export function defaultFaults(rateLimitPerMinute: number | null): Faults {
  return {
    latencyMs: 0,
    errorRate: 0,
    force429: 0,
    rateLimitPerMinute,
    malformedJson: 0,
    wrongShape: 0,
    authFailure: false,
    dropAfterRefundCommit: 0,
    hangMs: 0,
    errorHttpStatus: null,
    omitRetryAfter: false,
    retryAfterSeconds: null,
    resetConnection: 0,
    forceHtmlError: 0,
    forceHtmlErrorStatus: 502,
    trickleMs: 0,
    faultEndpoint: null
  }
}

/**
 * The faults that apply to one request: the live settings (counters count down), or — for an
 * endpoint that `faultEndpoint` leaves out — none but the rate limit.
 */
export function faultsFor(faults: Faults, endpoint: string): Faults {
  return faults.faultEndpoint === null || faults.faultEndpoint === endpoint ? faults : defaultFaults(faults.rateLimitPerMinute)
}

const count = z.number().int().min(0)
export const faultPatchSchema = z
  .object({
    latencyMs: count,
    errorRate: z.number().min(0).max(1),
    force429: count,
    rateLimitPerMinute: z.number().int().min(1).nullable(),
    malformedJson: count,
    wrongShape: count,
    authFailure: z.boolean(),
    dropAfterRefundCommit: count,
    hangMs: count,
    errorHttpStatus: z.number().int().min(200).max(599).nullable(),
    omitRetryAfter: z.boolean(),
    retryAfterSeconds: count.nullable(),
    resetConnection: count,
    forceHtmlError: count,
    forceHtmlErrorStatus: z.number().int().min(500).max(599),
    trickleMs: z.number().int().min(0).max(10_000),
    faultEndpoint: z.string().regex(/^[A-Za-z]{1,64}$/).nullable()
  })
  .partial()
  .strict()

export type FaultPatch = z.infer<typeof faultPatchSchema>

/** Consumes one unit of a "next N" counter; true if it fired. */
export function takeOne(
  faults: Faults,
  key: 'force429' | 'malformedJson' | 'wrongShape' | 'dropAfterRefundCommit' | 'resetConnection' | 'forceHtmlError'
): boolean {
  if (faults[key] <= 0) return false
  faults[key] -= 1
  return true
}
