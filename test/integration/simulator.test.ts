/**
 * SecPaid simulator over real HTTP: envelope, wire shapes, encodings, filters, pagination,
 * determinism, auth, routing, payouts, CLI. Refunds and faults have their own files.
 */
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'

const NOW = new Date('2026-05-20T16:56:08Z') // 18:56:08 CEST
const AMOUNT = /^-?\d+\.\d{2}$/
const ROW_KEYS = [
  'pay_id', 'creator_id', 'user_id', 'transaction_id', 'amount', 'net_amount', 'service_fee', 'service_fee_psp', 'status',
  'recipient_note', 'payout_status', 'created_at', 'is_split_link', 'is_dispute', 'is_refund', 'payment_method', 'transaction_type'
]

type Json = Record<string, unknown> & { data?: unknown }
type Row = Record<string, string | null>

async function post(sim: RunningSimulator, path: string, params: Record<string, string> = {}, opts: { encoding?: 'form' | 'json' | 'multipart'; token?: string | null } = {}) {
  const headers: Record<string, string> = {}
  const token = opts.token === undefined ? sim.apiKey : opts.token
  if (token !== null) headers['token'] = token
  let body: string | FormData
  if (opts.encoding === 'json') {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(params)
  } else if (opts.encoding === 'multipart') {
    body = new FormData()
    for (const [k, v] of Object.entries(params)) body.append(k, v)
  } else {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(params).toString()
  }
  const res = await fetch(sim.baseUrl + path, { method: 'POST', headers, body })
  return { status: res.status, headers: res.headers, json: (await res.json()) as Json }
}
const rowsOf = (j: Json): Row[] => j.data as Row[]

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ rows: 5000, now: () => NOW, rateLimitPerMinute: null })
})
afterAll(() => sim.close())

describe('getPayInTransactions envelope and wire shape (envelope, rows)', () => {
  it('answers the documented envelope with string amounts and string booleans', async () => {
    const { status, json } = await post(sim, 'getPayInTransactions')
    expect(status).toBe(200)
    expect(json).toMatchObject({ ResponseCode: 1, ResponseMsg: 'List retrived successfully', Result: 'True', ServerTime: 'CEST', totalRecords: 5000 })
    expect(Object.keys(json).slice(-4)).toEqual(['ResponseCode', 'ResponseMsg', 'Result', 'ServerTime'])
    expect(json['expected_payout']).toMatch(AMOUNT)
    const rows = rowsOf(json)
    expect(rows).toHaveLength(200) // default limit
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(ROW_KEYS)
      for (const k of ['amount', 'net_amount', 'service_fee', 'service_fee_psp']) expect(row[k]).toMatch(AMOUNT)
      for (const k of ['is_split_link', 'is_dispute', 'is_refund']) expect(['true', 'false']).toContain(row[k])
      expect(row['pay_id']).toMatch(/^\d+$/)
      expect(row['created_at']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
      const day = (row['created_at'] ?? '').slice(0, 10).replaceAll('-', '')
      expect(row['transaction_id']).toMatch(new RegExp(`^${day}-pi-[A-Za-z0-9]{10}$`))
      expect(row['payment_method'] === null || typeof row['payment_method'] === 'string').toBe(true)
      expect(row['created_at']! < '2026-05-20 18:56:08').toBe(true)
    }
  })

  it('net = amount − fees on payments; entries are negative with zero fees and the same pay_id', async () => {
    const { json } = await post(sim, 'getPayInTransactions', { limit: '1000' })
    const cents = (s: string | null | undefined): number => Math.round(Number(s) * 100)
    const rows = rowsOf(json)
    for (const r of rows.filter((r) => ['Basic', 'Split', 'Personal QR'].includes(r['transaction_type'] ?? ''))) {
      expect(cents(r['net_amount'])).toBe(cents(r['amount']) - cents(r['service_fee']) - cents(r['service_fee_psp']))
    }
    const refunds = rows.filter((r) => r['transaction_type'] === 'Refund')
    expect(refunds.length).toBeGreaterThan(0)
    for (const r of refunds) {
      expect(r).toMatchObject({ is_refund: 'true', payment_method: 'N/A', service_fee: '0.00', service_fee_psp: '0.00' })
      expect(r['amount']!.startsWith('-')).toBe(true)
      expect(r['net_amount']).toBe(r['amount'])
    }
  })

  it('uses CET in winter', async () => {
    const winter = await startSimulator({ rows: 50, now: () => new Date('2026-01-15T10:00:00Z'), rateLimitPerMinute: null })
    try {
      expect((await post(winter, 'getPayInTransactions')).json['ServerTime']).toBe('CET')
    } finally {
      await winter.close()
    }
  })
})

