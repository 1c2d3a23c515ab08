/**
 * SecPaid v2 simulator (DESIGN §4): a real loopback HTTP server following
 * reference/secpaid-api.md, with seeded data, an admin side and fault injection.
 * Used by tests, the app's Demo environment and `npm run simulator`.
 */
import { createAdmin } from './admin'
import type { SimulatorAdmin } from './admin-types'
import { createCore, defaultApiKey } from './core'
import { isLoopbackAddress, urlHost } from './loopback'
import { warmSearchIndex } from './pay-in-query'
import { API_PREFIX, CONTROL_PREFIX, listen } from './server'

export interface SimulatorOptions {
  /** 0 = random free port (default). */
  port?: number
  /** Loopback only; anything else is refused. Default 127.0.0.1. */
  host?: string
  seed?: number
  rows?: number
  apiKey?: string
  /** Simulator clock; seed data is generated relative to its value at start. */
  now?: () => Date
  /** Default 60 (§1.5); null = off. */
  rateLimitPerMinute?: number | null
  log?: (line: string) => void
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:4010/api/v2/ */
  baseUrl: string
  /** e.g. http://127.0.0.1:4010/__control/ */
  controlUrl: string
  apiKey: string
  port: number
  admin: SimulatorAdmin
  close(): Promise<void>
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1'
  if (!isLoopbackAddress(host)) throw new Error(`The simulator only binds to loopback, not ${host}`)
  const seed = opts.seed ?? 42
  const rows = opts.rows ?? 5000
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError('rows must be a non-negative integer')
  const core = createCore({
    seed,
    rows,
    apiKey: opts.apiKey ?? defaultApiKey(seed),
    now: opts.now ?? (() => new Date()),
    rateLimitPerMinute: opts.rateLimitPerMinute === undefined ? 60 : opts.rateLimitPerMinute,
    log: opts.log ?? (() => undefined)
  })
  const admin = createAdmin(core)
  const server = await listen(core, admin, host, opts.port ?? 0)
  const warming = new AbortController()
  warmSearchIndex(core.store, warming.signal)
  const origin = `http://${urlHost(host)}:${server.port}`
  return {
    baseUrl: origin + API_PREFIX,
    controlUrl: origin + CONTROL_PREFIX,
    apiKey: core.apiKey,
    port: server.port,
    admin,
    close: () => {
      warming.abort()
      return server.close()
    }
  }
}

export { createSimulatorControlClient, type SimulatorControlClient } from './control-client'
export { isLoopbackAddress } from './loopback'
export { SimulatorAdminError, PAYMENT_KINDS } from './admin-types'
export type { SimulatorAdmin, PaymentInfo, PaymentKind, SimulatorState, AddPaymentInput, RequestLogFilter } from './admin-types'
export type { Faults, FaultPatch } from './faults'
export type { RequestLogEntry } from './request-log'
export type { PayInWireRow, PayOutWireRow, RefundRequest, RefundRequestStatus } from './types'
export { REFUND_MESSAGES } from './refund-rules'
export { AUTH_MESSAGES, TOO_MANY } from './envelope'
