/**
 * The custom environment's key is bound to the server it was validated against
 * (docs/architecture.md#environments-are-separate): log in against server A, start against server
 * B, and B never sees A's key — even though B would accept it — while A keeps working. Real
 * keychain (scripts/with-keyring.sh), real simulators over loopback.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { createKeytarSecretStore, UNBOUND_CUSTOM_ACCOUNT, type KeytarSecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

const SERVICE = `SecPaid Desk Test ${randomUUID()}`
const KEY = `shared-key-${randomUUID()}`
const keychain: KeytarSecretStore = createKeytarSecretStore({ service: SERVICE, timeoutMs: 5_000 })
const probe = process.env.DBUS_SESSION_BUS_ADDRESS ? await keychain.probe() : null
const skip = !probe?.ok && !process.env.CI
if (skip) console.warn('\n[custom-key-binding] SKIPPING: no usable keychain (run via scripts/with-keyring.sh)\n')

let a: RunningSimulator
let b: RunningSimulator
const dirs: string[] = []
const accounts: string[] = []

beforeAll(async () => {
  // Both servers accept the same key: if B were sent A's key, B's calls would succeed.
  a = await startSimulator({ seed: 3, rows: 50, apiKey: KEY, rateLimitPerMinute: null })
  b = await startSimulator({ seed: 4, rows: 50, apiKey: KEY, rateLimitPerMinute: null })
})
afterAll(async () => {
  await a.close()
  await b.close()
  for (const account of accounts) await keychain.delete(account).catch(() => false)
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function openCore(dataDir: string, customBaseUrl: string): Promise<AppCore> {
  return createAppCore({
    loaders: staticModuleLoaders,
    dataDir,
    engine: createConfEngine(),
    keychain,
    access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl, startDemo: () => startDemoBackend({ rows: 10 }), loopbackRateLimitPerMinute: null }),
    osUser: 'tester',
    forceEnvironment: 'custom'
  })
}

describe('the custom key is bound to its server', () => {
  it.skipIf(skip)('a key saved for server A is never sent to server B; B shows "no key", A keeps working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'custom-bind-'))
    dirs.push(dir)
    accounts.push(`custom:${a.baseUrl}`, `custom:${b.baseUrl}`, UNBOUND_CUSTOM_ACCOUNT)

    const onA = await openCore(dir, a.baseUrl)
    try {
      expect(await onA.handlers.saveApiKey({ key: KEY, sessionOnly: false })).toMatchObject({ hasKey: true })
    } finally {
      await onA.close()
    }
    expect(await keychain.get(UNBOUND_CUSTOM_ACCOUNT)).toBeNull()

    b.admin.clearRequestLog()
    const onB = await openCore(dir, b.baseUrl)
    try {
      expect(await onB.handlers.getCredentialStatus({})).toMatchObject({ env: 'custom', hasKey: false, last4: null })
      const state = await onB.handlers.runSync({ full: true })
      expect(state.status).toBe('needs_key')
      const payId = b.admin.payments({ kind: 'refundable', limit: 1 })[0]?.payId ?? '1'
      await expect(onB.handlers.refreshPayment({ payId })).rejects.toMatchObject({ kind: 'needs_key' })
    } finally {
      await onB.close()
    }
    // Not one request reached B, so certainly none with A's key.
    expect(b.admin.requestLog()).toEqual([])

    // The user's key for A is untouched.
    a.admin.clearRequestLog()
    const backOnA = await openCore(dir, a.baseUrl)
    try {
      expect(await backOnA.handlers.getCredentialStatus({})).toMatchObject({ hasKey: true, last4: KEY.slice(-4) })
      expect((await backOnA.handlers.runSync({ full: true })).status).toBe('idle')
    } finally {
      await backOnA.close()
    }
    expect(a.admin.requestLog().length).toBeGreaterThan(0)
    expect(a.admin.requestLog().every((e) => e.token === '[REDACTED]')).toBe(true)
  })
})