describe('request encodings (all three the docs show)', () => {
  it('form, JSON and multipart give the same page', async () => {
    const params = { limit: '7', page: '2', search: 'bestellung' }
    const form = await post(sim, 'getPayInTransactions', params)
    const json = await post(sim, 'getPayInTransactions', params, { encoding: 'json' })
    const multi = await post(sim, 'getPayInTransactions', params, { encoding: 'multipart' })
    expect(rowsOf(form.json)).toHaveLength(7)
    expect(json.json).toEqual(form.json)
    expect(multi.json).toEqual(form.json)
    const log = sim.admin.requestLog({ path: 'getPayInTransactions' }).slice(-3).map((e) => e.encoding)
    expect(log).toEqual(['form', 'json', 'multipart'])
  })

  it('accepts JSON numbers and a curl-style body without Content-Type', async () => {
    const res = await fetch(sim.baseUrl + 'getPayInTransactions', {
      method: 'POST',
      headers: { token: sim.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ limit: 3, page: 1 })
    })
    expect(((await res.json()) as Json).data).toHaveLength(3)
    const raw = await fetch(sim.baseUrl + 'getPayInTransactions', { method: 'POST', headers: { token: sim.apiKey }, body: 'limit=4' })
    expect(((await raw.json()) as Json).data).toHaveLength(4)
  })

  it('parses a hand-written multipart body like the old docs example (--form limit="10000")', async () => {
    const b = 'XyZb0undary'
    const body = `--${b}\r\nContent-Disposition: form-data; name="limit"\r\n\r\n10000\r\n--${b}\r\nContent-Disposition: form-data; name="since"\r\n\r\n20\r\n--${b}--\r\n`
    const res = await fetch(sim.baseUrl + 'getPayInTransactions', {
      method: 'POST',
      headers: { token: sim.apiKey, 'Content-Type': `multipart/form-data; boundary=${b}` },
      body
    })
    const json = (await res.json()) as Json
    expect(json['ResponseCode']).toBe(1)
    expect((json.data as Row[]).length).toBe(Math.min(1000, json['totalRecords'] as number))
  })
})

