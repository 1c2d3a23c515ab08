/**
 * `npm run bench` — the performance table at 200,000 transactions (README.md, bench/README.md), measured from
 * outside through surfaces that survive redesigns of the cache, sync and search:
 *  - the built CLI (`node bin/secpaid-desk.js`, as a bookkeeper's script runs it) for cold open and
 *    incremental sync, with the OS keychain of scripts/with-keyring.sh;
 *  - the app's composition root + application API in a child process (bench/harness/core-child.ts)
 *    where the CLI cannot be asked (client rate limit off, in-process query timing);
 *  - the host app in real Chromium (bench/harness/launch-child.ts) for first rows and keystrokes;
 *  - caches prepared through openTransactionCache().replaceAll(), the simulator for the network.
 * Every value is a median of several runs next to a floor measured in the same run (bench/README.md
 * says what each floor is). Prints one table and writes bench/results.json.
 *
 *   npm run bench [-- --quick] [-- --only=open,search,...] [-- --no-build] [-- --rows=N] [-- --rate-rows=N]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { bundledDeps } from '../electron.vite.config'
import { CHROMIUM_PATH } from '../src/browser-host/chromium-host'
import { openTransactionCache } from '../src/main/services/storage/transaction-cache'
import { startSimulator, type RunningSimulator } from '../src/main/simulator'
import { syntheticRows } from './cache-synthetic-rows'
import { jsonOut, median, ok, percentile, ROOT, runNode, type ChildRun } from './harness/child'

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2)
const flag = (name: string): boolean => argv.includes(`--${name}`)
const option = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
const QUICK = flag('quick')
const GROUPS = ['open', 'search', 'growth', 'incremental', 'sync-cpu', 'sync-rate', 'launch', 'keystroke'] as const
type Group = (typeof GROUPS)[number]
const only = option('only')?.split(',').filter(Boolean) ?? null
for (const g of only ?? []) if (!(GROUPS as readonly string[]).includes(g)) throw new Error(`--only: unknown metric group "${g}" (known: ${GROUPS.join(', ')})`)
const wants = (g: Group): boolean => only === null || only.includes(g)

const ROWS = Number(option('rows') ?? (QUICK ? 20_000 : 200_000))
const HALF = Math.round(ROWS / 2)
const RATE_ROWS = Number(option('rate-rows') ?? process.env['BENCH_RATE_ROWS'] ?? 100_000)
const RUNS = QUICK ? 2 : 5
const SYNC_RUNS = QUICK ? 1 : 3
const RATE_RUNS = QUICK ? 1 : 2
const SEARCH_SAMPLES = QUICK ? 12 : 40
/** Queries per size for the search growth row (a third per term). */
const GROWTH_SAMPLES = QUICK ? 30 : 150
const KEY_ROUNDS = QUICK ? 1 : 2
/** Nothing listens on the discard port: the custom environment exists, no sync can run. */
const DEAD_API = 'http://127.0.0.1:9/api/v2/'
const BIN = join(ROOT, 'bin', 'secpaid-desk.js')
const H = join(ROOT, 'bench', 'harness')
/** Search terms: the ones hitting closest to 2 % of the rows are timed (bench/README.md). */
const SEARCH_CANDIDATES = ['123', '99', '98', '87', '76', '65', '54', '43', '32', '234', '345']
/** Typed key by key in the window: every prefix has a different result size, so each key can be timed. */
const KEY_TERMS = ['9876', 'payp', '2468', '7531', '3690']

// ---------------------------------------------------------------------------------------------
// Results

interface Metric {
  id: string
  label: string
  unit: string
  value: number | null
  floor: number | null
  ratio: number | null
  target: string
  met: boolean | null
  runs: number[]
  floorRuns: number[]
  /** Median of `runs` (for a p95 metric, `value` is the p95 and this the median). */
  median: number | null
  note: string
}

const metrics: Metric[] = []
function record(m: Omit<Metric, 'median' | 'ratio'> & { ratio?: number | null }): void {
  const ratio = m.ratio !== undefined ? m.ratio : m.value !== null && m.floor !== null && m.floor > 0 ? m.value / m.floor : null
  metrics.push({ ...m, ratio, median: m.runs.length > 0 ? median(m.runs) : m.value })
  console.log(`  ✓ ${m.label}: ${fmt(m.value, m.unit)}${m.floor !== null ? ` (floor ${fmt(m.floor, m.unit)})` : ''}${ratio !== null ? ` = ${ratio.toFixed(2)}×` : ''}`)
}
function unmeasured(id: string, label: string, target: string, why: string): void {
  metrics.push({ id, label, unit: '', value: null, floor: null, ratio: null, target, met: null, runs: [], floorRuns: [], median: null, note: `not measured: ${why}` })
  console.log(`  ✗ ${label}: not measured — ${why}`)
}
function fmt(v: number | null, unit: string): string {
  if (v === null || Number.isNaN(v)) return '–'
  if (unit === 'ms') return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`
  if (unit === 'MB') return `${v.toFixed(1)} MB`
  if (unit === 'B') return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(2)} MiB` : v >= 1024 ? `${(v / 1024).toFixed(1)} KiB` : `${v.toFixed(0)} B`
  if (unit === 'x') return `${v.toFixed(2)}×`
  return `${v.toFixed(1)} ${unit}`
}

/** Runs one metric group; a failure becomes the rows' reason instead of a number. */
async function guarded(ids: Array<[string, string, string]>, fn: () => Promise<void>): Promise<void> {
  try {
    await fn()
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    for (const [id, label, target] of ids) if (!metrics.some((m) => m.id === id)) unmeasured(id, label, target, why.split('\n')[0] ?? why)
  }
}

// ---------------------------------------------------------------------------------------------
// Shared fixtures

