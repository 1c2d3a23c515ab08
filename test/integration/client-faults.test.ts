// Error mapping, retries and secrecy of the SecPaid client against the simulator's fault
// injection (docs/architecture.md, "Rules the code keeps").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseApiAmount } from '../../src/shared/money'
import { createSimulatorControlClient, startSimulator, type RunningSimulator, type SimulatorControlClient } from '../../src/main/simulator'
import {
  AuthError,
  NetworkError,
  ProtocolError,
  RateLimited,
  ServerError,
  createRateLimiter,
  createSecpaidClient,
  refundOutcomeUnknown,
  toSafeJSON
} from '../../src/main/services/secpaid'
import { SIM_KEY, caught, makeClient } from './client-helpers'

let sim: RunningSimulator
let control: SimulatorControlClient
/** Every error any test produced, checked for the key at the end. */
const collected: unknown[] = []

async function expectError(p: Promise<unknown>): Promise<unknown> {
  const err = await caught(p)
  collected.push(err)
  return err
}

async function refundable(index: number): Promise<{ payId: string; cents: number }> {
  const list = await control.payments({ kind: 'refundable', limit: index + 1 })
  const p = list[index]
  if (!p) throw new Error('no refundable payment')
  return { payId: p.payId, cents: parseApiAmount(p.amount) }
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 11, rows: 300, apiKey: SIM_KEY, rateLimitPerMinute: null })
  control = createSimulatorControlClient(sim.controlUrl)
})
afterAll(async () => {
  await sim.close()
})
beforeEach(async () => {
  await control.reset()
  await control.setFaults({ rateLimitPerMinute: null })
  await control.clearRequestLog()
})

describe('auth', () => {
  it('a wrong key is an AuthError, not retried', async () => {
    const { client } = makeClient(sim.baseUrl, { apiKey: 'wrong-KEY-0000111122223333' })
    const err = await expectError(client.getPayInTransactions({ limit: 10 }))
    expect(err).toBeInstanceOf(AuthError)
    expect(err).toMatchObject({ rawMessage: 'Incorrect token or missing token' })
    expect(JSON.stringify(toSafeJSON(err)) + String((err as Error).stack)).not.toContain('wrong-KEY')
    expect(await control.requestLog()).toHaveLength(1)
  })

  it('authFailure with a 401 status is still an AuthError', async () => {
    await control.setFaults({ authFailure: true, errorHttpStatus: 401 })
    const { client } = makeClient(sim.baseUrl)
    expect(await expectError(client.getPayOutTransactions({}))).toBeInstanceOf(AuthError)
  })
})

describe('rate limiting (HTTP 429)', () => {
  it('force429 → retried after Retry-After and then succeeds', async () => {
    await control.setFaults({ force429: 1 })
    const { client, delays } = makeClient(sim.baseUrl)
    const page = await client.getPayInTransactions({ limit: 5 })
    expect(page.rows).toHaveLength(5)
    expect(delays).toEqual([1_000]) // the simulator's Retry-After: 1
    expect((await control.requestLog()).map((e) => e.httpStatus)).toEqual([429, 200])
  })

  it('persistent 429 → RateLimited with retryAfterMs after all attempts', async () => {
    await control.setFaults({ force429: 10, retryAfterSeconds: 7 })
    const { client, delays } = makeClient(sim.baseUrl)
    const err = await expectError(client.getPayInTransactions({ limit: 5 }))
    expect(err).toBeInstanceOf(RateLimited)
    expect(err).toMatchObject({ retryAfterMs: 7_000 })
    expect(delays).toEqual([7_000, 7_000])
    expect(await control.requestLog()).toHaveLength(3)
  })

  it('without Retry-After: retryAfterMs null and jittered exponential backoff', async () => {
    await control.setFaults({ force429: 10, omitRetryAfter: true })
    const { client, delays } = makeClient(sim.baseUrl, { retry: { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 } })
    const err = await expectError(client.getPayInTransactions({ limit: 5 }))
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: null })
    expect(delays).toEqual([500, 1_000, 2_000]) // random() = 0.5 × 1 s, 2 s, 4 s
  })

  it('refundPayment gets one attempt on 429 and is reported as not sent', async () => {
    await control.setFaults({ force429: 1 })
    const { client, delays } = makeClient(sim.baseUrl)
    const { payId } = await refundable(0)
    const err = await expectError(client.refundPayment({ payId, amount: 100, isFullRefund: false }))
    expect(err).toBeInstanceOf(RateLimited)
    expect(refundOutcomeUnknown(err)).toBe(false)
    expect(delays).toEqual([])
    expect(await control.requestLog({ path: 'refundPayment' })).toHaveLength(1)
  })
})

