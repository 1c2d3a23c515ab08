/**
 * Floor of a sync: the same HTTP requests the app made (replayed from the simulator's request
 * log), sent one after another with plain fetch, each reply read and JSON.parse'd — nothing
 * validated, nothing stored. Reports the loop's wall time and this process's CPU during it.
 * Usage: node floor-fetch.mjs <requests.json> [--keep]  where the file is { baseUrl, apiKey, requests: [{ path, encoding, params }] }
 * `--keep`: every page's parsed rows are held until the end, as a cache holding its rows must (the
 * plain floor lets each page go, so the garbage collector never copies them); not the floor the
 * bench's target is set against, it shows how much of the distance to it holding the rows takes.
 * (the key comes from a file, never argv, so it does not show in a process list)
 */
import { readFileSync } from 'node:fs'

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'))
const keep = process.argv.includes('--keep')
const kept = []
function body(r) {
  const entries = Object.entries(r.params).filter(([, v]) => v !== undefined && v !== null)
  if (r.encoding === 'json') return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries(entries)) }
  const form = new URLSearchParams()
  for (const [k, v] of entries) form.set(k, String(v))
  return { body: form }
}
const cpu0 = process.cpuUsage()
const t0 = performance.now()
let rows = 0
let statuses = {}
for (const r of spec.requests) {
  const b = body(r)
  const res = await fetch(spec.baseUrl + r.path, {
    method: r.method ?? 'POST',
    headers: { token: spec.apiKey, Accept: 'application/json', ...(b.headers ?? {}) },
    body: b.body
  })
  const parsed = JSON.parse(await res.text())
  statuses[res.status] = (statuses[res.status] ?? 0) + 1
  const list = parsed?.data?.rows ?? parsed?.rows ?? parsed?.data
  if (Array.isArray(list)) {
    rows += list.length
    if (keep) kept.push(list)
  }
}
const wallMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, requests: spec.requests.length, rows, statuses, kept: kept.length }) + '\n')