describe('pagination, sort and filters (getPayInTransactions)', () => {
  it('pages are disjoint, newest first with a stable order, and limit is clamped to 1000', async () => {
    const p1 = rowsOf((await post(sim, 'getPayInTransactions', { limit: '100', page: '1' })).json)
    const p2 = rowsOf((await post(sim, 'getPayInTransactions', { limit: '100', page: '2' })).json)
    const both = rowsOf((await post(sim, 'getPayInTransactions', { limit: '200', page: '1' })).json)
    expect([...p1, ...p2]).toEqual(both)
    const ids = new Set(both.map((r) => r['transaction_id']))
    expect(ids.size).toBe(200)
    for (let i = 1; i < both.length; i++) expect(both[i - 1]!['created_at']! >= both[i]!['created_at']!).toBe(true)
    const clamped = await post(sim, 'getPayInTransactions', { limit: '5000' })
    expect(rowsOf(clamped.json)).toHaveLength(1000)
    expect(clamped.json['totalRecords']).toBe(5000)
    const beyond = await post(sim, 'getPayInTransactions', { limit: '1000', page: '6' })
    expect(rowsOf(beyond.json)).toEqual([])
    expect(beyond.json['totalRecords']).toBe(5000)
  })

  it('since=N keeps Berlin days today−N … today; since=0 means no restriction', async () => {
    const r = await post(sim, 'getPayInTransactions', { since: '7', limit: '1000' })
    const rows = rowsOf(r.json)
    expect(rows.length).toBeGreaterThan(0)
    expect(r.json['totalRecords']).toBeLessThan(5000)
    for (const row of rows) expect(row['created_at']! >= '2026-05-13').toBe(true)
    const all = await post(sim, 'getPayInTransactions', { since: '0' })
    expect(all.json['totalRecords']).toBe(5000)
    expect((await post(sim, 'getPayInTransactions', { since: 'abc' })).json['ResponseCode']).toBe(0)
  })

  it('date keeps one Berlin day; a malformed date is an error reply', async () => {
    const first = rowsOf((await post(sim, 'getPayInTransactions', { limit: '50' })).json)[20]!
    const day = first['created_at']!.slice(0, 10)
    const r = await post(sim, 'getPayInTransactions', { date: day, limit: '1000' })
    expect(rowsOf(r.json).length).toBe(r.json['totalRecords'])
    for (const row of rowsOf(r.json)) expect(row['created_at']!.startsWith(day)).toBe(true)
    const bad = await post(sim, 'getPayInTransactions', { date: '2026-02-30' })
    expect(bad.json).toMatchObject({ ResponseCode: 0, Result: 'False' })
  })

  it('search is a case-insensitive substring on note, amount, transaction_id and payment_method', async () => {
    const rows = rowsOf((await post(sim, 'getPayInTransactions', { limit: '300' })).json)
    const berger = rowsOf((await post(sim, 'getPayInTransactions', { search: 'BERGER', limit: '1000' })).json)
    expect(berger.length).toBeGreaterThan(0)
    for (const r of berger) expect(JSON.stringify(r).toLowerCase()).toContain('berger')
    const target = rows[123]!
    const byId = rowsOf((await post(sim, 'getPayInTransactions', { search: target['transaction_id']!.toLowerCase() })).json)
    expect(byId.map((r) => r['transaction_id'])).toEqual([target['transaction_id']])
    const byAmount = rowsOf((await post(sim, 'getPayInTransactions', { search: target['amount']!, limit: '1000' })).json)
    expect(byAmount.map((r) => r['transaction_id'])).toContain(target['transaction_id'])
    const paypal = await post(sim, 'getPayInTransactions', { search: 'PayPal', limit: '1000' })
    expect(rowsOf(paypal.json).every((r) => r['payment_method'] === 'paypal' || JSON.stringify(r).toLowerCase().includes('paypal'))).toBe(true)
  })

  it('pay_id returns the payment and its entries; filters AND-combine', async () => {
    const [refunded] = sim.admin.payments({ kind: 'refunded-partial', limit: 1 })
    const r = rowsOf((await post(sim, 'getPayInTransactions', { pay_id: refunded!.payId })).json)
    expect(r.map((x) => x['transaction_type']).sort()).toEqual([refunded!.transactionType, 'Refund'].sort())
    expect(new Set(r.map((x) => x['pay_id']))).toEqual(new Set([refunded!.payId]))
    const day = refunded!.createdAt.slice(0, 10)
    const combined = rowsOf((await post(sim, 'getPayInTransactions', { pay_id: refunded!.payId, date: day })).json)
    expect(combined.every((x) => x['created_at']!.startsWith(day))).toBe(true)
    expect(rowsOf((await post(sim, 'getPayInTransactions', { pay_id: '999999999' })).json)).toEqual([])
  })
})

