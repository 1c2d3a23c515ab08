/**
 * Client-side sliding-window rate limiter (docs/secpaid-api.md#rate-limit: 60 requests per minute
 * per key/IP, 429 beyond; window type OPEN, so a sliding log is the conservative choice — it never
 * allows more than N requests in *any* window of `windowMs`, which also satisfies a fixed window).
 *
 * One limiter per (baseUrl, key) must be shared by every caller of that pair (sync, refunds,
 * re-checks); `createRateLimiterRegistry` does that bookkeeping. Waiters are served FIFO.
 */
import { isLoopbackBaseUrl } from './environments'
import { RequestAborted } from './errors'
import { realSleep, throwIfAborted, type Sleep } from './sleep'

export const DEFAULT_MAX_PER_WINDOW = 60
/**
 * SecPaid counts a request when it arrives; we count it when we send it. When the request that
 * opened a window travelled slower than the one that closes it (a new connection, a busy line),
 * the server saw less than 60 s between them and answered 429 — measured: about one per full sync
 * at 60/min, each costing a second of back-off. A quarter second of slack per window costs 0.4 %
 * of throughput and keeps the two windows apart.
 */
export const TRANSIT_MARGIN_MS = 250
export const DEFAULT_WINDOW_MS = 60_000 + TRANSIT_MARGIN_MS

export interface RateLimiter {
  /** Resolves when a request may be sent (and counts it); rejects with RequestAborted. */
  acquire(signal?: AbortSignal): Promise<void>
  /** After a 429: nobody sends before `ms` from now (honours Retry-After across callers). */
  pauseFor(ms: number): void
}

export interface RateLimiterOptions {
  /** null = no limit (loopback only; see `rateLimitFor`). */
  maxPerWindow?: number | null
  windowMs?: number
  now?: () => number
  sleep?: Sleep
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const max = options.maxPerWindow === undefined ? DEFAULT_MAX_PER_WINDOW : options.maxPerWindow
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  if (max !== null && (!Number.isInteger(max) || max < 1)) throw new RangeError('maxPerWindow must be ≥ 1 or null')
  if (!(windowMs > 0)) throw new RangeError('windowMs must be > 0')

  const sent: number[] = [] // timestamps of granted slots, ascending
  let pausedUntil = 0
  let tail: Promise<void> = Promise.resolve()

  /** How long until the next slot is free (0 = now). */
  function waitNeeded(t: number): number {
    while (sent.length > 0 && (sent[0] ?? 0) <= t - windowMs) sent.shift()
    const pause = Math.max(0, pausedUntil - t)
    if (max === null || sent.length < max) return pause
    return Math.max(pause, (sent[0] ?? t) + windowMs - t)
  }

  async function waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      throwIfAborted(signal)
      const t = now()
      const wait = waitNeeded(t)
      if (wait <= 0) {
        if (max !== null) sent.push(t)
        return
      }
      await sleep(wait, signal)
    }
  }

  return {
    async acquire(signal) {
      throwIfAborted(signal)
      const previous = tail
      let release!: () => void
      tail = new Promise<void>((r) => (release = r))
      try {
        await raceAbort(previous, signal)
        await waitForSlot(signal)
      } finally {
        // An aborted waiter still hands over its turn only after its predecessor finished.
        void previous.then(release)
      }
    },
    pauseFor(ms) {
      if (ms > 0) pausedUntil = Math.max(pausedUntil, now() + ms)
    }
  }
}

function raceAbort(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(new RequestAborted())
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(
      () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      },
      () => {
        signal.removeEventListener('abort', onAbort)
        resolve()
      }
    )
  })
}

/**
 * The limit for a base URL: 60/min for real SecPaid hosts — never relaxed there — and for loopback
 * (the simulator) whatever the caller configures (a number, or null for off).
 */
export function rateLimitFor(baseUrl: string, loopbackOverride?: number | null): number | null {
  if (isLoopbackBaseUrl(baseUrl) && loopbackOverride !== undefined) return loopbackOverride
  return DEFAULT_MAX_PER_WINDOW
}

/**
 * Keeps one limiter per (baseUrl, key). The map is keyed by a non-reversible fingerprint the
 * caller computes (e.g. sha-256 of the key) so this module never stores the key itself.
 */
export function createRateLimiterRegistry(
  factory: (baseUrl: string) => RateLimiter = (baseUrl) => createRateLimiter({ maxPerWindow: rateLimitFor(baseUrl) })
): { get(baseUrl: string, keyFingerprint: string): RateLimiter } {
  const limiters = new Map<string, RateLimiter>()
  return {
    get(baseUrl, keyFingerprint) {
      const id = `${baseUrl}\n${keyFingerprint}`
      let limiter = limiters.get(id)
      if (!limiter) {
        limiter = factory(baseUrl)
        limiters.set(id, limiter)
      }
      return limiter
    }
  }
}