const work = mkdtempSync(join(tmpdir(), 'secpaid-bench-'))
let keyringHost: ChildProcess | null = null
let keyringBus: string | null = null
const sims: RunningSimulator[] = []

/** Our own D-Bus session + unlocked keyring (scripts/with-keyring.sh) for the CLI children. */
async function startKeyring(): Promise<void> {
  if (process.platform !== 'linux') return
  if (process.env['DBUS_SESSION_BUS_ADDRESS']) {
    keyringBus = process.env['DBUS_SESSION_BUS_ADDRESS']
    return
  }
  keyringHost = spawn('bash', [join(ROOT, 'scripts/with-keyring.sh'), 'bash', '-c', 'echo "BUS=$DBUS_SESSION_BUS_ADDRESS"; exec sleep 3600'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore']
  })
  keyringBus = await new Promise<string | null>((res) => {
    let out = ''
    const timer = setTimeout(() => res(null), 20_000)
    keyringHost?.stdout?.on('data', (b: Buffer) => {
      out += b.toString()
      const m = /BUS=(\S+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        res(m[1])
      }
    })
    keyringHost?.once('exit', () => res(null))
  })
}

function cliEnv(apiBase: string): NodeJS.ProcessEnv {
  return { SECPAID_API_BASE: apiBase, ...(keyringBus ? { DBUS_SESSION_BUS_ADDRESS: keyringBus } : {}) }
}

function cli(args: string[], apiBase: string, dataDir: string, stdin?: string): Promise<ChildRun> {
  return runNode(BIN, [...args, '--env', 'custom', '--data-dir', dataDir], { env: cliEnv(apiBase), ...(stdin !== undefined ? { stdin } : {}) })
}

function walkFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walkFiles(p) : [p]
  })
}

/**
 * Where the app keeps the cache of the custom environment for `apiBase` under `dataDir`: asked of
 * the app itself (a `status` on an empty data dir creates it), so a new layout is followed.
 */
async function cacheDirFor(dataDir: string, apiBase: string): Promise<string> {
  mkdirSync(dataDir, { recursive: true })
  await cli(['status'], apiBase, dataDir)
  const find = (d: string): string | null => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (!statSync(p).isDirectory()) continue
      if (name === 'cache') return p
      const inner = find(p)
      if (inner) return inner
    }
    return null
  }
  return find(dataDir) ?? join(dataDir, `custom-${createHash('sha256').update(apiBase).digest('hex').slice(0, 8)}`, 'cache')
}

const prepared = new Map<number, string>()
/** A data dir whose custom-environment cache holds `rows` synthetic rows, written through the real cache. */
async function preparedDataDir(rows: number): Promise<string> {
  const known = prepared.get(rows)
  if (known) return known
  const dataDir = join(work, `cache-${rows}`)
  const cacheDir = await cacheDirFor(dataDir, DEAD_API)
  const cache = openTransactionCache({ dir: cacheDir })
  cache.replaceAll(syntheticRows(rows))
  cache.updateMeta({ lastSuccessfulSyncAt: new Date().toISOString() })
  prepared.set(rows, dataDir)
  return dataDir
}

function cacheDirOf(dataDir: string): string {
  const walk = (d: string): string | null => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (!statSync(p).isDirectory()) continue
      if (name === 'cache') return p
      const inner = walk(p)
      if (inner) return inner
    }
    return null
  }
  const found = walk(dataDir)
  if (!found) throw new Error(`no cache dir under ${dataDir}`)
  return found
}

// ---------------------------------------------------------------------------------------------
// 1, 2, 9a: cold open through the CLI

interface OpenResult {
  statusMs: number[]
  floorMs: number[]
  /** The floor plus a key → row and a pay_id → rows map (floor-read.mjs --keyed): not the target's floor. */
  keyedMs: number[]
  helpMs: number[]
  /** `status` on a data dir without rows (opened once before): what starting the app costs every command. */
  startMs: number[]
  /** A bare `node -e 0` (process start), for the note. */
  nodeMs: number[]
  rssMb: number[]
}

async function coldOpen(rows: number, runs: number): Promise<OpenResult> {
  const dataDir = await preparedDataDir(rows)
  const cacheDir = cacheDirOf(dataDir)
  const r: OpenResult = { statusMs: [], floorMs: [], keyedMs: [], helpMs: [], startMs: [], nodeMs: [], rssMb: [] }
  // App start alone: a data dir with no rows, opened once unmeasured (its first open writes the
  // folder's files, which every later command finds).
  const emptyDir = join(work, 'app-start')
  mkdirSync(emptyDir, { recursive: true })
  await cli(['status'], DEAD_API, emptyDir)
  // One unmeasured round: files in the page cache, so every run is process-cold, not disk-cold.
  await cli(['status'], DEAD_API, dataDir)
  await runNode(join(H, 'floor-read.mjs'), [cacheDir])
  for (let i = 0; i < runs; i++) {
    const status = ok(await cli(['status'], DEAD_API, dataDir), 'secpaid-desk status')
    const shown = /Cached rows:\s+(\d+)/.exec(status.stdout)?.[1]
    if (Number(shown) !== rows) throw new Error(`status showed ${shown ?? 'no'} cached rows, expected ${rows}`)
    r.statusMs.push(status.wallMs)
    r.rssMb.push((status.probe?.maxRssKb ?? NaN) / 1024)
    r.floorMs.push(ok(await runNode(join(H, 'floor-read.mjs'), [cacheDir]), 'floor-read').wallMs)
    r.helpMs.push(ok(await runNode(BIN, ['help']), 'secpaid-desk help').wallMs)
    r.startMs.push(ok(await cli(['status'], DEAD_API, emptyDir), 'secpaid-desk status (no rows)').wallMs)
    r.keyedMs.push(ok(await runNode(join(H, 'floor-read.mjs'), [cacheDir, '--keyed']), 'floor-read --keyed').wallMs)
    r.nodeMs.push(ok(await runNode(join(H, 'noop.mjs'), []), 'node noop').wallMs)
  }
  return r
}