describe('server and protocol errors', () => {
  it('5xx then success: a list call is retried', async () => {
    await control.setFaults({ errorRate: 1 })
    const { client, delays } = makeClient(sim.baseUrl, {
      // The first backoff "sleep" heals the server, like an outage ending.
      sleep: async (ms) => {
        delays.push(ms)
        await control.setFaults({ errorRate: 0 })
      }
    })
    const page = await client.getPayOutTransactions({ limit: 3 })
    expect(page.rows.length).toBeGreaterThan(0)
    const log = await control.requestLog()
    expect(log.map((e) => e.httpStatus >= 500)).toEqual([true, false])
    expect(delays).toHaveLength(1)
  })

  it('persistent 5xx → ServerError with the status', async () => {
    await control.setFaults({ errorRate: 1 })
    const { client } = makeClient(sim.baseUrl, { retry: { attempts: 2 } })
    const err = await expectError(client.getPayInTransactions({}))
    expect(err).toBeInstanceOf(ServerError)
    expect([500, 502, 503]).toContain((err as ServerError).status)
    expect(await control.requestLog()).toHaveLength(2)
  })

  it('refundPayment on 5xx: one attempt, outcome unknown', async () => {
    await control.setFaults({ errorRate: 1 })
    const { client } = makeClient(sim.baseUrl)
    const { payId } = await refundable(1)
    const err = await expectError(client.refundPayment({ payId, amount: 100, isFullRefund: false }))
    expect(err).toBeInstanceOf(ServerError)
    expect(refundOutcomeUnknown(err)).toBe(true)
    expect(await control.requestLog({ path: 'refundPayment' })).toHaveLength(1)
  })

  it('malformed JSON → retried, ProtocolError after the last attempt', async () => {
    await control.setFaults({ malformedJson: 10 })
    const { client } = makeClient(sim.baseUrl)
    const err = await expectError(client.getPayInTransactions({ limit: 5 }))
    expect(err).toBeInstanceOf(ProtocolError)
    expect((err as ProtocolError).detail).toMatch(/not JSON/)
    expect((err as ProtocolError).excerpt.length).toBeLessThanOrEqual(201)
    expect(await control.requestLog()).toHaveLength(3)
  })

  it('one malformed reply is healed by the retry', async () => {
    await control.setFaults({ malformedJson: 1 })
    const { client } = makeClient(sim.baseUrl)
    expect((await client.getPayInTransactions({ limit: 5 })).rows).toHaveLength(5)
  })

  it('wrong shape → ProtocolError', async () => {
    await control.setFaults({ wrongShape: 1 })
    const { client } = makeClient(sim.baseUrl, { retry: { attempts: 1 } })
    const err = await expectError(client.getPayInTransactions({ limit: 5 }))
    expect(err).toBeInstanceOf(ProtocolError)
    expect(err).toMatchObject({ status: 200 })
  })
})

describe('network errors', () => {
  it('a reply slower than the timeout → NetworkError(timedOut)', async () => {
    await control.setFaults({ hangMs: 1_500 })
    const { client } = makeClient(sim.baseUrl, { timeoutMs: 200, retry: { attempts: 2 } })
    const started = Date.now()
    const err = await expectError(client.getPayInTransactions({ limit: 5 }))
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ timedOut: true, mayHaveReachedServer: true })
    expect(Date.now() - started).toBeLessThan(1_400)
  })

  it('connection dropped after the refund was committed: NetworkError, outcome unknown, exactly ONE request', async () => {
    await control.setFaults({ dropAfterRefundCommit: 1 })
    const { client, delays } = makeClient(sim.baseUrl)
    const { payId, cents } = await refundable(2)
    const err = await expectError(client.refundPayment({ payId, amount: cents, isFullRefund: true }))
    expect(err).toBeInstanceOf(NetworkError)
    expect(err).toMatchObject({ timedOut: false, mayHaveReachedServer: true })
    expect(refundOutcomeUnknown(err)).toBe(true)
    expect(delays).toEqual([])
    const log = await control.requestLog({ path: 'refundPayment', payId })
    expect(log).toHaveLength(1)
    expect(log[0]?.fault).toBe('dropAfterRefundCommit')
    // The server did record it: a re-check (not a resend) is the way to find out.
    expect((await control.refundRequests('pending')).some((r) => r.payId === payId)).toBe(true)
  })

  it('timeout on refundPayment is never retried', async () => {
    await control.setFaults({ hangMs: 1_000 })
    const { client } = makeClient(sim.baseUrl, { timeoutMs: 200 })
    const { payId } = await refundable(3)
    const err = await expectError(client.refundPayment({ payId, amount: 100, isFullRefund: false }))
    expect(err).toMatchObject({ kind: 'network', timedOut: true, mayHaveReachedServer: true })
    await new Promise((r) => setTimeout(r, 1_000))
    expect(await control.requestLog({ path: 'refundPayment', payId })).toHaveLength(1)
  })
})

