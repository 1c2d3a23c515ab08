/**
 * Typed fetch client for /__control/ (tests of other modules drive the simulator over HTTP).
 * Non-2xx answers throw SimulatorAdminError with the route's status and message.
 */
import { SimulatorAdminError, type AddPaymentInput, type PaymentInfo, type PaymentKind, type RequestLogFilter, type SimulatorState } from './admin-types'
import type { FaultPatch, Faults } from './faults'
import type { RequestLogEntry } from './request-log'
import { CONTROL_TOKEN_HEADER } from './control-routes'
import type { SimulatorSnapshot } from './snapshot-types'
import type { PayInWireRow, RefundRequest, RefundRequestStatus } from './types'

export interface SimulatorControlClient {
  state(): Promise<SimulatorState>
  requestLog(filter?: RequestLogFilter): Promise<RequestLogEntry[]>
  clearRequestLog(): Promise<void>
  refundRequests(status?: RefundRequestStatus): Promise<RefundRequest[]>
  approveRefund(payId: string): Promise<PayInWireRow>
  denyRefund(payId: string, reason: string): Promise<RefundRequest>
  getFaults(): Promise<Faults>
  setFaults(patch: FaultPatch): Promise<Faults>
  reset(): Promise<void>
  addPayment(input?: AddPaymentInput): Promise<PayInWireRow>
  payments(filter?: { kind?: PaymentKind; limit?: number }): Promise<PaymentInfo[]>
  payment(payId: string): Promise<PaymentInfo | null>
  snapshot(): Promise<SimulatorSnapshot>
}

/**
 * Tokens of simulators started in this process, by control URL, so a test can keep writing
 * createSimulatorControlClient(sim.controlUrl). The token guards against browsers and other
 * origins, not against code already running inside this process.
 */
const localTokens = new Map<string, string>()

const normalise = (controlUrl: string): string => (controlUrl.endsWith('/') ? controlUrl : controlUrl + '/')

/** Called by startSimulator; returns the unregister function for close(). */
export function registerControlToken(controlUrl: string, token: string): () => void {
  const key = normalise(controlUrl)
  localTokens.set(key, token)
  return () => {
    if (localTokens.get(key) === token) localTokens.delete(key)
  }
}

/**
 * `token`: the control token `npm run simulator` prints; may be left out for a simulator started in
 * this process.
 */
export function createSimulatorControlClient(controlUrl: string, token?: string): SimulatorControlClient {
  const base = normalise(controlUrl)
  async function call<T>(method: 'GET' | 'POST', path: string, query?: Record<string, string | number | undefined>, body?: unknown): Promise<T> {
    const url = new URL(path, base)
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
    const headers: Record<string, string> = { [CONTROL_TOKEN_HEADER]: token ?? localTokens.get(base) ?? '' }
    // Every control POST must be JSON, bodiless ones included.
    if (method === 'POST') headers['Content-Type'] = 'application/json'
    const res = await fetch(url, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) })
    const payload: unknown = await res.json()
    if (!res.ok) {
      const message = typeof payload === 'object' && payload !== null && 'error' in payload ? String(payload.error) : res.statusText
      throw new SimulatorAdminError(res.status, message)
    }
    return payload as T
  }
  return {
    state: () => call('GET', 'state'),
    requestLog: (filter = {}) => call('GET', 'requests-log', { path: filter.path, pay_id: filter.payId }),
    clearRequestLog: async () => void (await call('POST', 'requests-log/clear')),
    refundRequests: (status) => call('GET', 'refund-requests', { status }),
    approveRefund: (payId) => call('POST', `refund-requests/${encodeURIComponent(payId)}/approve`),
    denyRefund: (payId, reason) => call('POST', `refund-requests/${encodeURIComponent(payId)}/deny`, undefined, { reason }),
    getFaults: () => call('GET', 'faults'),
    setFaults: (patch) => call('POST', 'faults', undefined, patch),
    reset: async () => void (await call('POST', 'reset')),
    addPayment: (input = {}) => call('POST', 'payments', undefined, input),
    payments: (filter = {}) => call('GET', 'payments', { kind: filter.kind, limit: filter.limit }),
    payment: async (payId) => {
      try {
        return await call<PaymentInfo>('GET', `payments/${encodeURIComponent(payId)}`)
      } catch (err) {
        if (err instanceof SimulatorAdminError && err.status === 404) return null
        throw err
      }
    },
    snapshot: () => call('GET', 'snapshot')
  }
}
