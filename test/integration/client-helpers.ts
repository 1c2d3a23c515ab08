/** Shared setup for the SecPaid client integration tests (real simulator on loopback). */
import {
  RequestAborted,
  createRateLimiter,
  createSecpaidClient,
  type SecpaidClient,
  type SecpaidClientOptions
} from '../../src/main/services/secpaid'

export const SIM_KEY = 'simKEY-integration-7d1e2f3a4b5c6d7e8f90'

/**
 * A fake clock whose sleep does not really wait (so retries and backoff run instantly) but
 * advances the clock, and records the delays. Client and limiter share it, so a 429 pause the
 * limiter records passes in fake time too.
 */
export function fakeClock(): { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; delays: number[] } {
  const delays: number[] = []
  let t = Date.now()
  return {
    delays,
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new RequestAborted()
      delays.push(ms)
      t += ms
      await new Promise((r) => setImmediate(r))
    }
  }
}

export function makeClient(
  baseUrl: string,
  overrides: Partial<SecpaidClientOptions> = {}
): { client: SecpaidClient; delays: number[] } {
  const { sleep, delays, now } = fakeClock()
  const client = createSecpaidClient({
    baseUrl,
    apiKey: SIM_KEY,
    limiter: createRateLimiter({ maxPerWindow: null, now, sleep: async (ms) => void (await sleep(ms)) }),
    sleep,
    now,
    random: () => 0.5,
    appVersion: 'test',
    timeoutMs: 5_000,
    ...overrides
  })
  return { client, delays }
}

export async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}
