/**
 * Full sync of N rows from the simulator over loopback into a fresh cache, through the real
 * client, sync service and sharded cache — its CPU against a floor measured in the same run.
 *   npx tsx bench/sync-bench.ts [rows=200000] [runs=3] [limit=off|60]
 *
 * The simulator runs in a child process, so this process's CPU (process.cpuUsage, user + system)
 * is the app's side only. The floor is the same pages fetched with plain `fetch` + `JSON.parse`
 * (no validation, no index, no cache): what any client pays just to receive them. Runs alternate
 * floor / sync; medians are printed with their ratio.
 *
 * limit=60 applies SecPaid's real 60 requests/min (client limiter and simulator), which is what
 * dominates a first sync against production: its floor is the rate limit itself (a sliding
 * window of 60 per minute lets request n go at ⌊(n−1)/60⌋ minutes at the earliest).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createQueryEngine, createTransactionIndex } from '../src/main/services/query'
import { createRateLimiter, createSecpaidClient } from '../src/main/services/secpaid'
import { openTransactionCache } from '../src/main/services/storage/transaction-cache'
import { createSyncService } from '../src/main/services/sync'

const ROWS = Number(process.argv[2] ?? 200_000)
const RUNS = Number(process.argv[3] ?? 3)
const LIMIT = process.argv[4] === '60' ? 60 : null
const WINDOW_MONTHS = 60

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const p = join(dir, name)
    const st = statSync(p)
    return sum + (st.isDirectory() ? dirSize(p) : st.size)
  }, 0)
}

/** CPU ms (user + system) and wall ms of `fn` in this process. */
async function measure<T>(fn: () => Promise<T>): Promise<{ cpuMs: number; wallMs: number; value: T }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = await fn()
  const wallMs = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { cpuMs: (c.user + c.system) / 1000, wallMs, value }
}

interface Sim {
  baseUrl: string
  apiKey: string
  child: ChildProcess
}

