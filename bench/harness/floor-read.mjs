/**
 * Floor of a cold open: read every file under a cache dir and JSON.parse it — `*.json` whole,
 * `*.jsonl` line by line (an append journal), anything else read only. Plain Node, no app code:
 * the least work any design must do to have the same bytes in memory as objects.
 * Usage: node floor-read.mjs <cacheDir>   (prints rows seen / files / bytes as JSON)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
if (!dir) throw new Error('usage: floor-read.mjs <cacheDir>')
let files = 0
let bytes = 0
let values = 0
const keep = [] // hold the parsed objects like an app would (no early GC of what it parsed)

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
      keep.push(JSON.parse(text))
      values++
    }
  }
}
walk(dir)
process.stdout.write(JSON.stringify({ files, bytes, values, kept: keep.length }) + '\n')
