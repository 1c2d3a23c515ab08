/**
 * Transaction cache benchmark: `npx tsx bench/cache-bench.ts [rows] [--non-ascii]`.
 * Median of 5 runs for: full write (replaceAll), cold load (new instance + loadAll) against its
 * floor (reading + JSON.parse of the same files: *.json whole, *.jsonl line by line), one-row
 * upsert (changed row: one journal line + meta), bytes written by a 10-new-row upsert, plus
 * on-disk size.
 *
 * `--non-ascii`: every note gets characters beyond Latin-1 (an en dash and an umlaut, as real
 * notes have), and the same months are also timed as raw UTF-8 files (what the cache wrote before
 * its files were pure ASCII): floor and load of both, so the gain of the ASCII files is measured
 * against the floor of each.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openTransactionCache } from '../src/main/services/storage/transaction-cache'
import { syntheticRows } from './cache-synthetic-rows'

const args = process.argv.slice(2)
const NON_ASCII = args.includes('--non-ascii')
const COUNT = Number(args.find((a) => !a.startsWith('--')) ?? 200_000)
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

/** Reading + parsing the cache's files, nothing else: what a cold load cannot go below. */
function readFloor(dir: string): number {
  return time(() => {
    for (const f of fs.readdirSync(dir)) {
      const file = path.join(dir, f)
      if (f.endsWith('.json')) JSON.parse(fs.readFileSync(file, 'utf8'))
      else if (f.endsWith('.jsonl')) for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line !== '') JSON.parse(line)
    }
  })
}

const NAMES = ['Müller', 'Schröder', 'Özdemir', 'Weiß', 'Jäger']
const rows = NON_ASCII ? syntheticRows(COUNT).map((r, i) => ({ ...r, recipientNote: `${r.recipientNote} – ${NAMES[i % NAMES.length] ?? ''}` })) : syntheticRows(COUNT)

/** A copy of `dir` with every month file as raw UTF-8 JSON (same values; what earlier versions wrote). */
function utf8Twin(dir: string): string {
  const twin = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-bench-utf8-'))
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8')
    const out = f.endsWith('.jsonl')
      ? text.split('\n').map((line) => (line === '' ? '' : JSON.stringify(JSON.parse(line)))).join('\n')
      : f.startsWith('tx-')
        ? JSON.stringify(JSON.parse(text))
        : text
    fs.writeFileSync(path.join(twin, f), out)
  }
  return twin
}
const utf8Load: number[] = []
const utf8Floor: number[] = []
const write: number[] = []
const load: number[] = []
const floor: number[] = []
const upsert: number[] = []
const written10: number[] = []
let size = 0
let shards = 0
for (let run = 0; run < RUNS; run++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-bench-'))
  const cache = openTransactionCache({ dir })
  write.push(time(() => cache.replaceAll(rows)))
  size = dirSize(dir)
  shards = cache.monthsPresent().length
  let loaded = 0
  floor.push(readFloor(dir))
  load.push(time(() => (loaded = openTransactionCache({ dir }).loadAll().rows.length)))
  if (loaded !== COUNT) throw new Error(`loaded ${loaded} of ${COUNT}`)
  if (NON_ASCII) {
    const twin = utf8Twin(dir)
    utf8Floor.push(readFloor(twin))
    utf8Load.push(time(() => (loaded = openTransactionCache({ dir: twin }).loadAll().rows.length)))
    if (loaded !== COUNT) throw new Error(`loaded ${loaded} of ${COUNT} (UTF-8 twin)`)
    fs.rmSync(twin, { recursive: true, force: true })
  }
  const target = rows[run * 1000] ?? rows[0]
  if (target === undefined) throw new Error('no rows')
  const changed = { ...target, payoutStatus: `bench-${run}` }
  let written: string[] = []
  upsert.push(time(() => (written = cache.upsertRows([changed]).monthsWritten)))
  if (written.length !== 1) throw new Error('one-row upsert must write exactly one month')
  const before = dirSize(dir)
  const newest = rows.filter((r) => r.createdAt.slice(0, 7) === written[0]).slice(0, 10)
  cache.upsertRows(newest.map((r, i) => ({ ...r, transactionId: `bench-${run}-${i}` })))
  // Files only grow by an append; a rewritten shard would show as (at least) its whole size.
  written10.push(dirSize(dir) - before)
  fs.rmSync(dir, { recursive: true, force: true })
}

const ms = (xs: number[]): string => `${median(xs).toFixed(1)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`
console.log(`rows: ${COUNT}, shards: ${shards}, node ${process.version}${NON_ASCII ? ', every note non-ASCII' : ''}`)
console.log(`full write (replaceAll): ${ms(write)}`)
console.log(`cold load (open + loadAll): ${ms(load)}; floor (read + parse): ${ms(floor)}; ratio ${(median(load) / median(floor)).toFixed(2)}`)
if (NON_ASCII) {
  console.log(`  same months as raw UTF-8: load ${ms(utf8Load)}; floor ${ms(utf8Floor)}; ratio ${(median(utf8Load) / median(utf8Floor)).toFixed(2)}`)
  console.log(`  ASCII vs UTF-8: load ${(median(load) / median(utf8Load)).toFixed(2)}×, floor ${(median(floor) / median(utf8Floor)).toFixed(2)}×`)
}
console.log(`one-row upsert:          ${ms(upsert)}`)
console.log(`10 new rows, bytes appended: ${median(written10)} (runs: ${written10.join(', ')})`)
console.log(`on-disk size: ${(size / 1024 / 1024).toFixed(2)} MiB (${size} bytes; ${(size / COUNT).toFixed(0)} B/row)`)
