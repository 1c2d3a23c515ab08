// Transport edge cases that the simulator cannot produce (redirects, echoed keys, refused
// connections). The fetch is a stand-in for the network only; all our code runs for real.
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  InvalidInputError,
  NetworkError,
  ProtocolError,
  ServerError,
  createSecpaidClient,
  createRateLimiter,
  createTransport,
  refundOutcomeUnknown,
  toSafeJSON
} from '../../src/main/services/secpaid'

const KEY = 'unit-KEY-3f9a8b7c6d5e4f3a2b1c'
const BASE = 'https://app.dev.secpaid.com/api/v2/'
const OK = { ResponseCode: 1, ResponseMsg: 'ok', Result: 'True', ServerTime: 'CEST' }

function reply(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 || (status >= 300 && status < 400) ? null : body, { status, headers })
}

describe('transport', () => {
  it('sends POST with token, Accept, User-Agent and a form body to prefix + endpoint only', async () => {
    const seen: Request[] = []
    const bodies: string[] = []
    const client = createSecpaidClient({
      baseUrl: BASE,
      apiKey: KEY,
      appVersion: '1.2.3',
      limiter: createRateLimiter({ maxPerWindow: null }),
      fetch: async (input) => {
        seen.push(input as Request)
        bodies.push(await (input as Request).text())
        return reply(200, JSON.stringify(OK))
      }
    })
    await client.refundPayment({ payId: '42011', amount: 2500, isFullRefund: false })
    await client.refundPayment({ payId: '12345', amount: 4999, isFullRefund: true })
    const [partial, full] = seen
    expect(partial?.url).toBe('https://app.dev.secpaid.com/api/v2/refundPayment')
    expect(partial?.method).toBe('POST')
    expect(partial?.headers.get('token')).toBe(KEY)
    expect(partial?.headers.get('accept')).toBe('application/json')
    expect(partial?.headers.get('user-agent')).toBe('SecPaidDesk/1.2.3')
    expect(partial?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/)
    expect(partial?.headers.get('authorization')).toBeNull()
    expect(partial?.redirect).toBe('manual')
    expect(full?.url).toBe('https://app.dev.secpaid.com/api/v2/refundPayment')
    expect(bodies).toEqual(['pay_id=42011&refund_amount=25.00', 'pay_id=12345&refund_amount=49.99&isFullRefund=true'])
  })

  it('sends JSON when asked', async () => {
    let body = ''
    let type = ''
    const client = createSecpaidClient({
      baseUrl: BASE,
      apiKey: KEY,
      bodyEncoding: 'json',
      limiter: createRateLimiter({ maxPerWindow: null }),
      fetch: async (input) => {
        const req = input as Request
        type = req.headers.get('content-type') ?? ''
        body = await req.text()
        return reply(200, JSON.stringify(OK))
      }
    })
    await client.refundPayment({ payId: '12345', amount: 4999, isFullRefund: true })
    expect(type).toMatch(/^application\/json/)
    expect(JSON.parse(body)).toEqual({ pay_id: '12345', refund_amount: '49.99', isFullRefund: true })
  })

  it('never follows a redirect (the token header would go along)', async () => {
    const t = createTransport({
      baseUrl: BASE,
      apiKey: KEY,
      fetch: async () => reply(307, '', { location: 'https://evil.example/steal' })
    })
    await expect(t.post('getPayInTransactions', {})).rejects.toBeInstanceOf(ProtocolError)
  })

  it('redacts a key the server echoes back', async () => {
    const t = createTransport({
      baseUrl: BASE,
      apiKey: KEY,
      fetch: async () => reply(502, `<html>bad gateway for token ${KEY} ${encodeURIComponent(KEY)}</html>`)
    })
    const err = await t.post('getPayInTransactions', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServerError)
    const dump = JSON.stringify(toSafeJSON(err)) + String((err as Error).stack) + JSON.stringify(err)
    expect(dump).not.toContain(KEY)
    expect((err as ServerError).excerpt).toContain('[REDACTED]')
  })

  it('redacts a key echoed in a business error message', async () => {
    const t = createTransport({
      baseUrl: BASE,
      apiKey: KEY,
      fetch: async () => reply(200, JSON.stringify({ ResponseCode: 0, Result: 'False', ResponseMsg: `Unknown key ${KEY}` }))
    })
    const err = await t.post('getPayInTransactions', {}).catch((e: unknown) => e)
    expect(String((err as Error).stack) + JSON.stringify(err)).not.toContain(KEY)
  })

  it('refuses an API key that is not a valid header value, without echoing it', () => {
    const bad = 'abc\ndef-SECRET'
    let err: unknown
    try {
      createTransport({ baseUrl: BASE, apiKey: bad })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InvalidInputError)
    expect(String((err as Error).stack)).not.toContain('SECRET')
  })

  it('refuses endpoint names that are not bare names', async () => {
    const t = createTransport({ baseUrl: BASE, apiKey: KEY, fetch: async () => reply(200, JSON.stringify(OK)) })
    const post = t.post as (e: string, p: Record<string, string>) => Promise<unknown>
    await expect(post('https://evil.example/x', {})).rejects.toBeInstanceOf(InvalidInputError)
    await expect(post('../v1/getPayInTransactions', {})).rejects.toBeInstanceOf(InvalidInputError)
  })

  it('a refused connection is a NetworkError that never reached the server', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer()
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port
        srv.close(() => resolve(p))
      })
    })
    const client = createSecpaidClient({
      baseUrl: `http://127.0.0.1:${port}/api/v2/`,
      apiKey: KEY,
      limiter: createRateLimiter({ maxPerWindow: null })
    })
    const err = await client.refundPayment({ payId: '1', amount: 100, isFullRefund: false }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ timedOut: false, mayHaveReachedServer: false, causeCode: 'ECONNREFUSED' })
    expect(refundOutcomeUnknown(err)).toBe(false)
  })

  it('validates input before sending anything', async () => {
    let calls = 0
    const client = createSecpaidClient({
      baseUrl: BASE,
      apiKey: KEY,
      fetch: async () => {
        calls++
        return reply(200, JSON.stringify(OK))
      }
    })
    const bad: Array<Promise<unknown>> = [
      client.getPayInTransactions({ limit: 1001 }),
      client.getPayInTransactions({ limit: 0 }),
      client.getPayInTransactions({ page: 0 }),
      client.getPayInTransactions({ since: 0 }),
      client.getPayInTransactions({ date: '2026-02-30' }),
      client.getPayInTransactions({ date: '20.05.2026' }),
      client.getPayInTransactions({ payId: '12a' }),
      client.getPayOutTransactions({ startDate: '2026-05-02', endDate: '2026-05-01' }),
      client.refundPayment({ payId: '1', amount: 0, isFullRefund: false }),
      client.refundPayment({ payId: '1', amount: -5, isFullRefund: false }),
      client.refundPayment({ payId: '1', amount: 10.5, isFullRefund: false }),
      client.refundPayment({ payId: '', amount: 100, isFullRefund: false }),
      client.refundPayment({ payId: 'https://x', amount: 100, isFullRefund: false })
    ]
    for (const p of bad) await expect(p).rejects.toBeInstanceOf(InvalidInputError)
    expect(calls).toBe(0)
  })
})