// ---------------------------------------------------------------------------------------------
// 8, 9b: search in-process; also the expected result sizes for the keystroke measure

interface SearchResult {
  rows: number
  hits: Record<string, number>
  chosen: string[]
  times: number[]
  totals: Record<string, number>
}

/** `terms`: time these (another size's choice) instead of the ones nearest 2 % hits at this size. */
async function searchRun(rows: number, terms?: string[], samples = SEARCH_SAMPLES): Promise<SearchResult> {
  const dataDir = await preparedDataDir(rows)
  const totalsFor = ['', ...KEY_TERMS.flatMap((t) => Array.from({ length: t.length }, (_, i) => t.slice(0, i + 1)))]
  const spec = join(work, `search-${rows}.json`)
  writeFileSync(
    spec,
    JSON.stringify({ job: 'search', dataDir, apiBase: DEAD_API, expectRows: rows, candidates: SEARCH_CANDIDATES, targetHitRatio: 0.02, terms: 3, fixedTerms: terms, samples, totalsFor })
  )
  return jsonOut<SearchResult>(ok(await runNode(coreChild(), [spec]), 'core-child search'))
}

// ---------------------------------------------------------------------------------------------
// 4 (and the synced data dir 3 starts from): full sync, client rate limit off

interface SyncChildResult {
  cachedRows: number
  syncMs: number
  cpuMs: number
}
interface FloorFetch {
  wallMs: number
  cpuMs: number
  requests: number
  rows: number
  statuses: Record<string, number>
}

let fullSim: RunningSimulator | null = null
async function unthrottledSim(): Promise<RunningSimulator> {
  fullSim ??= await startSimulator({ seed: 5, rows: ROWS, rateLimitPerMinute: null })
  if (!sims.includes(fullSim)) sims.push(fullSim)
  return fullSim
}

/**
 * Replays the simulator's logged requests with plain fetch (bench/harness/floor-fetch.mjs); with
 * `keep`, every parsed row is also held to the end, as any cache that holds its rows must.
 */
async function floorFetch(sim: RunningSimulator, entries: ReturnType<RunningSimulator['admin']['requestLog']>, name: string, mode: 'plain' | 'keep' | 'store' = 'plain'): Promise<FloorFetch> {
  const file = join(work, `${name}.json`)
  const storeDir = join(work, `${name}-store`)
  writeFileSync(file, JSON.stringify({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, requests: entries.map((e) => ({ method: e.method, path: e.path, encoding: e.encoding, params: e.params })) }))
  const args = mode === 'keep' ? [file, '--keep'] : mode === 'store' ? [file, '--store', storeDir] : [file]
  const out = jsonOut<FloorFetch>(ok(await runNode(join(H, 'floor-fetch.mjs'), args), 'floor-fetch'))
  rmSync(file, { force: true })
  rmSync(storeDir, { recursive: true, force: true })
  return out
}

let syncedDir: string | null = null
async function fullSync(runs: number): Promise<{ app: SyncChildResult[]; floor: FloorFetch[]; kept: FloorFetch[]; stored: FloorFetch[] }> {
  const sim = await unthrottledSim()
  const app: SyncChildResult[] = []
  const floor: FloorFetch[] = []
  const kept: FloorFetch[] = []
  const stored: FloorFetch[] = []
  for (let i = 0; i < runs; i++) {
    const dataDir = join(work, `synced-${i}`)
    mkdirSync(dataDir, { recursive: true })
    const spec = join(work, `sync-${i}.json`)
    writeFileSync(spec, JSON.stringify({ job: 'sync', dataDir, apiBase: sim.baseUrl, apiKey: sim.apiKey, historyWindowMonths: 60 }))
    sim.admin.clearRequestLog()
    const run = jsonOut<SyncChildResult>(ok(await runNode(coreChild(), [spec]), 'core-child sync'))
    rmSync(spec, { force: true })
    // The first logged request is the key check of saveApiKey, made before the sync's clock starts.
    const log = sim.admin.requestLog().slice(1)
    app.push(run)
    floor.push(await floorFetch(sim, log, `floor-sync-${i}`))
    kept.push(await floorFetch(sim, log, `floor-sync-kept-${i}`, 'keep'))
    stored.push(await floorFetch(sim, log, `floor-sync-stored-${i}`, 'store'))
    if (syncedDir !== null) rmSync(syncedDir, { recursive: true, force: true })
    syncedDir = dataDir
  }
  return { app, floor, kept, stored }
}

// ---------------------------------------------------------------------------------------------
// 3: incremental sync of 10 new rows through the CLI

function fileStates(dir: string): Map<string, string> {
  return new Map(walkFiles(dir).map((p) => {
    const st = statSync(p)
    return [p.slice(dir.length), `${st.size}:${st.mtimeMs}`]
  }))
}
/** Bytes of the files under `dir` that are new or changed since `before`. */
function changedBytes(dir: string, before: Map<string, string>): number {
  let bytes = 0
  for (const p of walkFiles(dir)) {
    const st = statSync(p)
    if (before.get(p.slice(dir.length)) !== `${st.size}:${st.mtimeMs}`) bytes += st.size
  }
  return bytes
}

function cpuMsOf(run: ChildRun): number {
  return run.probe ? (run.probe.userUs + run.probe.sysUs) / 1000 : NaN
}