async function startSimulatorProcess(): Promise<Sim> {
  const args = ['src/main/simulator/cli.ts', '--port', '0', '--seed', '5', '--rows', String(ROWS), '--quiet']
  if (LIMIT === null) args.push('--no-rate-limit')
  const child = spawn(join('node_modules', '.bin', 'tsx'), args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  let baseUrl = ''
  let apiKey = ''
  for await (const line of lines) {
    const m = /^(Base URL|API key):\s+(\S+)/.exec(line)
    if (m?.[1] === 'Base URL') baseUrl = m[2] as string
    if (m?.[1] === 'API key') apiKey = m[2] as string
    if (baseUrl !== '' && apiKey !== '') break
  }
  if (baseUrl === '' || apiKey === '') throw new Error('simulator did not start')
  return { baseUrl, apiKey, child }
}

/** The floor: every page with plain fetch + JSON.parse, same query as the sync's. */
async function fetchFloor(sim: Sim, since: number): Promise<number> {
  const limiter = createRateLimiter({ maxPerWindow: LIMIT })
  let rows = 0
  for (let page = 1; ; page++) {
    await limiter.acquire()
    const body = new URLSearchParams({ page: String(page), limit: '1000', since: String(since) })
    const post = (): Promise<Response> => fetch(new URL('getPayInTransactions', sim.baseUrl), { method: 'POST', body, headers: { token: sim.apiKey } })
    // A kept-alive socket the server closed while we were idle fails once; the client retries too.
    const res = await post().catch(post)
    const json = JSON.parse(await res.text()) as { data?: unknown[] }
    const n = json.data?.length ?? 0
    if (page === 1 && n === 0) throw new Error('floor fetched nothing')
    rows += n
    if (n < 1000) return rows
  }
}

/** CPU ms spent inside `fn` (synchronous). */
function cpuOf<T>(fn: () => T, add: (ms: number) => void): T {
  const c0 = process.cpuUsage()
  try {
    return fn()
  } finally {
    const c = process.cpuUsage(c0)
    add((c.user + c.system) / 1000)
  }
}

async function fullSync(sim: Sim): Promise<{ rows: number; size: number; since: number; cacheWriteMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'))
  try {
    // The cache write is timed on its own: it belongs to the storage layer, which changes apart.
    let cacheWriteMs = 0
    const add = (ms: number): void => {
      cacheWriteMs += ms
    }
    const raw = openTransactionCache({ dir })
    const cache: typeof raw = {
      ...raw,
      replaceAll: (rows) => cpuOf(() => raw.replaceAll(rows), add),
      upsertRows: (rows) => cpuOf(() => raw.upsertRows(rows), add)
    }
    const index = createTransactionIndex()
    createQueryEngine({ index })
    const client = createSecpaidClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, limiter: createRateLimiter({ maxPerWindow: LIMIT }) })
    let since = 0
    const spy: typeof client = {
      ...client,
      getPayInTransactions: (q, o) => {
        since = q?.since ?? 0
        return client.getPayInTransactions(q, o)
      }
    }
    const sync = createSyncService({ env: 'custom', cache, index, getClient: () => spy, historyWindowMonths: () => WINDOW_MONTHS })
    sync.loadFromCache()
    const state = await sync.run({ full: true })
    if (state.status !== 'idle') throw new Error(`sync ended ${state.status}: ${state.lastError?.message ?? ''}`)
    return { rows: state.cachedRows, size: dirSize(dir), since, cacheWriteMs }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess()
  const floors: number[] = []
  const syncs: number[] = []
  const walls: number[] = []
  const cacheWrites: number[] = []
  const floorWalls: number[] = []
  let rows = 0
  let size = 0
  try {
    if (LIMIT !== null) {
      // Wall time against the rate limit: no warm-up or floor fetch (they would share the limit).
      for (let run = 0; run < RUNS; run++) {
        const s = await measure(() => fullSync(sim))
        walls.push(s.wallMs)
        syncs.push(s.cpuMs)
        rows = s.value.rows
        console.log(`run ${run + 1}: sync ${rows} rows wall ${(s.wallMs / 1000).toFixed(1)} s, cpu ${(s.cpuMs / 1000).toFixed(2)} s`)
        // The next run starts with a fresh window.
        if (run + 1 < RUNS) await new Promise((r) => setTimeout(r, 61_000))
      }
      const pages = Math.ceil((rows + 1) / 1000)
      const floorMs = Math.floor((pages - 1) / LIMIT) * 60_000
      console.log(
        `${rows} rows, ${pages} pages at ${LIMIT}/min: rate-limit floor ${(floorMs / 1000).toFixed(0)} s; ` +
          `median sync wall ${(median(walls) / 1000).toFixed(1)} s = ${(median(walls) / floorMs).toFixed(3)}× (target ≤ 1.1×)`
      )
      return
    }
    // One warm-up of each (JIT, simulator caches), not counted; it also learns the `since` the plan sends.
    const warm = await fullSync(sim)
    await fetchFloor(sim, warm.since)
    for (let run = 0; run < RUNS; run++) {
      const f = await measure(() => fetchFloor(sim, warm.since))
      const s = await measure(() => fullSync(sim))
      floors.push(f.cpuMs)
      floorWalls.push(f.wallMs)
      syncs.push(s.cpuMs)
      walls.push(s.wallMs)
      cacheWrites.push(s.value.cacheWriteMs)
      rows = s.value.rows
      size = s.value.size
      console.log(
        `run ${run + 1}: floor ${f.value} rows cpu ${(f.cpuMs / 1000).toFixed(2)} s (wall ${(f.wallMs / 1000).toFixed(2)} s); ` +
          `sync ${rows} rows cpu ${(s.cpuMs / 1000).toFixed(2)} s (wall ${(s.wallMs / 1000).toFixed(2)} s) → ${(s.cpuMs / f.cpuMs).toFixed(2)}×; ` +
          `of it the cache write ${(s.value.cacheWriteMs / 1000).toFixed(2)} s`
      )
    }
  } finally {
    sim.child.kill('SIGTERM')
  }
  const pages = Math.ceil((rows + 1) / 1000)
  const fc = median(floors)
  const sc = median(syncs)
  console.log(`median floor CPU (fetch + JSON.parse): ${(fc / 1000).toFixed(2)} s, wall ${(median(floorWalls) / 1000).toFixed(2)} s`)
  const ratios = syncs.map((s, i) => s / (floors[i] as number))
  console.log(
    `median full sync CPU: ${(sc / 1000).toFixed(2)} s = ${(sc / fc).toFixed(2)}× the median floor; ` +
      `median of per-run ratios ${median(ratios).toFixed(2)}× (target ≤ 2×); wall ${(median(walls) / 1000).toFixed(2)} s`
  )
  const without = syncs.map((s, i) => (s - (cacheWrites[i] as number)) / (floors[i] as number))
  console.log(
    `median cache write (storage layer) CPU: ${(median(cacheWrites) / 1000).toFixed(2)} s; ` +
      `sync without it: median of per-run ratios ${median(without).toFixed(2)}× floor`
  )
  console.log(`${rows} rows, ${pages} pages, rate limit ${LIMIT ?? 'off'}; cache on disk ${(size / 1024 / 1024).toFixed(1)} MiB`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
