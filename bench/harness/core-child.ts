/**
 * A child process running the app's core exactly as the CLI, the Electron shell and the test host
 * compose it (bootstrapCore) and talking to it only through the application API (runUseCase), the
 * surface the window's IPC and the CLI use. Run from a bundle built like out/main (bench/run.ts,
 * bundledChild); timings are taken in-process, so start-up is not in them. Two jobs, chosen by
 * the spec file (argv[2], JSON; it may carry a key, so never argv):
 *  - search: queries over a prepared cache — which candidate terms hit how much, and the
 *    duration of each query (the result cache is flushed before each, so every one is computed,
 *    and the event loop turns once, as between two IPC messages);
 *  - sync: a first sync from the simulator with the client's rate limit off; CPU of this process
 *    from the sync's start to the core's close (background work finished by close is counted).
 * Prints one JSON line on stdout.
 */
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { runUseCase } from '../../src/main/app/app-api'
import { bootstrapCore } from '../../src/main/app/bootstrap'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import type { QueryResult, TransactionFilter, TransactionQuery } from '../../src/shared/views'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

interface SearchSpec {
  job: 'search'
  dataDir: string
  apiBase: string
  expectRows: number
  candidates: string[]
  targetHitRatio: number
  terms: number
  /** Time exactly these terms instead of choosing by hit ratio (another size's choice, for growth). */
  fixedTerms?: string[]
  samples: number
  /** Strings whose totals the keystroke measure needs (prefixes of what it types). */
  totalsFor: string[]
}
interface SyncSpec {
  job: 'sync'
  dataDir: string
  apiBase: string
  apiKey: string
  historyWindowMonths: number
}

const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const query = (search: string): TransactionQuery => ({ filter: { ...ALL, search }, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 100 })

async function open(dataDir: string, apiBase: string, rateLimit: number | null | undefined) {
  return bootstrapCore({
    loaders: staticModuleLoaders,
    dataDir,
    engine: createConfEngine(),
    keychain: createMemorySecretStore(),
    osUser: userInfo().username,
    customBaseUrl: apiBase,
    forceEnvironment: 'custom',
    ...(rateLimit !== undefined ? { loopbackRateLimitPerMinute: rateLimit } : {})
  })
}

/** More than any result cache the engine keeps (query-engine.ts), so no timed query is a cache hit. */
const EVICTING_QUERIES = 8

async function search(spec: SearchSpec): Promise<unknown> {
  const core = await open(spec.dataDir, spec.apiBase, undefined)
  const q = (s: string): Promise<QueryResult> => runUseCase(core.api, 'queryTransactions', query(s))
  // A core may load progressively: wait until every row is queryable before timing anything.
  const until = Date.now() + 120_000
  let all = await q('')
  while (all.total < spec.expectRows && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100))
    await q(' ') // a different string first, so no result cache answers the poll
    all = await q('')
  }
  if (all.total < spec.expectRows) throw new Error(`only ${all.total} of ${spec.expectRows} rows queryable after 120 s`)
  // Hit ratio of each candidate (these first queries also build whatever lazy index exists).
  const hits: Record<string, number> = {}
  for (const c of spec.candidates) hits[c] = (await q(c)).total / all.total
  // The closest to the target, but none off by more than 2× (a 0.3 % term is another measure).
  const near = (c: string): number => Math.abs(Math.log((hits[c] ?? 0) / spec.targetHitRatio))
  const ranked = [...spec.candidates].sort((a, b) => near(a) - near(b))
  const within = ranked.filter((c) => near(c) <= Math.log(2))
  const chosen = spec.fixedTerms ?? (within.length > 0 ? within : ranked).slice(0, spec.terms)
  const totals: Record<string, number> = {}
  for (const s of spec.totalsFor) totals[s] = (await q(s)).total
  await q('') // leave nothing useful in a result cache
  const times: number[] = []
  for (let i = 0; i < spec.samples; i++) {
    const term = chosen[i % chosen.length] ?? ''
    // A bookkeeper's next search is rarely one of the last few: push every earlier result out of
    // the engine's result cache (it keeps a handful) with terms that match nothing, untimed.
    for (let k = 0; k < EVICTING_QUERIES; k++) await q(`~${i}-${k}~`)
    // In the app every query is an IPC message of its own, so the engine's background build
    // (timers) runs between them. Awaited back to back, these queries only ever yield to
    // microtasks: the build never ran and every query took the path without the totals columns.
    await new Promise((r) => setTimeout(r, 0))
    const t0 = performance.now()
    await q(term)
    times.push(performance.now() - t0)
  }
  await core.close()
  return { rows: all.total, hits, chosen, times, totals }
}

async function sync(spec: SyncSpec): Promise<unknown> {
  const core = await open(spec.dataDir, spec.apiBase, null)
  await runUseCase(core.api, 'updateSettings', { historyWindowMonths: spec.historyWindowMonths })
  await runUseCase(core.api, 'saveApiKey', { key: spec.apiKey, sessionOnly: false })
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const state = await runUseCase(core.api, 'runSync', { full: false })
  const syncMs = performance.now() - t0
  await core.close()
  const cpu = process.cpuUsage(cpu0)
  if (state.status !== 'idle') throw new Error(`sync ended ${state.status}: ${state.lastError?.message ?? ''}`)
  return { cachedRows: state.cachedRows, syncMs, cpuMs: (cpu.user + cpu.system) / 1000, wallToCloseMs: performance.now() - t0 }
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as SearchSpec | SyncSpec
  const result = spec.job === 'search' ? await search(spec) : await sync(spec)
  process.stdout.write(JSON.stringify(result) + '\n')
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
