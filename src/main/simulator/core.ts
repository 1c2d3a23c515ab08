/** The simulator's mutable state, shared by the API pipeline and the admin side. */
import { serverTimeAbbrev } from './berlin-clock'
import { defaultFaults, type Faults } from './faults'
import { PayoutBook, type PayoutPolicy } from './payouts'
import { createPrng, deriveSeed, type Prng } from './prng'
import { RateWindow } from './rate-window'
import { RequestLog } from './request-log'
import { SimulatorStore } from './store'

export interface SimulatorCore {
  readonly store: SimulatorStore
  readonly payouts: PayoutBook
  faults: Faults
  readonly rate: RateWindow
  readonly requestLog: RequestLog
  /** Separate stream from the data so errorRate is deterministic too. */
  readonly faultPrng: Prng
  readonly apiKey: string
  readonly seed: number
  /** The row budget the seed data were generated with. */
  readonly rows: number
  /** Instant the seed data are relative to (the live clock `now` keeps running). */
  readonly anchorMs: number
  readonly initialRateLimit: number | null
  readonly now: () => Date
  readonly logLine: (line: string) => void
}

export interface CoreOptions {
  seed: number
  rows: number
  apiKey: string
  now: () => Date
  /** Default: now() at creation. */
  anchorMs?: number
  rateLimitPerMinute: number | null
  payoutPolicy?: PayoutPolicy
  log: (line: string) => void
}

export function createCore(opts: CoreOptions): SimulatorCore {
  const anchorMs = opts.anchorMs ?? opts.now().getTime()
  const store = new SimulatorStore(opts.seed, opts.rows, anchorMs)
  return {
    store,
    payouts: new PayoutBook(store, opts.seed, opts.payoutPolicy),
    faults: defaultFaults(opts.rateLimitPerMinute),
    rate: new RateWindow(),
    requestLog: new RequestLog(),
    faultPrng: createPrng(deriveSeed(opts.seed, 3)),
    apiKey: opts.apiKey,
    seed: opts.seed,
    rows: opts.rows,
    anchorMs,
    initialRateLimit: opts.rateLimitPerMinute,
    now: opts.now,
    logLine: opts.log
  }
}

export function nowMs(core: SimulatorCore): number {
  return core.now().getTime()
}

export function serverTime(core: SimulatorCore): 'CET' | 'CEST' {
  return serverTimeAbbrev(nowMs(core))
}

/** Default api key: derived from the seed so a restarted demo keeps its key. */
export function defaultApiKey(seed: number): string {
  return 'sim_' + createPrng(deriveSeed(seed, 4)).hex(32)
}