async function incremental(runs: number): Promise<void> {
  const sim = await unthrottledSim()
  if (syncedDir === null) await fullSync(1)
  const base = syncedDir as string
  const login = await cli(['login'], sim.baseUrl, base, sim.apiKey + '\n')
  if (login.code !== 0) throw new Error(`CLI login failed (keychain: ${keyringBus ? 'private keyring' : 'none'}): ${login.stderr.trim()}`)
  for (let i = 0; i < 10; i++) sim.admin.addPayment({ recipient_note: `bench new ${i}` })
  const syncMs: number[] = []
  const statusMs: number[] = []
  const syncCpu: number[] = []
  const statusCpu: number[] = []
  const openMs: number[] = []
  const openCpu: number[] = []
  const httpMs: number[] = []
  const httpCpu: number[] = []
  const wchar: number[] = []
  const writeBytes: number[] = []
  const dirBytes: number[] = []
  let fetched = 0
  let requests = 0
  for (let i = 0; i < runs; i++) {
    const dir = join(work, `incr-${i}`)
    cpSync(base, dir, { recursive: true })
    const cacheDir = cacheDirOf(dir)
    const before = fileStates(cacheDir)
    sim.admin.clearRequestLog()
    const run = ok(await cli(['sync'], sim.baseUrl, dir), 'secpaid-desk sync')
    const fresh = /(\d+) new payments/.exec(run.stdout)?.[1]
    if (fresh !== undefined && fresh !== '10') throw new Error(`sync reported ${fresh} new payments, expected 10: ${run.stdout.trim()}`)
    const log = sim.admin.requestLog()
    syncMs.push(run.wallMs)
    syncCpu.push(cpuMsOf(run))
    wchar.push(run.probe?.io?.['wchar'] ?? NaN)
    writeBytes.push(run.probe?.io?.['write_bytes'] ?? NaN)
    dirBytes.push(changedBytes(cacheDir, before))
    const http = await floorFetch(sim, log, `floor-incr-${i}`)
    httpMs.push(http.wallMs)
    httpCpu.push(http.cpuMs)
    fetched = http.rows
    requests = http.requests
    rmSync(dir, { recursive: true, force: true })
    // Start-up baseline: the same CLI opening the same cache, without syncing.
    const dir2 = join(work, `incr-status-${i}`)
    cpSync(base, dir2, { recursive: true })
    const status = ok(await cli(['status'], sim.baseUrl, dir2), 'secpaid-desk status')
    statusMs.push(status.wallMs)
    statusCpu.push(cpuMsOf(status))
    // A sync opens the cache with the index's lookup maps built (a `status` needs none) and
    // checks the keychain: `check` of a request that does not exist opens it the same way, then
    // stops before any request to SecPaid.
    const open = await cli(['check', '--request', 'bench-no-such-request'], sim.baseUrl, dir2)
    if (!/not found|no refund request/i.test(open.stderr)) throw new Error(`check of a missing request: exit ${open.code}, ${open.stderr.trim()}`)
    openMs.push(open.wallMs)
    openCpu.push(cpuMsOf(open))
    rmSync(dir2, { recursive: true, force: true })
  }
  const note = `${requests} requests, ${fetched} rows fetched (10 new + the overlap days)`
  record({
    id: 'incremental-bytes',
    label: '3a incremental sync, bytes written',
    unit: 'B',
    value: median(wchar),
    floor: null,
    target: '< 1 MB',
    met: median(wchar) < 1_000_000,
    runs: wchar,
    floorRuns: [],
    note: `wchar of the CLI process (every write syscall: cache, meta, ledger, stdout, HTTP); cache files changed: ${fmt(median(dirBytes), 'B')}; block-device write_bytes: ${fmt(median(writeBytes), 'B')}; ${note}`
  })
  const own = syncMs.map((s, i) => s - (openMs[i] ?? NaN) - (httpMs[i] ?? NaN))
  record({
    id: 'incremental-time',
    label: '3b incremental sync, app time beyond start-up',
    unit: 'ms',
    value: median(syncMs) - median(openMs) - median(httpMs),
    floor: null,
    target: '< 150 ms',
    met: median(syncMs) - median(openMs) - median(httpMs) < 150,
    runs: own,
    floorRuns: [],
    note:
      `CLI sync ${fmt(median(syncMs), 'ms')} − the same open without syncing (\`check\` of a missing request: cache read with the lookup maps a sync needs, keychain) ${fmt(median(openMs), 'ms')} − plain HTTP of the same requests ${fmt(median(httpMs), 'ms')}` +
      `; the same difference in process CPU, less sensitive to a loaded machine: ${fmt(median(syncCpu) - median(openCpu), 'ms')} (sync ${fmt(median(syncCpu), 'ms')} − open ${fmt(median(openCpu), 'ms')})` +
      // The floor process's CPU for the same requests (its fetch loop: undici's first load, the
      // exchanges, decoding and JSON.parse) is what any client pays on top of start-up.
      `, ${fmt(median(syncCpu) - median(openCpu) - median(httpCpu), 'ms')} net of the plain fetch's own CPU (${fmt(median(httpCpu), 'ms')})` +
      `; against a CLI \`status\` (which builds no lookup maps): ${fmt(median(syncMs) - median(statusMs) - median(httpMs), 'ms')} wall (status ${fmt(median(statusMs), 'ms')})`
  })
}

// ---------------------------------------------------------------------------------------------
// 5: full sync through the CLI at SecPaid's 60 requests/min

/** Earliest start of the last of `n` requests under a fresh sliding window of 60 per 60 s. */
function rateFloorMs(n: number): number {
  return Math.floor(Math.max(0, n - 1) / 60) * 60_000
}

