/**
 * Fault injection, rate limit and the control side of the simulator (docs/architecture.md#testing).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_TOKEN_HEADER, createSimulatorControlClient, isLoopbackAddress, startSimulator, type RunningSimulator } from '../../src/main/simulator'

let clockMs = Date.parse('2026-05-20T16:56:08Z')
let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ rows: 2000, now: () => new Date(clockMs), rateLimitPerMinute: null })
})
afterEach(() => sim.admin.reset())
afterAll(() => sim.close())

async function call(path = 'getPayInTransactions', params: Record<string, string> = { limit: '2' }, init: { signal?: AbortSignal; token?: string } = {}) {
  return fetch(sim.baseUrl + path, {
    method: 'POST',
    headers: { token: init.token ?? sim.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
    ...(init.signal && { signal: init.signal })
  })
}

describe('faults', () => {
  it('latencyMs delays replies', async () => {
    sim.admin.setFaults({ latencyMs: 150 })
    const t = performance.now()
    expect((await call()).status).toBe(200)
    expect(performance.now() - t).toBeGreaterThanOrEqual(140)
  })

  it('errorRate answers 5xx with an HTML body, deterministically per seed', async () => {
    sim.admin.setFaults({ errorRate: 1 })
    const res = await call()
    expect([500, 502, 503]).toContain(res.status)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(await res.text()).toMatch(/<html>/)
    const statuses = async (s: RunningSimulator): Promise<number[]> => {
      s.admin.setFaults({ errorRate: 0.5 })
      const out: number[] = []
      for (let i = 0; i < 12; i++) {
        const r = await fetch(s.baseUrl + 'getPayInTransactions', { method: 'POST', headers: { token: s.apiKey }, body: 'limit=1' })
        out.push(r.status)
        await r.arrayBuffer()
      }
      return out
    }
    const a = await startSimulator({ rows: 10, seed: 3, rateLimitPerMinute: null })
    const b = await startSimulator({ rows: 10, seed: 3, rateLimitPerMinute: null })
    try {
      const sa = await statuses(a)
      expect(sa).toEqual(await statuses(b))
      expect(sa).toContain(200)
      expect(sa.some((s) => s >= 500)).toBe(true)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('force429 answers the next N requests with 429, envelope and Retry-After', async () => {
    sim.admin.setFaults({ force429: 2 })
    for (let i = 0; i < 2; i++) {
      const res = await call()
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBe('1')
      expect(await res.json()).toEqual({ ResponseCode: 0, ResponseMsg: 'Too Many Attempts.', Result: 'False' })
    }
    expect((await call()).status).toBe(200)
    expect(sim.admin.getFaults().force429).toBe(0)
  })

  it('malformedJson truncates the next N replies', async () => {
    sim.admin.setFaults({ malformedJson: 1 })
    const text = await (await call()).text()
    expect(() => JSON.parse(text)).toThrow()
    expect((await (await call()).json()) as object).toHaveProperty('ResponseCode', 1)
  })

  it('wrongShape sends valid JSON without the envelope', async () => {
    sim.admin.setFaults({ wrongShape: 1 })
    const body = (await (await call()).json()) as Record<string, unknown>
    expect(typeof body['data']).toBe('string')
    expect(body).not.toHaveProperty('ResponseCode')
  })

  it('authFailure rejects even the right key', async () => {
    sim.admin.setFaults({ authFailure: true })
    expect(await (await call()).json()).toMatchObject({ ResponseCode: 0, ResponseMsg: 'Incorrect token or missing token' })
  })

  it('dropAfterRefundCommit commits the request, then drops the connection', async () => {
    const [p] = sim.admin.payments({ kind: 'refundable', limit: 1 })
    sim.admin.setFaults({ dropAfterRefundCommit: 1 })
    await expect(call('refundPayment', { pay_id: p!.payId, refund_amount: '1.00' })).rejects.toThrow()
    expect(sim.admin.refundRequests('pending').filter((r) => r.payId === p!.payId)).toHaveLength(1)
    expect(sim.admin.requestLog({ path: 'refundPayment', payId: p!.payId }).at(-1)).toMatchObject({ fault: 'dropAfterRefundCommit', responseCode: 1 })
    const again = (await (await call('refundPayment', { pay_id: p!.payId, refund_amount: '1.00' })).json()) as Record<string, unknown>
    expect(again['ResponseMsg']).toBe('Refund already requested')
  })

  it('hangMs holds the reply long enough for a client timeout', async () => {
    sim.admin.setFaults({ hangMs: 2000 })
    await expect(call('getPayInTransactions', { limit: '1' }, { signal: AbortSignal.timeout(150) })).rejects.toThrow()
    sim.admin.setFaults({ hangMs: 0 })
    expect((await call()).status).toBe(200)
  })

  it('errorHttpStatus applies to business and auth errors only', async () => {
    sim.admin.setFaults({ errorHttpStatus: 400 })
    const bad = await call('refundPayment', {})
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ ResponseMsg: 'Please enter pay_id' })
    expect((await call('getPayInTransactions', {}, { token: 'nope' })).status).toBe(400)
    expect((await call()).status).toBe(200)
  })

  it('reset restores defaults; bad fault bodies are refused', async () => {
    const control = createSimulatorControlClient(sim.controlUrl)
    expect(await control.setFaults({ latencyMs: 5, omitRetryAfter: true })).toMatchObject({ latencyMs: 5, omitRetryAfter: true })
    await control.reset()
    expect(await control.getFaults()).toMatchObject({ latencyMs: 0, omitRetryAfter: false, rateLimitPerMinute: null, errorHttpStatus: null })
    await expect(control.setFaults({ errorRate: 2 })).rejects.toMatchObject({ status: 400 })
    const raw = await fetch(sim.controlUrl + 'faults', {
      method: 'POST',
      headers: { [CONTROL_TOKEN_HEADER]: sim.controlToken, 'Content-Type': 'application/json' },
      body: '{"nope": 1}'
    })
    expect(raw.status).toBe(400)
  })
})

describe('rate limit (60/min)', () => {
  it('sliding 60 s window per key → 429 with Retry-After, recovers as the clock moves', async () => {
    sim.admin.setFaults({ rateLimitPerMinute: 3 })
    for (let i = 0; i < 3; i++) {
      expect((await call()).status).toBe(200)
      clockMs += 10_000
    }
    const limited = await call()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('30')
    expect(await limited.json()).toEqual({ ResponseCode: 0, ResponseMsg: 'Too Many Attempts.', Result: 'False' })
    sim.admin.setFaults({ omitRetryAfter: true })
    expect((await call()).headers.get('retry-after')).toBeNull()
    clockMs += 31_000 // the first hit leaves the window
    expect((await call()).status).toBe(200)
    expect((await call()).status).toBe(429)
    // Another key has its own window.
    expect((await call('getPayInTransactions', {}, { token: 'other' })).status).toBe(200)
  })

  it('defaults to 60 per minute', async () => {
    const s = await startSimulator({ rows: 10, now: () => new Date(clockMs) })
    try {
      const codes: number[] = []
      for (let i = 0; i < 61; i++) {
        const r = await fetch(s.baseUrl + 'getPayInTransactions', { method: 'POST', headers: { token: s.apiKey }, body: '' })
        codes.push(r.status)
        await r.arrayBuffer()
      }
      expect(codes.filter((c) => c === 200)).toHaveLength(60)
      expect(codes.at(-1)).toBe(429)
    } finally {
      await s.close()
    }
  })
})

describe('control side', () => {
  it('adds a payment now, visible first in the list with since=1', async () => {
    const control = createSimulatorControlClient(sim.controlUrl)
    const before = await control.state()
    const row = await control.addPayment({ amount: '25.00', recipient_note: 'Bestellung #99999 – Test' })
    expect(row).toMatchObject({ amount: '25.00', recipient_note: 'Bestellung #99999 – Test', status: 'Success', payout_status: 'Pending' })
    expect(Number(row.pay_id)).toBeGreaterThan(Math.max(...sim.admin.payments({ limit: 5000 }).filter((p) => p.payId !== row.pay_id).map((p) => Number(p.payId))))
    const res = (await (await call('getPayInTransactions', { since: '1', limit: '1' })).json()) as { data: Array<{ pay_id: string }> }
    expect(res.data[0]!.pay_id).toBe(row.pay_id)
    expect((await control.state()).rows).toBe(before.rows + 1)
    await expect(control.addPayment({ amount: 'abc' })).rejects.toMatchObject({ status: 400 })
  })

  it('state, unknown routes, loopback predicate, loopback-only bind', async () => {
    const control = createSimulatorControlClient(sim.controlUrl)
    expect(await control.state()).toMatchObject({ serverTime: 'CEST', payments: expect.any(Number), pendingRefundRequests: expect.any(Number) })
    expect((await fetch(sim.controlUrl + 'nope', { headers: { [CONTROL_TOKEN_HEADER]: sim.controlToken } })).status).toBe(404)
    expect((await fetch(sim.controlUrl.replace('/__control/', '/elsewhere'))).status).toBe(404)
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.10']) expect(isLoopbackAddress(a)).toBe(true)
    for (const a of ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', '0.0.0.0', '', undefined]) expect(isLoopbackAddress(a)).toBe(false)
    await expect(startSimulator({ host: '0.0.0.0', rows: 1 })).rejects.toThrow(/loopback/)
  })
})
