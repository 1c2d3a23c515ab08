/**
 * Environment isolation in the app core (docs/architecture.md#environments-are-separate): a key is
 * only ever sent to its own environment's base URL, even when the user switches quickly while the
 * keychain is slow, and each custom server gets its own cache folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { createKeytarSecretStore, createMemorySecretStore, KeychainUnavailableError, keychainAccount, type SecretStore } from '../../src/main/services/credentials'
import { META_NAME } from '../../src/main/services/storage/cache-files'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

let sim: RunningSimulator
const dirs: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, rows: 300, rateLimitPerMinute: null })
})
afterAll(async () => {
  await sim.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** A keychain whose development slot answers slowly (a locked keyring prompting, say). */
function slowKeychain(inner: SecretStore, slowAccount: string, delayMs: number): SecretStore {
  return {
    kind: inner.kind,
    get: async (account) => {
      if (account === slowAccount) await new Promise((r) => setTimeout(r, delayMs))
      return inner.get(account)
    },
    set: (a, s) => inner.set(a, s),
    delete: (a) => inner.delete(a)
  }
}

describe('app core environments', () => {
  it('never sends one environment\'s key to another environment\'s URL during quick switches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'core-env-'))
    dirs.push(dir)
    const memory = createMemorySecretStore()
    await memory.set('development', 'DEV-SECRET-KEY-0000')
    await memory.set(keychainAccount('custom', sim.baseUrl), sim.apiKey)
    const sent: { url: string; token: string | null }[] = []
    const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      sent.push({ url: request.url, token: request.headers.get('token') })
      return fetch(request)
    }
    const core = await createAppCore({
      loaders: staticModuleLoaders,
      dataDir: dir,
      engine: createConfEngine(),
      keychain: slowKeychain(memory, 'development', 400),
      access: createEnvironmentAccess({
        loadClient: staticModuleLoaders.client,
        customBaseUrl: sim.baseUrl,
        startDemo: () => startDemoBackend({ rows: 10 }),
        fetch: recordingFetch,
        loopbackRateLimitPerMinute: null
      }),
      osUser: 'tester',
      forceEnvironment: 'custom'
    })
    try {
      const toDev = core.switchEnvironment('development')
      const backToCustom = core.switchEnvironment('custom')
      await Promise.all([toDev, backToCustom])
      expect(core.activeEnv()).toBe('custom')
      const state = await core.handlers.runSync({ full: false })
      expect(state.status).toBe('idle')
      expect(sent.length).toBeGreaterThan(0)
      for (const request of sent) {
        expect(request.url.startsWith(sim.baseUrl)).toBe(true)
        expect(request.token).toBe(sim.apiKey)
      }
    } finally {
      await core.close()
    }
  })

  it('asks the keychain for an account\'s key before it reads that account\'s cache, at open and on a switch', async () => {
    // The keychain answers on keytar's worker thread while main reads the cache: asked after the
    // read, its round trip would be added to every start (docs/architecture.md#cli-start-up).
    const dir = mkdtempSync(join(tmpdir(), 'core-env-'))
    dirs.push(dir)
    const events: string[] = []
    const memory = createMemorySecretStore()
    await memory.set('development', 'DEV-SECRET-KEY-0000')
    // The app's keytar store over a stand-in for the native module (the store's own promise steps
    // before the native call; how it loads keytar is tested in credentials-keytar-store.test.ts),
    // answering after 30 ms like a D-Bus round trip: still on its way when the session's client
    // asks for the key, so that ask must join it (one read per open, not two).
    const recording = createKeytarSecretStore({
      keytar: {
        getPassword: async (_service, account) => {
          events.push(`key ${account}`)
          await new Promise((r) => setTimeout(r, 30))
          return memory.get(account)
        },
        setPassword: (_service, account, secret) => memory.set(account, secret),
        deletePassword: (_service, account) => memory.delete(account)
      }
    })
    const conf = createConfEngine()
    const core = await createAppCore({
      loaders: staticModuleLoaders,
      dataDir: dir,
      // The cache's meta file is the first thing its open reads.
      engine: (opts) => {
        if (opts.name === META_NAME) events.push(`cache ${basename(dirname(opts.cwd))}`)
        return conf(opts)
      },
      keychain: recording,
      access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: sim.baseUrl, startDemo: () => startDemoBackend({ rows: 10 }) }),
      osUser: 'tester',
      forceEnvironment: 'development'
    })
    try {
      expect(events).toEqual(['key development', 'cache development'])
      expect((await core.handlers.getCredentialStatus({})).hasKey).toBe(true)
      events.length = 0
      await core.switchEnvironment('custom')
      const customAccount = keychainAccount('custom', sim.baseUrl)
      expect(events).toEqual([`key ${customAccount}`, `cache ${basename(core.workspace().dir)}`])
    } finally {
      await core.close()
    }
  })

  it('a keychain locked at start is reported until it is unlocked, then the key and the client are back without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'core-env-'))
    dirs.push(dir)
    const memory = createMemorySecretStore()
    await memory.set(keychainAccount('custom', sim.baseUrl), sim.apiKey)
    let locked = true
    const lockable: SecretStore = {
      kind: 'keychain',
      get: async (account) => {
        if (locked) throw new KeychainUnavailableError('locked')
        return memory.get(account)
      },
      set: (a, v) => memory.set(a, v),
      delete: (a) => memory.delete(a)
    }
    const core = await createAppCore({
      loaders: staticModuleLoaders,
      dataDir: dir,
      engine: createConfEngine(),
      keychain: lockable,
      access: createEnvironmentAccess({
        loadClient: staticModuleLoaders.client,
        customBaseUrl: sim.baseUrl,
        startDemo: () => startDemoBackend({ rows: 10 }),
        loopbackRateLimitPerMinute: null
      }),
      osUser: 'tester',
      forceEnvironment: 'custom'
    })
    try {
      expect(await core.handlers.getCredentialStatus({})).toMatchObject({ hasKey: false, keychainAvailable: false, keychainProblem: { reason: 'locked' } })
      // The user unlocks the keyring; Settings asks again.
      locked = false
      expect(await core.handlers.getCredentialStatus({})).toMatchObject({ hasKey: true, keychainAvailable: true, keychainMessage: null, keychainProblem: null })
      expect(core.client()).not.toBeNull()
    } finally {
      await core.close()
    }
  })

  it('keeps each custom server in its own folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'core-env-'))
    dirs.push(dir)
    const open = async (base: string): Promise<string> => {
      const core = await createAppCore({
        loaders: staticModuleLoaders,
        dataDir: dir,
        engine: createConfEngine(),
        keychain: createMemorySecretStore(),
        access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: base, startDemo: () => startDemoBackend({ rows: 10 }) }),
        osUser: 'tester',
        forceEnvironment: 'custom'
      })
      const folder = core.workspace().dir
      await core.close()
      return folder
    }
    const a = await open('http://127.0.0.1:4101/api/v2/')
    const b = await open('http://127.0.0.1:4102/api/v2/')
    expect(a).not.toBe(b)
    expect(a.startsWith(join(dir, 'custom-'))).toBe(true)
    expect(existsSync(a)).toBe(true)
  })
})