async function rateLimited(runs: number, pageMs: number | null): Promise<void> {
  const apiKey = `sk_bench_${createHash('sha256').update(String(Date.now())).digest('hex').slice(0, 24)}`
  const anchor = new Date()
  const start = (port: number): Promise<RunningSimulator> => startSimulator({ port, seed: 9, rows: RATE_ROWS, rateLimitPerMinute: 60, apiKey, anchor })
  // A first instance only to store the key in the keychain (its request would count in the window).
  let sim = await start(0)
  const port = sim.port
  const loginDir = join(work, 'rate-login')
  mkdirSync(loginDir, { recursive: true })
  const login = await cli(['login'], sim.baseUrl, loginDir, apiKey + '\n')
  await sim.close()
  if (login.code !== 0) throw new Error(`CLI login failed: ${login.stderr.trim()}`)
  const wall: number[] = []
  const floors: number[] = []
  let reqs = 0
  let rows = 0
  let refused = 0
  const pauses: number[] = []
  for (let i = 0; i < runs; i++) {
    sim = await start(port) // a fresh simulator: an empty rate window, as after a quiet minute
    sims.push(sim)
    const dir = join(work, `rate-${i}`)
    mkdirSync(dir, { recursive: true })
    const run = ok(await cli(['sync'], sim.baseUrl, dir), 'secpaid-desk sync (60/min)')
    rows = Number(/(\d+) rows cached/.exec(run.stdout)?.[1] ?? NaN)
    const log = sim.admin.requestLog()
    reqs = log.length
    const limited = log.filter((e) => e.httpStatus === 429).length
    // What a 429 cost: from the refused request to the next one the simulator admitted.
    for (const [k, e] of log.entries()) {
      const next = log.slice(k + 1).find((n) => n.httpStatus !== 429)
      if (e.httpStatus === 429 && next) pauses.push(Date.parse(next.time) - Date.parse(e.time))
    }
    refused += limited
    wall.push(run.wallMs)
    floors.push(rateFloorMs(log.filter((e) => e.httpStatus !== 429).length) + (pageMs ?? 0))
    await sim.close()
    sims.splice(sims.indexOf(sim), 1)
    rmSync(dir, { recursive: true, force: true })
  }
  if (median(floors) < 60_000) throw new Error(`only ${reqs} requests: the 60/min limit does not bind at ≤ 60, so there is no floor to compare with (raise BENCH_RATE_ROWS)`)
  record({
    id: 'sync-rate',
    label: `5 full sync wall at 60 req/min (${rows} rows)`,
    unit: 'ms',
    value: median(wall),
    floor: median(floors),
    target: '≤ 1.1×',
    met: median(wall) / median(floors) <= 1.1,
    runs: wall,
    floorRuns: floors,
    note:
      `${reqs} requests, ${refused} answered 429 over ${runs} runs` +
      (pauses.length ? ` (each cost ${pauses.map((p) => fmt(p, 'ms')).join(', ')} until the next admitted request)` : '') +
      `; floor = when a fresh 60-per-60 s sliding window lets the last one start (⌊(n−1)/60⌋ min)` +
      (pageMs !== null ? ` + one plain page fetch (${pageMs.toFixed(0)} ms)` : ' (page fetch time not measured in this run)') +
      `; steady-state view, 1 s per request: ${(reqs).toFixed(0)} s → ${(median(wall) / (reqs * 1000)).toFixed(2)}×; simulator rows ${RATE_ROWS}, 13-month window (set BENCH_RATE_ROWS / --rate-rows)`
  })
}

// ---------------------------------------------------------------------------------------------
// 6, 7: the window (host app in Chromium)

/** Each child is bundled once per bench run (from the sources as they are when it starts). */
const bundles = new Map<string, string>()

/**
 * A child script bundled the way out/main is (electron.vite.config.ts): our TypeScript in one
 * CommonJS file with the pure-JS dependencies the app bundles, every other package loaded from
 * node_modules. The Electron app starts from such a bundle; run through tsx instead, every module
 * of the core first passes tsx's loader (importing the host app took 6–7 s of wall time at load
 * ~7, against 1.9 s of CPU), which is the test host's cost, not the app's. Written under
 * node_modules/.cache so the external packages resolve from the repository. `__dirname` is the
 * folder of the host's sources, the only ones that read it (the renderer dir, the preload shim).
 */
function bundledChild(entry: string, name: string): string {
  const built = bundles.get(name)
  if (built !== undefined) return built
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => !bundledDeps.includes(n))
  const outfile = join(ROOT, 'node_modules', '.cache', 'secpaid-bench', `${name}.cjs`)
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external,
    alias: { '@shared': join(ROOT, 'src', 'shared') },
    define: { __dirname: JSON.stringify(join(ROOT, 'src', 'browser-host')) },
    logLevel: 'error'
  })
  bundles.set(name, outfile)
  return outfile
}

/**
 * The core child (search, first sync), bundled like the others. Run through tsx, a first sync
 * measured 3–7 % more CPU inside its own clock (medians of five alternating runs: 5513 against
 * 5131 ms), although tsx's loader had finished before the clock started. Probably the module
 * shape: tsx compiles each file on its own to CommonJS, so a call into another module reads that
 * module's exports object (a getter per import); a bundle, like out/main, calls it directly.
 */
const coreChild = (): string => bundledChild(join(H, 'core-child.ts'), 'core-child')