describe('determinism', () => {
  it('same seed and clock → same data; another seed → different data', async () => {
    const a = await startSimulator({ rows: 2000, seed: 7, now: () => NOW, rateLimitPerMinute: null })
    const b = await startSimulator({ rows: 2000, seed: 7, now: () => NOW, rateLimitPerMinute: null })
    const c = await startSimulator({ rows: 2000, seed: 8, now: () => NOW, rateLimitPerMinute: null })
    try {
      expect(a.apiKey).toBe(b.apiKey)
      expect(a.apiKey).toMatch(/^sim_[0-9a-f]{32}$/)
      const pa = (await post(a, 'getPayInTransactions', { limit: '1000', page: '2' })).json
      const pb = (await post(b, 'getPayInTransactions', { limit: '1000', page: '2' })).json
      const pc = (await post(c, 'getPayInTransactions', { limit: '1000', page: '2' })).json
      expect(pa).toEqual(pb)
      expect(pc).not.toEqual(pa)
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })
})

describe('auth and routing (authentication)', () => {
  it('missing token → "Please enter token", wrong → "Incorrect token or missing token", HTTP 200', async () => {
    const missing = await post(sim, 'getPayInTransactions', {}, { token: null })
    expect(missing.status).toBe(200)
    expect(missing.json).toEqual({ ResponseCode: 0, ResponseMsg: 'Please enter token', Result: 'False', ServerTime: 'CEST' })
    const wrong = await post(sim, 'refundPayment', { pay_id: '1', refund_amount: '1.00' }, { token: 'sim_wrong' })
    expect(wrong.json).toMatchObject({ ResponseCode: 0, ResponseMsg: 'Incorrect token or missing token', Result: 'False' })
  })

  it('unknown endpoint → 404 envelope; non-POST → 405', async () => {
    const nf = await post(sim, 'getSomethingElse')
    expect(nf.status).toBe(404)
    expect(nf.json).toMatchObject({ ResponseCode: 0, Result: 'False' })
    expect((await post(sim, 'constructor')).status).toBe(404)
    const get = await fetch(sim.baseUrl + 'getPayInTransactions', { headers: { token: sim.apiKey } })
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
  })
})

describe('getPayOutTransactions', () => {
  it('one payout per Berlin day, numbers where the doc has numbers, filters', async () => {
    const { json } = await post(sim, 'getPayOutTransactions')
    const rows = json.data as Array<Record<string, unknown>>
    expect(rows).toHaveLength(10)
    expect(json).toMatchObject({ ResponseCode: 1, Result: 'True', ServerTime: 'CEST' })
    for (const p of rows) {
      expect(typeof p['service_fee']).toBe('number')
      expect(typeof p['net_amount']).toBe('number')
      expect(p['payout_amount']).toMatch(AMOUNT)
      expect(p['transaction_id']).toMatch(new RegExp(`^${String(p['request_date']).replaceAll('-', '')}-po-[A-Za-z0-9]{10}$`))
      const gross = Math.round(Number(p['payout_amount']) * 100)
      expect(Math.round((p['service_fee'] as number) * 100) + Math.round((p['net_amount'] as number) * 100)).toBe(gross)
      expect(p['payout_status']).toBe(String(p['request_date']) < '2026-05-17' ? 'Approved' : 'InProgress')
    }
    expect(rows[0]!['request_date']).toBe('2026-05-19')
    const days = rows.map((p) => p['request_date'])
    expect(new Set(days).size).toBe(days.length)
    const ranged = await post(sim, 'getPayOutTransactions', { start_date: '2026-03-01', end_date: '2026-03-31', limit: '1000' })
    const march = ranged.json.data as Array<Record<string, unknown>>
    expect(march.length).toBeGreaterThan(20)
    expect(march.every((p) => String(p['request_date']).startsWith('2026-03'))).toBe(true)
    const tid = String(march[3]!['transaction_id'])
    const found = await post(sim, 'getPayOutTransactions', { search: tid.toUpperCase() })
    expect((found.json.data as unknown[]).length).toBe(1)
  })
})

describe('CLI', () => {
  it('prints base URL, control URL and key, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/simulator/cli.ts', '--port', '0', '--rows', '300', '--seed', '5', '--quiet'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 20_000)
      child.stdout.on('data', () => {
        if (/API key:/.test(out)) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    const baseUrl = /Base URL:\s+(\S+)/.exec(out)?.[1] ?? ''
    const key = /API key:\s+(\S+)/.exec(out)?.[1] ?? ''
    expect(/Control URL:\s+http:\/\/127\.0\.0\.1:\d+\/__control\//.test(out)).toBe(true)
    // The per-run control token is printed for curl and other processes' control clients.
    expect(/Control token:\s+[0-9a-f]{64}\n/.test(out)).toBe(true)
    const res = await fetch(baseUrl + 'getPayInTransactions', {
      method: 'POST',
      headers: { token: key, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'limit=2'
    })
    expect(((await res.json()) as Json)['totalRecords']).toBe(300)
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', resolve)
      child.kill('SIGTERM')
    })
    expect(code).toBe(0)
  })
})
