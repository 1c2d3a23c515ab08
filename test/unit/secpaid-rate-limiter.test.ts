import { describe, expect, it } from 'vitest'
import { RequestAborted, createRateLimiter, createRateLimiterRegistry, rateLimitFor } from '../../src/main/services/secpaid'

/** A fake clock whose sleep advances time instantly. */
function fakeClock(start = 1_000_000): { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; slept: number[] } {
  let t = start
  const slept: number[] = []
  return {
    now: () => t,
    slept,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new RequestAborted()
      slept.push(ms)
      t += ms
      await Promise.resolve()
    }
  }
}

describe('sliding-window rate limiter', () => {
  it('grants maxPerWindow immediately, then waits for the oldest slot to leave the window', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ maxPerWindow: 3, windowMs: 60_000, now: clock.now, sleep: clock.sleep })
    const grants: number[] = []
    for (let i = 0; i < 7; i++) {
      await limiter.acquire()
      grants.push(clock.now())
    }
    const t0 = 1_000_000
    expect(grants).toEqual([t0, t0, t0, t0 + 60_000, t0 + 60_000, t0 + 60_000, t0 + 120_000])
  })

  it('never grants more than N in any window (sliding, not fixed)', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ maxPerWindow: 60, windowMs: 60_000, now: clock.now, sleep: clock.sleep })
    const grants: number[] = []
    for (let i = 0; i < 200; i++) {
      await limiter.acquire()
      grants.push(clock.now())
      await clock.sleep(i % 7 === 0 ? 3_000 : 250) // irregular traffic
    }
    for (const start of grants) {
      const inWindow = grants.filter((g) => g >= start && g < start + 60_000).length
      expect(inWindow).toBeLessThanOrEqual(60)
    }
  })

  it('by default keeps SecPaid\'s 60 per minute even when the window\'s first request arrived late', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ now: clock.now, sleep: clock.sleep })
    const sentAt: number[] = []
    for (let i = 0; i < 121; i++) {
      await limiter.acquire()
      sentAt.push(clock.now())
    }
    // The server counts arrivals: every request took 100 ms on the way, except the first of each
    // new minute, which arrived at once (the case that made a real sync see a 429).
    const arrivals = sentAt.map((t, i) => (i > 0 && i % 60 === 0 ? t : t + 100))
    for (const start of arrivals) {
      expect(arrivals.filter((a) => a >= start && a < start + 60_000).length).toBeLessThanOrEqual(60)
    }
  })

  it('serves concurrent waiters in FIFO order', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ maxPerWindow: 1, windowMs: 1_000, now: clock.now, sleep: clock.sleep })
    const order: number[] = []
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2, 3])
    expect(clock.now()).toBe(1_000_000 + 3_000)
  })

  it('pauseFor holds every caller (shared 429 backoff)', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ maxPerWindow: 100, now: clock.now, sleep: clock.sleep })
    limiter.pauseFor(5_000)
    await limiter.acquire()
    expect(clock.now()).toBe(1_005_000)
  })

  it('null = no limit', async () => {
    const clock = fakeClock()
    const limiter = createRateLimiter({ maxPerWindow: null, now: clock.now, sleep: clock.sleep })
    for (let i = 0; i < 1000; i++) await limiter.acquire()
    expect(clock.slept).toEqual([])
  })

  it('rejects with RequestAborted when the signal fires while waiting', async () => {
    const limiter = createRateLimiter({ maxPerWindow: 1, windowMs: 60_000 })
    await limiter.acquire()
    const ac = new AbortController()
    const waiting = limiter.acquire(ac.signal)
    ac.abort()
    await expect(waiting).rejects.toBeInstanceOf(RequestAborted)
  })

  it('60/min for real hosts regardless of override; configurable for loopback', () => {
    expect(rateLimitFor('https://app.secpaid.com/api/v2/', null)).toBe(60)
    expect(rateLimitFor('https://app.secpaid.com/api/v2/', 1000)).toBe(60)
    expect(rateLimitFor('http://127.0.0.1:4000/api/v2/', null)).toBe(null)
    expect(rateLimitFor('http://127.0.0.1:4000/api/v2/', 600)).toBe(600)
    expect(rateLimitFor('http://127.0.0.1:4000/api/v2/')).toBe(60)
  })

  it('registry shares one limiter per (baseUrl, key fingerprint)', () => {
    const reg = createRateLimiterRegistry()
    const a = reg.get('https://app.secpaid.com/api/v2/', 'fp1')
    expect(reg.get('https://app.secpaid.com/api/v2/', 'fp1')).toBe(a)
    expect(reg.get('https://app.secpaid.com/api/v2/', 'fp2')).not.toBe(a)
    expect(reg.get('https://app.dev.secpaid.com/api/v2/', 'fp1')).not.toBe(a)
  })
})