describe('secrecy', () => {
  it('the API key appears in no error message, stack, property or safe JSON', () => {
    expect(collected.length).toBeGreaterThanOrEqual(12)
    for (const err of collected) {
      const e = err as Error
      const dumps = [
        e.message,
        String(e.stack),
        JSON.stringify(e),
        JSON.stringify(toSafeJSON(e)),
        JSON.stringify(Object.getOwnPropertyNames(e).map((k) => String((e as unknown as Record<string, unknown>)[k])))
      ]
      for (const d of dumps) expect(d).not.toContain(SIM_KEY)
      expect((e as { cause?: unknown }).cause).toBeUndefined()
    }
  })
})

describe('client-side rate limiter against the simulator limit', () => {
  it('keeps ≤ N requests per window, so the server never answers 429', async () => {
    let t = Date.parse('2026-05-20T10:00:00Z')
    const now = (): number => t
    const limitedSim = await startSimulator({
      port: 0,
      seed: 3,
      rows: 50,
      apiKey: SIM_KEY,
      rateLimitPerMinute: 5,
      now: () => new Date(t)
    })
    try {
      const sleep = async (ms: number): Promise<void> => {
        t += ms
      }
      const limiter = createRateLimiter({ maxPerWindow: 5, windowMs: 60_000, now, sleep })
      const client = createSecpaidClient({ baseUrl: limitedSim.baseUrl, apiKey: SIM_KEY, limiter, sleep, now })
      for (let i = 0; i < 12; i++) {
        await client.getPayInTransactions({ limit: 1 })
        t += 1_000 // some work between calls
      }
      const limitedControl = createSimulatorControlClient(limitedSim.controlUrl)
      const log = await limitedControl.requestLog()
      expect(log).toHaveLength(12)
      expect(log.every((e) => e.httpStatus === 200)).toBe(true)
      const times = log.map((e) => Date.parse(e.time))
      for (const start of times) {
        expect(times.filter((x) => x >= start && x < start + 60_000).length).toBeLessThanOrEqual(5)
      }

      // Control: without the client limiter the simulator does answer 429, and the list call
      // waits for its Retry-After and succeeds.
      t += 120_000
      const delays: number[] = []
      const unlimited = createSecpaidClient({
        baseUrl: limitedSim.baseUrl,
        apiKey: SIM_KEY,
        // Same fake clock: the 429 pause it records must pass in fake time.
        limiter: createRateLimiter({ maxPerWindow: null, now, sleep }),
        now,
        sleep: async (ms) => {
          delays.push(ms)
          t += ms
        }
      })
      for (let i = 0; i < 6; i++) await unlimited.getPayInTransactions({ limit: 1 })
      expect(delays).toHaveLength(1)
      expect(delays[0]).toBeGreaterThan(0)
      expect((await limitedControl.requestLog()).filter((e) => e.httpStatus === 429)).toHaveLength(1)
    } finally {
      await limitedSim.close()
    }
  })

  it('the limiter is applied before refundPayment too', async () => {
    let t = 1_000_000
    const now = (): number => t
    const sleep = async (ms: number): Promise<void> => {
      t += ms
    }
    const { createRateLimiter } = await import('../../src/main/services/secpaid')
    const limiter = createRateLimiter({ maxPerWindow: 1, windowMs: 60_000, now, sleep })
    const client = createSecpaidClient({ baseUrl: sim.baseUrl, apiKey: SIM_KEY, limiter, sleep, now })
    await client.getPayInTransactions({ limit: 1 })
    const { payId } = await refundable(4)
    await client.refundPayment({ payId, amount: 100, isFullRefund: false })
    expect(t).toBe(1_060_000)
  })
})
