/**
 * The credentials layer against the REAL Secret Service via keytar (docs/architecture.md#testing).
 *
 * Run inside scripts/with-keyring.sh (a private dbus-run-session with an unlocked gnome-keyring).
 * Outside it, the real-keychain tests are skipped with a printed reason, except when CI is set:
 * there a missing keychain must fail, not skip. The "no keychain" tests run everywhere, because
 * they build the broken environment themselves in a child process.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import {
  createCredentialsService,
  createKeytarSecretStore,
  PROBE_ACCOUNT,
  type KeytarLike
} from '../../src/main/services/credentials'
import { ENVIRONMENTS } from '../../src/shared/domain'

const run = promisify(execFile)
const SERVICE = `SecPaid Desk Test ${randomUUID()}`
const CHILD = path.join(import.meta.dirname, 'fixtures', 'keychain-child.ts')

async function keychainSkipReason(): Promise<string | null> {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    return 'DBUS_SESSION_BUS_ADDRESS is not set (run via: bash scripts/with-keyring.sh npx vitest run …)'
  }
  const probe = await createKeytarSecretStore({ service: SERVICE, timeoutMs: 5_000 }).probe()
  return probe.ok ? null : `the Secret Service probe failed: ${probe.error.message}`
}

const skipReason = await keychainSkipReason()
const skipRealKeychain = skipReason !== null && !process.env.CI
if (skipRealKeychain) {
  console.warn(`\n[credentials-keychain] SKIPPING real-keychain tests: ${skipReason}\n`)
}

async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as KeytarLike & { default?: KeytarLike }
  return mod.default ?? mod
}

describe.skipIf(skipRealKeychain)('keytar store against the real Secret Service', () => {
  const store = createKeytarSecretStore({ service: SERVICE, timeoutMs: 5_000 })

  afterAll(async () => {
    const keytar = await loadKeytar()
    for (const account of [...ENVIRONMENTS, PROBE_ACCOUNT, 'isolation-a', 'isolation-b']) {
      await keytar.deletePassword(SERVICE, account)
    }
    // Nothing of this run may be left in the keyring.
    const leftovers = await (keytar as KeytarLike & { findCredentials(s: string): Promise<unknown[]> }).findCredentials(SERVICE)
    expect(leftovers).toEqual([])
  })

  it('has a working keychain (fails here in CI if with-keyring was not used)', () => {
    expect(skipReason).toBeNull()
  })

  it('probe succeeds and leaves no probe entry behind', async () => {
    expect(await store.probe()).toEqual({ ok: true })
    expect(await store.get(PROBE_ACCOUNT)).toBeNull()
  })

  it('round-trips set / get / delete', async () => {
    const secret = `k-${randomUUID()}`
    expect(await store.get('isolation-a')).toBeNull()
    await store.set('isolation-a', secret)
    expect(await store.get('isolation-a')).toBe(secret)
    await store.set('isolation-a', `${secret}-v2`)
    expect(await store.get('isolation-a')).toBe(`${secret}-v2`)
    expect(await store.delete('isolation-a')).toBe(true)
    expect(await store.get('isolation-a')).toBeNull()
    expect(await store.delete('isolation-a')).toBe(false)
  })

  it('keeps accounts and services apart', async () => {
    const other = createKeytarSecretStore({ service: `${SERVICE} other`, timeoutMs: 5_000 })
    await store.set('isolation-a', 'secret-for-a')
    await store.set('isolation-b', 'secret-for-b')
    expect(await store.get('isolation-a')).toBe('secret-for-a')
    expect(await store.get('isolation-b')).toBe('secret-for-b')
    expect(await other.get('isolation-a')).toBeNull()
    await store.delete('isolation-a')
    expect(await store.get('isolation-b')).toBe('secret-for-b')
    await store.delete('isolation-b')
  })

  it('stores a maximum-length key intact', async () => {
    const secret = 'x'.repeat(511) + 'Z'
    await store.set('isolation-a', secret)
    expect(await store.get('isolation-a')).toBe(secret)
    await store.delete('isolation-a')
  })

  it('credentials service: a key saved in one run is found by the next, per environment', async () => {
    const validateKey = async () => undefined
    const firstRun = createCredentialsService({ keychain: store, validateKey })
    await firstRun.saveKey('production', 'real-prod-key-0000AAAA')
    await firstRun.saveKey('development', 'real-dev-key-1111BBBB')
    await firstRun.saveKey('demo', 'session-demo-key-2222', { sessionOnly: true })

    const nextRun = createCredentialsService({ keychain: createKeytarSecretStore({ service: SERVICE }), validateKey })
    expect(await nextRun.getKey('production')).toBe('real-prod-key-0000AAAA')
    expect(await nextRun.status('development')).toEqual({ hasKey: true, last4: 'BBBB', storage: 'keychain' })
    expect(await nextRun.getKey('demo')).toBeNull() // session-only never reached the keyring
    expect(await store.get('demo')).toBeNull()

    await nextRun.signOut('production')
    await nextRun.signOut('development')
    expect(await store.get('production')).toBeNull()
    expect(await store.get('development')).toBeNull()
  })
})

describe('no keychain reachable (real keytar in a child process)', () => {
  async function child(op: 'probe' | 'set' | 'save', env: NodeJS.ProcessEnv) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, op, SERVICE], {
      env,
      timeout: 20_000,
      cwd: path.resolve(import.meta.dirname, '../..')
    })
    const last = stdout.trim().split('\n').pop() ?? ''
    return JSON.parse(last) as { ok: boolean; typed?: boolean; reason?: string; message?: string; leaked?: boolean }
  }

  const deadBus = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/secpaid-test-bus' }
  const noBus: NodeJS.ProcessEnv = { ...process.env }
  delete noBus.DBUS_SESSION_BUS_ADDRESS
  delete noBus.DISPLAY
  delete noBus.WAYLAND_DISPLAY

  it.each(['probe', 'set', 'save'] as const)('%s with a bus socket that does not exist → KeychainUnavailableError', async (op) => {
    const result = await child(op, deadBus)
    expect(result).toMatchObject({ ok: false, typed: true, reason: 'no_dbus' })
    expect(result.leaked).toBeUndefined()
    expect(result.message).toMatch(/D-Bus/)
    expect(result.message).toMatch(/gnome-keyring|KeePassXC/)
  })

  it('with no bus address and no display at all → KeychainUnavailableError', async () => {
    const result = await child('set', noBus)
    expect(result).toMatchObject({ ok: false, typed: true, reason: 'no_dbus' })
  })
})
