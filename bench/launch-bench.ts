/**
 * Launch → first rows with 200k cached transactions (the number the launch-time budget is judged by).
 * Prepares a data dir whose cache holds 200k rows (written through the real cache), then starts
 * the app (Chromium backend + real main-process core, as `npm start` does without Electron) N
 * times and measures until the transactions table shows its first data row. The environment is
 * 'custom' pointing at a closed loopback port with no key, so no sync runs: pure cache start.
 * Prints medians. Run: npx electron-vite build && npx tsx bench/launch-bench.ts [rows] [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { startHostApp } from '../src/browser-host/host-app'
import { createMemorySecretStore } from '../src/main/services/credentials'
import { openTransactionCache } from '../src/main/services/storage/transaction-cache'
import { syntheticRows } from './cache-synthetic-rows'

const ROWS = Number(process.argv[2] ?? 200_000)
const RUNS = Number(process.argv[3] ?? 5)
const API_BASE = 'http://127.0.0.1:9/api/v2/' // discard port: nothing listens

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'launch-bench-'))
  const folder = `custom-${createHash('sha256').update(API_BASE).digest('hex').slice(0, 8)}`
  const cache = openTransactionCache({ dir: join(dataDir, folder, 'cache') })
  cache.replaceAll(syntheticRows(ROWS))
  cache.updateMeta({ lastSuccessfulSyncAt: new Date().toISOString() })
  console.log(`prepared ${ROWS} cached rows in ${dataDir}`)

  const toCore: number[] = []
  const toRows: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now()
    let coreReady = 0
    const app = await startHostApp({
      dataDir,
      env: 'custom',
      apiBase: API_BASE,
      keychain: createMemorySecretStore(),
      beforeOpen: async () => {
        coreReady = performance.now()
      }
    })
    await app.page.getByRole('row').nth(1).waitFor({ timeout: 120_000 })
    const t1 = performance.now()
    toCore.push(coreReady - t0)
    toRows.push(t1 - t0)
    console.log(`run ${run + 1}: core ready ${(coreReady - t0).toFixed(0)} ms, first rows ${(t1 - t0).toFixed(0)} ms`)
    await app.close()
  }
  console.log(`median over ${RUNS} runs: main core ready ${median(toCore).toFixed(0)} ms, launch → first rows ${median(toRows).toFixed(0)} ms (${ROWS} cached rows)`)
  rmSync(dataDir, { recursive: true, force: true })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
