import { describe, expect, it } from 'vitest'
import {
  AuthError,
  ApiRejection,
  NetworkError,
  ProtocolError,
  RateLimited,
  ServerError,
  computeBackoffMs,
  isRetryableListError,
  parseRetryAfter
} from '../../src/main/services/secpaid'

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 }

describe('computeBackoffMs (full jitter)', () => {
  it('grows exponentially and is capped', () => {
    expect([1, 2, 3, 4, 7, 20].map((n) => computeBackoffMs(n, policy, () => 0.999999))).toEqual([
      999, 1_999, 3_999, 7_999, 59_999, 59_999
    ])
  })

  it('is random between 0 and the ceiling', () => {
    expect(computeBackoffMs(3, policy, () => 0)).toBe(0)
    expect(computeBackoffMs(3, policy, () => 0.5)).toBe(2_000)
  })

  it('honours Retry-After, and gives up when it exceeds the cap', () => {
    expect(computeBackoffMs(1, policy, () => 0.5, 7_000)).toBe(7_000)
    expect(computeBackoffMs(1, policy, () => 0.5, 0)).toBe(0)
    expect(computeBackoffMs(1, policy, () => 0.5, 3_600_000)).toBeNull()
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-05-20T10:00:00Z')
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('1.5', now)).toBe(1_500)
    expect(parseRetryAfter('Wed, 20 May 2026 10:00:45 GMT', now)).toBe(45_000)
    expect(parseRetryAfter('Wed, 20 May 2026 09:00:00 GMT', now)).toBe(0)
  })
  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(parseRetryAfter('', now)).toBeNull()
    expect(parseRetryAfter('-5', now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
  })
})

describe('isRetryableListError', () => {
  it('retries transient failures only', () => {
    expect(isRetryableListError(new NetworkError(true, true, 'TIMEOUT'))).toBe(true)
    expect(isRetryableListError(new ServerError(503, ''))).toBe(true)
    expect(isRetryableListError(new RateLimited(null))).toBe(true)
    expect(isRetryableListError(new ProtocolError('x', 200, ''))).toBe(true)
    expect(isRetryableListError(new AuthError('Incorrect token or missing token'))).toBe(false)
    expect(isRetryableListError(new ApiRejection('getPayInTransactions', 'unknown', 'x', 200))).toBe(false)
    expect(isRetryableListError(new Error('x'))).toBe(false)
  })
})
