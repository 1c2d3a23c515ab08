/**
 * The Demo environment: the SecPaid simulator in-process on 127.0.0.1 with seeded
 * data and its own key, plus a simulated SecPaid admin who decides submitted refund requests after
 * a short delay — so a new user sees the whole lifecycle (requested → refunded / denied) without
 * any SecPaid account.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { berlinWallClockToInstant } from '@shared/berlin-time'
import { parseSimulatorSnapshot, startSimulator, type RunningSimulator, type SimulatorSnapshot } from '../simulator'

export interface DemoBackend {
  baseUrl: string
  apiKey: string
  simulator: RunningSimulator
  close(): Promise<void>
}

export interface DemoBackendOptions {
  /**
   * Where the demo keeps its simulator state (anchor + mutations) so the demo data, requests and
   * approvals survive restarts and stay consistent with the demo cache and ledger. No dir = fresh
   * demo each start (tests).
   */
  stateDir?: string
  seed?: number
  rows?: number
  /** How long the simulated admin waits before deciding a request (ms). */
  decisionDelayMs?: number
  now?: () => Date
  log?: (line: string) => void
}

/**
 * The simulated admin's rule — deterministic so the demo is explainable: requests for payments
 * whose pay_id ends in 7 are denied ("customer already received a replacement"), all others are
 * approved. README documents it.
 */
export function demoDecision(payId: string): { approve: true } | { approve: false; reason: string } {
  return payId.endsWith('7')
    ? { approve: false, reason: 'Demo: the customer already received a replacement, so SecPaid denied the refund.' }
    : { approve: true }
}

export async function startDemoBackend(opts: DemoBackendOptions = {}): Promise<DemoBackend> {
  const now = opts.now ?? (() => new Date())
  const seed = opts.seed ?? 2026
  const rows = opts.rows ?? 2400
  const persisted = opts.stateDir ? readDemoState(opts.stateDir, seed, rows, now, opts.log) : null
  const simulator = await startSimulator({
    seed,
    rows,
    now,
    apiKey: opts.stateDir ? readOrCreateDemoKey(opts.stateDir) : newDemoKey(),
    // The simulated admin below calls simulator.admin directly; an HTTP control door would only
    // be something for other local processes and web pages to knock on.
    controlRoutes: false,
    ...(persisted ? { anchor: persisted.anchor } : {}),
    ...(persisted?.snapshot ? { restore: persisted.snapshot } : {}),
    ...(opts.stateDir ? { onMutation: (snapshot: SimulatorSnapshot) => writeDemoState(opts.stateDir as string, snapshot) } : {}),
    ...(opts.log ? { log: opts.log } : {})
  })
  if (opts.stateDir && !persisted?.snapshot) writeDemoState(opts.stateDir, simulator.admin.snapshot())
  const delay = opts.decisionDelayMs ?? 15_000
  const timer = setInterval(() => {
    for (const request of simulator.admin.refundRequests('pending')) {
      // requestedAt is the simulator's Berlin wall-clock time (docs/secpaid-api.md#data-types).
      const requestedAt = berlinWallClockToInstant(request.requestedAt).getTime()
      if (now().getTime() - requestedAt < delay) continue
      const decision = demoDecision(request.payId)
      try {
        if (decision.approve) simulator.admin.approveRefund(request.payId)
        else simulator.admin.denyRefund(request.payId, decision.reason)
      } catch (error) {
        opts.log?.(`demo admin could not decide ${request.payId}: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }, Math.min(1000, Math.max(50, delay / 4)))
  timer.unref()
  return {
    baseUrl: simulator.baseUrl,
    apiKey: simulator.apiKey,
    simulator,
    close: async () => {
      clearInterval(timer)
      await simulator.close()
    }
  }
}

const STATE_FILE = 'demo-simulator.json'
const KEY_FILE = 'demo-api-key'
const KEY_PATTERN = /^sim_[0-9a-f]{64}$/

/**
 * Random, not derived from the seed: a seed-derived key is the same on every install, so anything
 * that can reach 127.0.0.1 could use the Demo API without asking. Kept in the state dir so the key
 * (and with it the demo cache and ledger) survives restarts.
 */
function newDemoKey(): string {
  return 'sim_' + randomBytes(32).toString('hex')
}

function readOrCreateDemoKey(dir: string): string {
  try {
    const existing = readFileSync(join(dir, KEY_FILE), 'utf8').trim()
    if (KEY_PATTERN.test(existing)) return existing
  } catch {
    // none yet (or unreadable): a new one
  }
  const key = newDemoKey()
  mkdirSync(dir, { recursive: true })
  const file = join(dir, KEY_FILE)
  const temp = `${file}.tmp-${process.pid}`
  writeFileSync(temp, key, { mode: 0o600 })
  renameSync(temp, file)
  return key
}

/**
 * The demo's anchor (first start) and mutation log. An unreadable or mismatching file is set
 * aside and the demo starts fresh — it is simulated data, unlike the real refund ledger.
 */
function readDemoState(
  dir: string,
  seed: number,
  rows: number,
  now: () => Date,
  log?: (line: string) => void
): { anchor: Date; snapshot: SimulatorSnapshot | null } {
  const file = join(dir, STATE_FILE)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return { anchor: now(), snapshot: null }
  }
  try {
    const snapshot = parseSimulatorSnapshot(JSON.parse(text))
    if (snapshot.seed !== seed || snapshot.rows !== rows) throw new Error('different seed or size')
    return { anchor: new Date(snapshot.anchor), snapshot }
  } catch (error) {
    const aside = join(dir, `demo-simulator.corrupt-${now().getTime()}.json`)
    renameSync(file, aside)
    log?.(`demo state unusable (${error instanceof Error ? error.message : 'error'}); set aside as ${aside}`)
    return { anchor: now(), snapshot: null }
  }
}

function writeDemoState(dir: string, snapshot: SimulatorSnapshot): void {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, STATE_FILE)
  const temp = `${file}.tmp-${process.pid}`
  writeFileSync(temp, JSON.stringify(snapshot))
  renameSync(temp, file) // atomic replace: a crash leaves the old or the new state, never half
}
