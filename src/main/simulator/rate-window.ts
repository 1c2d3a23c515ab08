/**
 * Sliding 60 s request window per api key
 * (docs/secpaid-api.md#retry-after-and-the-scope-of-the-limit: SecPaid says 60/min "per IP / per
 * user"; we key on the token, or the remote address when there is none, and slide the window). Time
 * comes from the simulator clock so tests can advance it. Only admitted requests count.
 */

const WINDOW_MS = 60_000

export class RateWindow {
  private readonly hits = new Map<string, number[]>()

  /** Admits the request or returns the seconds until the oldest hit leaves the window. */
  admit(key: string, limit: number, nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const list = (this.hits.get(key) ?? []).filter((t) => t > nowMs - WINDOW_MS && t <= nowMs)
    if (list.length >= limit) {
      this.hits.set(key, list)
      const oldest = list[0] ?? nowMs
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 1000)) }
    }
    list.push(nowMs)
    this.hits.set(key, list)
    return { ok: true }
  }

  clear(): void {
    this.hits.clear()
  }
}
