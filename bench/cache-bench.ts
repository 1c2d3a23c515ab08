/**
 * Transaction cache benchmark: `npx tsx bench/cache-bench.ts [rows]`.
 * Median of 5 runs for: full write (replaceAll), cold load (new instance + loadAll),
 * one-row upsert (changed row, so one shard + meta are rewritten), plus on-disk size.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openTransactionCache } from '../src/main/services/storage/transaction-cache'
import { syntheticRows } from './cache-synthetic-rows'

const COUNT = Number(process.argv[2] ?? 200_000)
const RUNS = 5

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

function time(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

function dirSize(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0)
}

const rows = syntheticRows(COUNT)
const write: number[] = []
const load: number[] = []
const upsert: number[] = []
let size = 0
let shards = 0
for (let run = 0; run < RUNS; run++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-bench-'))
  const cache = openTransactionCache({ dir })
  write.push(time(() => cache.replaceAll(rows)))
  size = dirSize(dir)
  shards = cache.monthsPresent().length
  let loaded = 0
  load.push(time(() => (loaded = openTransactionCache({ dir }).loadAll().rows.length)))
  if (loaded !== COUNT) throw new Error(`loaded ${loaded} of ${COUNT}`)
  const target = rows[run * 1000] ?? rows[0]
  if (target === undefined) throw new Error('no rows')
  const changed = { ...target, payoutStatus: `bench-${run}` }
  let written: string[] = []
  upsert.push(time(() => (written = cache.upsertRows([changed]).monthsWritten)))
  if (written.length !== 1) throw new Error('one-row upsert must rewrite exactly one month')
  fs.rmSync(dir, { recursive: true, force: true })
}

const ms = (xs: number[]): string => `${median(xs).toFixed(1)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`
console.log(`rows: ${COUNT}, shards: ${shards}, node ${process.version}`)
console.log(`full write (replaceAll): ${ms(write)}`)
console.log(`cold load (open + loadAll): ${ms(load)}`)
console.log(`one-row upsert:          ${ms(upsert)}`)
console.log(`on-disk size: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes; ${(size / COUNT).toFixed(0)} B/row)`)
