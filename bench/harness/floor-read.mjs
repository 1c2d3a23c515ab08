/**
 * Floor of a cold open: read every file under a cache dir and JSON.parse it — `*.json` whole,
 * `*.jsonl` line by line (an append journal), anything else read only. Plain Node, no app code:
 * the least work any design must do to have the same bytes in memory as objects.
 * Usage: node floor-read.mjs <cacheDir> [--keyed]   (prints rows seen / files / bytes as JSON)
 *
 * `--keyed`: also what any cache that can find a row must add — one Map entry per row from its
 * key (the app's `id:<transactionId>`) to the row, and one per pay_id (a payment and its refund
 * entries share it). Not the floor the bench's target is set against; it shows how much of the
 * distance to that floor two plain maps alone take.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) throw new Error('usage: floor-read.mjs <cacheDir>')
let files = 0
let bytes = 0
let values = 0
const keep = [] // hold the parsed objects like an app would (no early GC of what it parsed)
const keyed = process.argv.includes('--keyed')
const byKey = new Map()
const byPayId = new Map()

/** A month file's rows (arrays in the cache's column order: 0 = pay_id, 1 = transactionId). */
function mapRows(doc) {
  if (!keyed || !Array.isArray(doc?.rows)) return
  for (const row of doc.rows) {
    byKey.set(row[1] !== null ? `id:${row[1]}` : `k:${row[0]}|${row[16]}|${row[4]}|${row[11]}`, row)
    const group = byPayId.get(row[0])
    if (group === undefined) byPayId.set(row[0], row)
    else if (Array.isArray(group)) group.push(row)
    else byPayId.set(row[0], [group, row])
  }
}

function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name)
    if (statSync(p).isDirectory()) {
      walk(p)
      continue
    }
    const text = readFileSync(p, 'utf8')
    files++
    bytes += Buffer.byteLength(text)
    if (name.endsWith('.jsonl')) {
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue
        keep.push(JSON.parse(line))
        values++
      }
    } else if (name.endsWith('.json')) {
      const doc = JSON.parse(text)
      keep.push(doc)
      mapRows(doc)
      values++
    }
  }
}
walk(dir)
process.stdout.write(JSON.stringify({ files, bytes, values, kept: keep.length, keyed: byKey.size }) + '\n')