async function launch(runs: number): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}`)
  const dataDir = await preparedDataDir(ROWS)
  const spec = join(work, 'launch.json')
  writeFileSync(spec, JSON.stringify({ job: 'launch', dataDir, apiBase: DEAD_API, rows: ROWS }))
  // App and floors from bundles built alike (bundledChild): plain node, no TypeScript loader.
  const appChild = bundledChild(join(H, 'launch-child.ts'), 'launch-child')
  const floorChild = bundledChild(join(H, 'floor-chromium.ts'), 'floor-chromium')
  // Spawn → every cached row counted (the progressive load's end on screen), per run.
  const allRows: number[] = []
  const appRun = async (): Promise<number> => {
    const r = ok(await runNode(appChild, [spec], { mark: 'FIRST_ROWS' }), 'launch-child')
    const after = /^ALL_ROWS (\d+)$/m.exec(r.stdout)
    allRows.push((r.markMs ?? NaN) + (after === null ? NaN : Number(after[1])))
    return r.markMs ?? NaN
  }
  const floorRun = async (args: string[] = []): Promise<number> =>
    ok(await runNode(floorChild, args, { mark: 'FIRST_ROWS' }), 'floor-chromium').markMs ?? NaN
  // Unmeasured: the page cache and Chromium's files warm for every run.
  await appRun()
  await floorRun()
  await floorRun(['--no-bridge'])
  allRows.length = 0
  const app: number[] = []
  const floor: number[] = []
  const bare: number[] = []
  for (let i = 0; i < runs; i++) {
    app.push(await appRun())
    floor.push(await floorRun())
    bare.push(await floorRun(['--no-bridge']))
  }
  record({
    id: 'launch',
    label: `6 launch → first rows (${ROWS / 1000}k cached)`,
    unit: 'ms',
    value: median(app),
    floor: median(floor),
    target: '≤ 2×',
    met: median(app) / median(floor) <= 2,
    runs: app,
    floorRuns: floor,
    note: `spawn → first row visible; host app (core + built renderer in Chromium) and floor both run as bundles built like out/main (plain node, no TypeScript loader); floor = Playwright + Chromium (same flags and context) with the app's bridge (binding + preload shim, harness/floor-chromium.ts) showing one row asked over it from a trivial handler; the same page without the bridge (the row in its HTML): ${fmt(median(bare), 'ms')}, ratio to it ${(median(app) / median(bare)).toFixed(2)}×; spawn → every cached row counted (older months are read after the first screen): ${fmt(median(allRows), 'ms')}`
  })
}

async function keystrokes(totals: Record<string, number>): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}`)
  const dataDir = await preparedDataDir(ROWS)
  type Keys = { samples: Array<{ text: string; ms: number }>; skipped: string[]; domRows?: number; domCells?: number }
  const keysRun = async (job: 'keys' | 'keys-floor', extra: Record<string, unknown> = {}): Promise<Keys> => {
    const spec = join(work, `${job}.json`)
    writeFileSync(spec, JSON.stringify({ job, dataDir, apiBase: DEAD_API, terms: KEY_TERMS, totals, rounds: KEY_ROUNDS, ...extra }))
    return jsonOut<Keys>(ok(await runNode(bundledChild(join(H, 'launch-child.ts'), 'launch-child'), [spec], { timeoutMs: 10 * 60_000 }), `launch-child ${job}`))
  }
  const out = await keysRun('keys')
  // The floor right after, with a grid as large as the app's was (harness/launch-child.ts).
  const floorOut = await keysRun('keys-floor', { domRows: out.domRows, domCells: out.domCells })
  const ms = out.samples.map((s) => s.ms)
  const fms = floorOut.samples.map((s) => s.ms)
  const p95 = percentile(ms, 95)
  const fp95 = percentile(fms, 95)
  const worst = [...out.samples].sort((a, b) => b.ms - a.ms).slice(0, 3).map((s) => `"${s.text}" ${s.ms.toFixed(0)} ms`)
  record({
    id: 'keystroke',
    label: `7 keystroke → list updated, p95 (${ROWS / 1000}k)`,
    unit: 'ms',
    value: p95,
    floor: fp95,
    target: '< 50 ms',
    met: p95 < 50,
    runs: ms,
    floorRuns: fms,
    note: `${ms.length} keys typed into the search box (${KEY_TERMS.map((t) => `"${t}"`).join(', ')} ×${KEY_ROUNDS}), timed in the page from keydown to the frame after the grid shows the new row count, not busy; median ${fmt(median(ms), 'ms')}; slowest ${worst.join(', ')}` +
      (out.skipped.length ? `; ${out.skipped.length} keys not timed (same row count as before: ${[...new Set(out.skipped)].map((s) => `"${s}"`).join(', ')})` : '') +
      `; floor = the same keys, timed the same way, against a plain page calling window.secpaid over the same bridge (installBridge: Playwright binding + preload shim + one JSON string each way, the IPC stand-in) with a trivial handler answering canned rows, as many as the grid shows, and writing a grid of ${out.domRows ?? '?'} rows × ${out.domCells ?? '?'} cells (the app's grid): p95 ${fmt(fp95, 'ms')}, median ${fmt(median(fms), 'ms')}; median ratio ${(median(ms) / median(fms)).toFixed(2)}×`
  })
}

// ---------------------------------------------------------------------------------------------
// Table

function machine(): Record<string, unknown> {
  const git = (args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
    } catch {
      return 'unknown'
    }
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // A shared machine: the load the run started under (the end's is added when it finishes).
    loadAvgAtStart: loadavg().map((l) => Number(l.toFixed(2))),
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    // Uncommitted changes to the app itself (the bench's own files do not count).
    dirty: git(['status', '--porcelain', '--', 'src', 'bin']) !== ''
  }
}

