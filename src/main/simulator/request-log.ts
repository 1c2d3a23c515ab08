/**
 * Log of every API request, for tests that count side effects (Signal's fake server model,
 * docs/architecture.md#testing). The token is never stored
 * (docs/architecture.md#the-api-key-never-leaves-main): only whether one was sent.
 */

export interface RequestLogEntry {
  seq: number
  /** Simulator clock, ISO 8601 UTC. */
  time: string
  method: string
  /** Endpoint name without /api/v2/, e.g. "refundPayment". */
  path: string
  encoding: string
  params: Record<string, unknown>
  token: '[REDACTED]' | null
  httpStatus: number
  responseCode: number | null
  /** Which fault shaped the reply, if any. */
  fault: string | null
  /** Which merchant's key the request carried (0 = primary), null when none was accepted. */
  merchant: number | null
}

const MAX_ENTRIES = 20_000
const SECRET_PARAMS = /^(token|api_?key|apikey|authorization)$/i

export function redactParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params)) out[k] = SECRET_PARAMS.test(k) ? '[REDACTED]' : v
  return out
}

export class RequestLog {
  private entries: RequestLogEntry[] = []
  private seq = 0

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.entries.push({ ...entry, seq: ++this.seq })
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES)
  }

  list(filter: { path?: string; payId?: string } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.path === undefined || e.path === filter.path) &&
        (filter.payId === undefined || String(e.params['pay_id'] ?? '') === filter.payId)
    )
  }

  clear(): void {
    this.entries = []
  }
}
