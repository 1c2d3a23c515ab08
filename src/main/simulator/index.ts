/**
 * SecPaid v2 simulator: a real loopback HTTP server following SecPaid's documented v2 API as we
 * read it (docs/secpaid-api.md), with seeded data, an admin side and fault injection.
 * Used by tests, the app's Demo environment and `npm run simulator`.
 */
import { randomBytes } from 'node:crypto'
import { createAdmin } from './admin'
import type { SimulatorAdmin } from './admin-types'
import { createCore, defaultApiKey } from './core'
import { registerControlToken } from './control-client'
import { isLoopbackAddress, urlHost } from './loopback'
import { warmSearchIndex } from './pay-in-query'
import { API_PREFIX, CONTROL_PREFIX, listen } from './server'
import { buildSnapshot, replaySnapshot } from './snapshot'
import { parseSimulatorSnapshot, type SimulatorSnapshot } from './snapshot-types'
import { DEFAULT_PAYOUT_POLICY, type PayoutPolicy } from './payouts'

export interface SimulatorOptions {
  /** 0 = random free port (default). */
  port?: number
  /** Loopback only; anything else is refused. Default 127.0.0.1. */
  host?: string
  seed?: number
  rows?: number
  apiKey?: string
  /**
   * Simulator clock: since/date filters, ServerTime, refund timestamps and new entries. Seed data
   * are generated relative to `anchor`, or to this clock's value at start when there is none.
   */
  now?: () => Date
  /**
   * Fixed instant the seed data are relative to: same seed + rows + anchor → identical seed rows
   * whatever `now` says, so a restarted Demo keeps its transaction ids and timestamps.
   * With `restore` and no `anchor`, the snapshot's anchor is used.
   */
  anchor?: Date
  /**
   * A snapshot from admin.snapshot() (or parsed JSON of one): its changes are replayed after
   * seeding. Validated; throws SimulatorSnapshotError for an unknown version, a malformed
   * snapshot, or one whose seed/rows/anchor differ from these options.
   */
  restore?: SimulatorSnapshot
  /**
   * Called with the full snapshot after every change (refund request, approval, denial, added
   * payment) — not during restore. Errors it throws are logged, not passed to the API caller.
   */
  onMutation?: (snapshot: SimulatorSnapshot) => void
  /** Default 60 (docs/secpaid-api.md#rate-limit); null = off. */
  rateLimitPerMinute?: number | null
  /**
   * Serve /__control/* (default true). The app's Demo turns it off: its simulated admin calls the
   * in-process admin, so nothing needs an HTTP door into it.
   */
  controlRoutes?: boolean
  /**
   * More merchants served by the same server, each with its own seed data and key (default key:
   * derived from its seed). They answer the API only; the admin side and snapshots are the
   * primary merchant's.
   */
  merchants?: ReadonlyArray<{ seed: number; rows?: number; apiKey?: string }>
  /** Payout behaviour the API leaves open (netting of refunds, creation lag); see PayoutPolicy. */
  payouts?: Partial<PayoutPolicy>
  log?: (line: string) => void
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:4010/api/v2/ */
  baseUrl: string
  /** e.g. http://127.0.0.1:4010/__control/ (answers 404 when started with controlRoutes: false) */
  controlUrl: string
  /**
   * Random per run; control requests must send it as `x-simulator-control-token`. Empty when
   * there are no control routes. createSimulatorControlClient(controlUrl) in this process finds it
   * by itself.
   */
  controlToken: string
  apiKey: string
  /** The extra merchants' keys, in the order given in `merchants`. */
  merchants: Array<{ apiKey: string }>
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
  const restore = opts.restore === undefined ? undefined : parseSimulatorSnapshot(opts.restore)
  const anchorMs = opts.anchor?.getTime() ?? (restore ? Date.parse(restore.anchor) : undefined)
  if (anchorMs !== undefined && !Number.isFinite(anchorMs)) throw new RangeError('anchor must be a valid Date')
  const core = createCore({
    seed,
    rows,
    apiKey: opts.apiKey ?? defaultApiKey(seed),
    now: opts.now ?? (() => new Date()),
    ...(anchorMs !== undefined && { anchorMs }),
    rateLimitPerMinute: opts.rateLimitPerMinute === undefined ? 60 : opts.rateLimitPerMinute,
    payoutPolicy: { ...DEFAULT_PAYOUT_POLICY, ...opts.payouts },
    extraMerchants: (opts.merchants ?? []).map((m) => ({ apiKey: m.apiKey ?? defaultApiKey(m.seed), seed: m.seed, rows: m.rows ?? rows })),
    log: opts.log ?? (() => undefined)
  })
  if (restore) replaySnapshot(core, restore)
  const { onMutation } = opts
  if (onMutation) {
    core.store.onMutation = (m) => {
      try {
        onMutation(buildSnapshot(core))
      } catch (err) {
        core.logLine(`onMutation failed after ${m.type}: ${err instanceof Error ? err.message : String(err)}`)
      }
    }
  }
  const admin = createAdmin(core)
  const control = opts.controlRoutes === false ? null : { token: randomBytes(32).toString('hex'), hosts: new Set<string>() }
  const server = await listen(core, admin, host, opts.port ?? 0, control)
  const warming = new AbortController()
  for (const merchant of core.merchants.values()) warmSearchIndex(merchant.store, warming.signal)
  const origin = `http://${urlHost(host)}:${server.port}`
  const controlUrl = origin + CONTROL_PREFIX
  const unregister = control ? registerControlToken(controlUrl, control.token) : () => undefined
  return {
    baseUrl: origin + API_PREFIX,
    controlUrl,
    controlToken: control?.token ?? '',
    apiKey: core.apiKey,
    merchants: [...core.merchants.values()].filter((m) => m.index > 0).map((m) => ({ apiKey: m.apiKey })),
    port: server.port,
    admin,
    close: () => {
      warming.abort()
      unregister()
      return server.close()
    }
  }
}

export { createSimulatorControlClient, type SimulatorControlClient } from './control-client'
export { CONTROL_TOKEN_HEADER } from './control-routes'
export { isLoopbackAddress } from './loopback'
export { SimulatorAdminError, PAYMENT_KINDS } from './admin-types'
export type { SimulatorAdmin, PaymentInfo, PaymentKind, SimulatorState, AddPaymentInput, RequestLogFilter } from './admin-types'
export type { Faults, FaultPatch } from './faults'
export type { RequestLogEntry } from './request-log'
export type { PayInWireRow, PayOutWireRow, RefundRequest, RefundRequestStatus } from './types'
export { REFUND_MESSAGES } from './refund-rules'
export { parseSimulatorSnapshot, SimulatorSnapshotError, SNAPSHOT_VERSION } from './snapshot-types'
export type { SimulatorSnapshot, SimulatorMutation } from './snapshot-types'
export { AUTH_MESSAGES, TOO_MANY } from './envelope'
