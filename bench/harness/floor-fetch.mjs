/**
 * Floor of a sync: the same HTTP requests the app made (replayed from the simulator's request
 * log), sent one after another with plain fetch, each reply read and JSON.parse'd — nothing
 * validated, nothing stored. Reports the loop's wall time and this process's CPU during it.
 * Usage: node floor-fetch.mjs <requests.json> [--keep | --store <dir>]  where the file is { baseUrl, apiKey, requests: [{ path, encoding, params }] }
 * `--keep`: every page's parsed rows are held until the end, as a cache holding its rows must (the
 * plain floor lets each page go, so the garbage collector never copies them); not the floor the
 * bench's target is set against, it shows how much of the distance to it holding the rows takes.
 * `--store <dir>`: what any sync that keeps its rows browsable and cached must do beyond that, done
 * the plainest way: each row as an array of its 17 values (unvalidated, amounts left as text), one
 * map by row key and one by pay_id, and at the end every month written as one JSON file (in pieces,
 * not escaped, no fsync). Not a floor the target is set against either: it shows what of the
 * distance the required work takes.
 * (the key comes from a file, never argv, so it does not show in a process list)
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'))
const keep = process.argv.includes('--keep')
const storeAt = process.argv.indexOf('--store')
const storeDir = storeAt > 0 ? process.argv[storeAt + 1] : null
const kept = []
const byKey = new Map()
const byPayId = new Map()
function store(list) {
  for (const r of list) {
    const cells = [
      r.pay_id, r.transaction_id, r.creator_id, r.user_id, r.amount, r.net_amount, r.service_fee, r.service_fee_psp, r.status,
      r.recipient_note, r.payout_status, r.created_at, r.is_split_link, r.is_dispute, r.is_refund, r.payment_method, r.transaction_type
    ]
    byKey.set(r.transaction_id ?? `${r.pay_id}|${r.transaction_type}|${r.amount}|${r.created_at}`, cells)
    const group = byPayId.get(r.pay_id)
    if (group === undefined) byPayId.set(r.pay_id, cells)
    else if (Array.isArray(group[0])) group.push(cells)
    else byPayId.set(r.pay_id, [group, cells])
  }
}
function writeMonths() {
  const months = new Map()
  for (const cells of byKey.values()) {
    const month = String(cells[11]).slice(0, 7)
    const list = months.get(month)
    if (list === undefined) months.set(month, [cells])
    else list.push(cells)
  }
  mkdirSync(storeDir, { recursive: true })
  // In pieces: one JSON.stringify of a whole month makes a multi-MB string that costs more to
  // encode and write than the month's pieces do (measured: 0.35 against 0.25 s for 200k rows).
  for (const [month, rows] of months) {
    const fd = openSync(join(storeDir, `${month}.json`), 'w')
    writeSync(fd, `{"month":"${month}","rows":[`)
    for (let at = 0; at < rows.length; at += 128) writeSync(fd, (at > 0 ? ',' : '') + JSON.stringify(rows.slice(at, at + 128)).slice(1, -1))
    writeSync(fd, ']}')
    closeSync(fd)
  }
}
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
    if (storeDir !== null) store(list)
  }
}
if (storeDir !== null) writeMonths()
const wallMs = performance.now() - t0
const cpu = process.cpuUsage(cpu0)
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, requests: spec.requests.length, rows, statuses, kept: kept.length }) + '\n')