function printTable(): void {
  const head = ['metric', 'value', 'floor', 'ratio', 'target', 'met']
  const body = metrics.map((m) => [
    m.label,
    m.value === null ? 'n/a' : fmt(m.value, m.unit),
    fmt(m.floor, m.unit),
    m.ratio === null ? '–' : `${m.ratio.toFixed(2)}×`,
    m.target,
    m.met === null ? 'n/a' : m.met ? 'yes' : 'NO'
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ') + ' |'
  console.log('\n' + line(head))
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
  for (const r of body) console.log(line(r))
  console.log('\nNotes:')
  for (const m of metrics) console.log(`- ${m.label}: ${m.note}`)
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now()
  const info = machine()
  console.log(`SecPaid Desk bench — ${QUICK ? 'QUICK (smoke check, not comparable)' : 'full'}; ${ROWS} rows; ${info['cpu']} ×${info['cores']}, Node ${process.version}`)
  if (!flag('no-build')) {
    console.log('building (electron-vite build) …')
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' })
  }
  await startKeyring()
  if (!keyringBus) console.log('  (no keychain: CLI status reports it unavailable, incremental sync cannot log in)')

  let search200: SearchResult | null = null
  let search100: SearchResult | null = null
  let open200: OpenResult | null = null
  let open100: OpenResult | null = null
  let pageMs: number | null = null

  if (wants('open') || wants('growth')) {
    console.log(`cold open (${ROWS}) …`)
    await guarded(
      [
        ['cold-open', '1 cold open (CLI status)', '≤ 1.5×'],
        ['open-rss', '2 peak memory of that open', '< 400 MB']
      ],
      async () => {
        const o = await coldOpen(ROWS, RUNS)
        open200 = o
        record({
          id: 'cold-open',
          label: `1 cold open (CLI status, ${ROWS / 1000}k)`,
          unit: 'ms',
          value: median(o.statusMs),
          floor: median(o.floorMs),
          target: '≤ 1.5×',
          met: median(o.statusMs) / median(o.floorMs) <= 1.5,
          runs: o.statusMs,
          floorRuns: o.floorMs,
          note: `child-process wall, spawn → exit of \`node bin/secpaid-desk.js status\` vs \`node floor-read.mjs <cache dir>\` (read every file, JSON.parse *.json whole and *.jsonl per line); app start (status with no rows): ${fmt(median(o.startMs), 'ms')}, CLI start-up alone (help): ${fmt(median(o.helpMs), 'ms')}, a bare node: ${fmt(median(o.nodeMs), 'ms')}; the floor plus one map entry per row key and per pay_id (floor-read.mjs --keyed, what any index that finds a row must add): ${fmt(median(o.keyedMs), 'ms')} = ${(median(o.keyedMs) / median(o.floorMs)).toFixed(2)}× the floor, status = ${(median(o.statusMs) / median(o.keyedMs)).toFixed(2)}× that`
        })
        record({
          id: 'open-rss',
          label: '2 peak memory (maxRSS) of that open',
          unit: 'MB',
          value: median(o.rssMb),
          floor: null,
          target: '< 400 MB',
          met: median(o.rssMb) < 400,
          runs: o.rssMb,
          floorRuns: [],
          note: 'getrusage maxRSS of the status process (MiB)'
        })
      }
    )
  }

  if (wants('search') || wants('keystroke') || wants('growth')) {
    console.log(`search (${ROWS}) …`)
    await guarded([['search', '8 search query p95', '< 30 ms']], async () => {
      const s = await searchRun(ROWS)
      search200 = s
      const p95 = percentile(s.times, 95)
      record({
        id: 'search',
        label: `8 search query p95 (${ROWS / 1000}k, in-process)`,
        unit: 'ms',
        value: p95,
        floor: null,
        target: '< 30 ms',
        met: p95 < 30,
        runs: s.times,
        floorRuns: [],
        note: `queryTransactions through the application API in a child process, ${s.times.length} queries rotating ${s.chosen.map((c) => `"${c}" (${((s.hits[c] ?? 0) * 100).toFixed(1)} %)`).join(', ')}, each after a different query; median ${fmt(median(s.times), 'ms')}`
      })
    })
  }

  if (wants('growth')) {
    console.log(`growth (${HALF} vs ${ROWS}) …`)
    await guarded(
      [
        ['growth-open', '9a growth of cold open per 1k rows', '≤ 1.2×'],
        ['growth-search', '9b growth of search per 1k rows', '≤ 1.2×']
      ],
      async () => {
        open100 = await coldOpen(HALF, RUNS)
        const o2 = open200 as OpenResult | null
        if (o2 === null) throw new Error('the full-size cold open failed')
        // Net of the CLI's start-up (help), so a fixed cost does not pass for sub-linear growth.
        const per = (o: OpenResult, n: number): number => (median(o.statusMs) - median(o.helpMs)) / (n / 1000)
        const a = per(open100, HALF)
        const b = per(o2, ROWS)
        record({
          id: 'growth-open',
          label: `9a cold open per 1k rows, ${ROWS / 1000}k vs ${HALF / 1000}k`,
          unit: 'x',
          value: b / a,
          floor: null,
          ratio: b / a,
          target: '≤ 1.2×',
          met: b / a <= 1.2,
          runs: [],
          floorRuns: [],
          note: `(status − help) per 1k rows: ${b.toFixed(2)} ms at ${ROWS / 1000}k vs ${a.toFixed(2)} ms at ${HALF / 1000}k`
        })
        const s2 = search200 as SearchResult | null
        if (s2 === null) throw new Error('the full-size search failed')
        // The same terms at both sizes, compared term by term, with more samples than the p95 row
        // takes: each size choosing its own terms nearest 2 % hits, and one median over a rotation
        // of 40 queries whose terms cost ~0.6 and ~1.4 ms, made the ratio swing between 1.2× and
        // 1.4× with nothing changed (queries of ~1 ms are mostly fixed cost and noise).
        const full = await searchRun(ROWS, s2.chosen, GROWTH_SAMPLES)
        search100 = await searchRun(HALF, s2.chosen, GROWTH_SAMPLES)
        const half = search100
        const perTerm = (s: SearchResult, term: string, rows: number): number =>
          median(s.times.filter((_, i) => s.chosen[i % s.chosen.length] === term)) / (rows / 1000)
        const ratios = s2.chosen.map((t) => perTerm(full, t, ROWS) / perTerm(half, t, HALF))
        const pct = (share: number | undefined): string => `${((share ?? 0) * 100).toFixed(1)} %`
        const growth = median(ratios)
        record({
          id: 'growth-search',
          label: `9b search per 1k rows, ${ROWS / 1000}k vs ${HALF / 1000}k`,
          unit: 'x',
          value: growth,
          floor: null,
          ratio: growth,
          target: '≤ 1.2×',
          met: growth <= 1.2,
          runs: ratios,
          floorRuns: [],
          note: `median query per 1k rows, per term, at ${ROWS / 1000}k vs ${HALF / 1000}k (the same terms at both sizes; the median of the terms' ratios): ${s2.chosen
            .map((t, i) => `"${t}" ${perTerm(full, t, ROWS).toFixed(4)} vs ${perTerm(half, t, HALF).toFixed(4)} ms (${(ratios[i] as number).toFixed(2)}×; hits ${pct(full.hits[t])} vs ${pct(half.hits[t])})`)
            .join(', ')}`
        })
      }
    )
  }

  if (wants('sync-cpu')) {
    console.log(`full sync CPU (${ROWS}, rate limit off) …`)
    await guarded([['sync-cpu', '4 full sync CPU', '≤ 2×']], async () => {
      const { app, floor, kept, stored } = await fullSync(SYNC_RUNS)
      const cpu = app.map((a) => a.cpuMs)
      const fcpu = floor.map((f) => f.cpuMs)
      const kcpu = median(kept.map((f) => f.cpuMs))
      const scpu = median(stored.map((f) => f.cpuMs))
      pageMs = median(floor.map((f) => f.wallMs / f.requests))
      record({
        id: 'sync-cpu',
        label: `4 full sync CPU (${(app[0]?.cachedRows ?? 0) / 1000}k rows, unthrottled)`,
        unit: 'ms',
        value: median(cpu),
        floor: median(fcpu),
        target: '≤ 2×',
        met: median(cpu) / median(fcpu) <= 2,
        runs: cpu,
        floorRuns: fcpu,
        note:
          `process CPU (user+sys) of the app core from runSync to close, client limit off (the CLI cannot turn it off); floor = CPU of plain fetch + JSON.parse of the same ${floor[0]?.requests ?? 0} requests; sync wall ${fmt(median(app.map((a) => a.syncMs)), 'ms')}` +
          `; the same floor holding every parsed row to the end (floor-fetch.mjs --keep: the garbage collector's share of keeping ${(app[0]?.cachedRows ?? 0) / 1000}k rows, which any cache pays): ${fmt(kcpu, 'ms')} = ${(kcpu / median(fcpu)).toFixed(2)}× the floor, the app = ${(median(cpu) / kcpu).toFixed(2)}× that` +
          `; the same floor also doing, the plainest way, what a sync that keeps its rows browsable and cached must (floor-fetch.mjs --store: each row as an array of its values, unvalidated; a map by key and one by pay_id; every month written as JSON in pieces, no escaping, no fsync): ${fmt(scpu, 'ms')} = ${(scpu / median(fcpu)).toFixed(2)}× the floor, the app = ${(median(cpu) / scpu).toFixed(2)}× that`
      })
    })
  }

  if (wants('incremental')) {
    console.log(`incremental sync of 10 new rows into ${ROWS} (CLI) …`)
    await guarded(
      [
        ['incremental-bytes', '3a incremental sync, bytes written', '< 1 MB'],
        ['incremental-time', '3b incremental sync, app time beyond start-up', '< 150 ms']
      ],
      () => incremental(RUNS)
    )
  }

  if (wants('sync-rate')) {
    if (QUICK && !only?.includes('sync-rate')) {
      unmeasured('sync-rate', '5 full sync wall at 60 req/min', '≤ 1.1×', 'skipped in --quick (the limit only binds past 60 requests, a minute or more; use --only=sync-rate)')
    } else {
      console.log(`full sync at 60 requests/min (simulator ${RATE_ROWS} rows, CLI) …`)
      await guarded([['sync-rate', '5 full sync wall at 60 req/min', '≤ 1.1×']], () => rateLimited(RATE_RUNS, pageMs))
    }
  }

  if (fullSim) {
    await fullSim.close()
    sims.splice(sims.indexOf(fullSim), 1)
    fullSim = null
  }

  if (wants('launch')) {
    console.log('launch → first rows (Chromium) …')
    await guarded([['launch', '6 launch → first rows', '≤ 2×']], () => launch(RUNS))
  }

  if (wants('keystroke')) {
    console.log('keystrokes in the window (Chromium) …')
    await guarded([['keystroke', '7 keystroke → list updated p95', '< 50 ms']], async () => {
      const s = search200 as SearchResult | null
      if (s === null) throw new Error('needs the search run for the expected result sizes')
      await keystrokes(s.totals)
    })
  }

  printTable()
  info['loadAvgAtEnd'] = loadavg().map((l) => Number(l.toFixed(2)))
  const results = { machine: info, options: { quick: QUICK, only, rows: ROWS, rateRows: RATE_ROWS, runs: RUNS }, durationS: Math.round((performance.now() - t0) / 1000), metrics }
  writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n')
  console.log(`\nwrote bench/results.json (${results.durationS} s)`)
}

async function cleanup(): Promise<void> {
  for (const s of sims) await s.close().catch(() => undefined)
  if (keyringHost?.pid !== undefined && keyringHost.exitCode === null) process.kill(-keyringHost.pid, 'SIGKILL')
  rmSync(work, { recursive: true, force: true })
}

main()
  .catch((e: unknown) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => void cleanup())
