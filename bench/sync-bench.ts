/**
 * Full sync of N rows from the simulator over loopback into a fresh cache, through the real
 * client, sync service and sharded cache — then the cache's size on disk. Prints medians.
 *   npx tsx bench/sync-bench.ts [rows=200000] [runs=3] [limit=off|60]
 * limit=60 applies SecPaid's real 60 requests/min (client limiter and simulator), which is what
 * dominates a first sync against production: ~1 page of 1000 rows per second.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createQueryEngine, createTransactionIndex } from '../src/main/services/query'
import { createRateLimiter, createSecpaidClient } from '../src/main/services/secpaid'
import { openTransactionCache } from '../src/main/services/storage/transaction-cache'
import { createSyncService } from '../src/main/services/sync'
import { startSimulator } from '../src/main/simulator'

const ROWS = Number(process.argv[2] ?? 200_000)
const RUNS = Number(process.argv[3] ?? 3)
const LIMIT = process.argv[4] === '60' ? 60 : null

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

async function main(): Promise<void> {
  const sim = await startSimulator({ seed: 5, rows: ROWS, rateLimitPerMinute: LIMIT })
  const times: number[] = []
  let size = 0
  let cached = 0
  try {
    for (let run = 0; run < RUNS; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'))
      const cache = openTransactionCache({ dir })
      const index = createTransactionIndex()
      createQueryEngine({ index })
      const client = createSecpaidClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, limiter: createRateLimiter({ maxPerWindow: LIMIT }) })
      const sync = createSyncService({ env: 'custom', cache, index, getClient: () => client, historyWindowMonths: () => 60 })
      sync.loadFromCache()
      const t0 = performance.now()
      const state = await sync.run({ full: true })
      const ms = performance.now() - t0
      if (state.status !== 'idle') throw new Error(`sync ended ${state.status}: ${state.lastError?.message ?? ''}`)
      times.push(ms)
      size = dirSize(dir)
      cached = state.cachedRows
      console.log(`run ${run + 1}: ${cached} rows in ${(ms / 1000).toFixed(2)} s`)
      rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    await sim.close()
  }
  console.log(
    `median full sync: ${(median(times) / 1000).toFixed(2)} s for ${cached} rows (${Math.ceil(cached / 1000)} pages, rate limit ${LIMIT ?? 'off'}); cache on disk ${(size / 1024 / 1024).toFixed(1)} MiB`
  )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
