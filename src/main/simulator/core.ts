/** The simulator's mutable state, shared by the API pipeline and the admin side. */
import { serverTimeAbbrev } from './berlin-clock'
import { defaultFaults, type Faults } from './faults'
import { PayoutBook, type PayoutPolicy } from './payouts'
import { createPrng, deriveSeed, type Prng } from './prng'
import { RateWindow } from './rate-window'
import { RequestLog } from './request-log'
import { FIRST_PAY_ID } from './seed-data'
import { SimulatorStore } from './store'

/** Room for 100 million pay_ids per merchant (seeded ones grow by 1–3 per payment). */
const PAY_ID_RANGE_PER_MERCHANT = 100_000_000

/** One merchant: its key, its pay-ins and its payouts. The primary merchant is the core's own. */
export interface Merchant {
  /** 0 = the primary merchant, then the extra ones in the order given. */
  readonly index: number
  readonly apiKey: string
  readonly store: SimulatorStore
  readonly payouts: PayoutBook
}

export interface SimulatorCore {
  /** The primary merchant's data (what the admin side and snapshots work on). */
  readonly store: SimulatorStore
  readonly payouts: PayoutBook
  /**
   * Every merchant by API key, the primary one included. Like SecPaid, one server serves many
   * merchants and tells them apart only by the key a request carries.
   */
  readonly merchants: ReadonlyMap<string, Merchant>
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
  /** More merchants on the same server, each with its own seed data (API only: no admin side). */
  extraMerchants?: ReadonlyArray<{ apiKey: string; seed: number; rows: number }>
  log: (line: string) => void
}

export function createCore(opts: CoreOptions): SimulatorCore {
  const anchorMs = opts.anchorMs ?? opts.now().getTime()
  const store = new SimulatorStore(opts.seed, opts.rows, anchorMs)
  const payouts = new PayoutBook(store, opts.seed, opts.payoutPolicy)
  const merchants = new Map<string, Merchant>([[opts.apiKey, { index: 0, apiKey: opts.apiKey, store, payouts }]])
  for (const extra of opts.extraMerchants ?? []) {
    if (merchants.has(extra.apiKey)) throw new Error('every merchant needs its own API key')
    // pay_ids are unique across SecPaid, not per merchant: each merchant gets its own range.
    const extraStore = new SimulatorStore(extra.seed, extra.rows, anchorMs, FIRST_PAY_ID + merchants.size * PAY_ID_RANGE_PER_MERCHANT)
    merchants.set(extra.apiKey, {
      index: merchants.size,
      apiKey: extra.apiKey,
      store: extraStore,
      payouts: new PayoutBook(extraStore, extra.seed, opts.payoutPolicy)
    })
  }
  return {
    store,
    payouts,
    merchants,
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
