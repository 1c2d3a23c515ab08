/**
 * A new refund is checked against the payment as SecPaid sees it right before sending, not only
 * against the cache: a refund approved elsewhere since the last sync counts, and without a
 * connection to SecPaid nothing is journaled or sent. Through the app core and its workspace (the
 * wiring the app and the CLI use), the real simulator over loopback and real files.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { createMemorySecretStore, keychainAccount } from '../../src/main/services/credentials'
import { createRateLimiter, createSecpaidClient } from '../../src/main/services/secpaid'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

let sim: RunningSimulator
const dirs: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, rows: 60, rateLimitPerMinute: null })
})
afterAll(async () => {
  await sim.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function openCore(server: RunningSimulator): Promise<AppCore> {
  const dir = mkdtempSync(join(tmpdir(), 'refund-refresh-'))
  dirs.push(dir)
  const keychain = createMemorySecretStore()
  await keychain.set(keychainAccount('custom', server.baseUrl), server.apiKey)
  return createAppCore({
    loaders: staticModuleLoaders,
    dataDir: dir,
    engine: createConfEngine(),
    keychain,
    access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: server.baseUrl, startDemo: () => startDemoBackend({ rows: 10 }), loopbackRateLimitPerMinute: null }),
    osUser: 'tester',
    forceEnvironment: 'custom'
  })
}

const base = { isFullRefund: false, reason: 'requested_by_customer' as const, note: null }
const refundCalls = (payId: string): number => sim.admin.requestLog({ path: 'refundPayment', payId }).length

describe('refund eligibility is refreshed from SecPaid before sending', () => {
  it('a refund approved elsewhere since the last sync is counted: refused locally, refundPayment not called', async () => {
    const payId = sim.admin.addPayment({ amount: '50.00' }).pay_id
    const core = await openCore(sim)
    try {
      expect((await core.handlers.runSync({ full: true })).status).toBe('idle')
      expect((await core.handlers.getRefundEligibility({ payId })).remaining).toBe(5000)

      // Behind the app's back: another client asks for 30.00 and SecPaid's admin approves it.
      const other = createSecpaidClient({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, limiter: createRateLimiter({ maxPerWindow: null }) })
      await other.refundPayment({ payId, amount: 3000, isFullRefund: false })
      sim.admin.approveRefund(payId)
      expect(refundCalls(payId)).toBe(1)

      // The cache still says 50.00 remain; SecPaid says 20.00.
      const err = await core.handlers.submitRefund({ ...base, payId, amount: 4000 }).catch((e: unknown) => e)
      expect(err).toMatchObject({ kind: 'refund_precondition', reasons: ['amount_exceeds_remaining'] })
      expect(refundCalls(payId)).toBe(1)
      expect(await core.handlers.listRefundRequests({})).toEqual([])
      expect((await core.handlers.getRefundEligibility({ payId })).remaining).toBe(2000)

      // What is really left still goes out, exactly once.
      const ok = await core.handlers.submitRefund({ ...base, payId, amount: 2000 })
      expect(ok).toMatchObject({ payId, state: 'submitted', amount: 2000 })
      expect(refundCalls(payId)).toBe(2)
    } finally {
      await core.close()
    }
  })

  it('two submits at once for one payment: the refresh holds the claim, so exactly one refundPayment', async () => {
    const payId = sim.admin.addPayment({ amount: '40.00' }).pay_id
    const core = await openCore(sim)
    try {
      await core.handlers.runSync({ full: true })
      const results = await Promise.allSettled([
        core.handlers.submitRefund({ ...base, payId, amount: 1000 }),
        core.handlers.submitRefund({ ...base, payId, amount: 1000 })
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const refused = results.find((r) => r.status === 'rejected')
      expect(refused?.status === 'rejected' ? refused.reason : null).toMatchObject({ reasons: ['open_request'] })
      expect(refundCalls(payId)).toBe(1)
    } finally {
      await core.close()
    }
  })

  it('without a connection to SecPaid the submit is refused as offline; nothing journaled, nothing sent', async () => {
    const gone = await startSimulator({ seed: 22, rows: 20, rateLimitPerMinute: null })
    const payId = gone.admin.addPayment({ amount: '10.00' }).pay_id
    const core = await openCore(gone)
    try {
      expect((await core.handlers.runSync({ full: true })).status).toBe('idle')
      await gone.close()
      const err = await core.handlers.submitRefund({ ...base, payId, amount: 500 }).catch((e: unknown) => e)
      expect(err).toMatchObject({ kind: 'refund_service', code: 'offline' })
      expect((err as Error).message).toMatch(/nothing was sent/)
      expect(await core.handlers.listRefundRequests({})).toEqual([])
    } finally {
      await core.close()
    }
  })
})
