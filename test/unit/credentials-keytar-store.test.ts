/**
 * The keytar store's error mapping and timeout, with a stand-in keytar (the real one is exercised
 * in test/integration/credentials-keychain.test.ts). The messages are the ones keytar/libsecret
 * really produce on Linux, captured on this machine.
 */
import { stat } from 'node:fs'
import Module from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  createKeytarSecretStore,
  KeychainUnavailableError,
  classifyKeychainFailure,
  type KeytarLike
} from '../../src/main/services/credentials'

const SECRET = 'secret-api-key-ABCDEFGH1234'

function failingKeytar(message: string): KeytarLike {
  const fail = () => Promise.reject(new Error(message))
  return { getPassword: fail, setPassword: fail, deletePassword: fail }
}

describe('classifyKeychainFailure', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no_dbus'],
    ['Could not connect: No such file or directory', 'no_dbus'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no_secret_service'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'no_keyring'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['User interaction is not allowed.', 'locked'],
    ['Prompt dismissed', 'cancelled'],
    ['libsecret-1.so.0: cannot open shared object file: No such file or directory', 'module_load'],
    ['The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115', 'module_load'],
    ['something else entirely', 'unknown']
  ])('%s → %s', (message, reason) => {
    expect(classifyKeychainFailure(message)).toBe(reason)
  })
})

describe('createKeytarSecretStore', () => {
  it('maps keytar errors to KeychainUnavailableError with advice and a secret-free cause', async () => {
    const store = createKeytarSecretStore({
      keytar: failingKeytar(`The name org.freedesktop.secrets was not provided by any .service files (${SECRET})`),
      platform: 'linux'
    })
    const err = await store.set('production', SECRET).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeychainUnavailableError)
    const typed = err as KeychainUnavailableError
    expect(typed.reason).toBe('no_secret_service')
    expect(typed.message).toMatch(/gnome-keyring/)
    expect(typed.message).toMatch(/KeePassXC/)
    expect(typed.cause).toEqual({ name: 'Error', message: expect.stringContaining('org.freedesktop.secrets') })
    expect(JSON.stringify(typed)).not.toContain(SECRET)
    expect(typed.message + (typed.stack ?? '')).not.toContain(SECRET)
  })

  it('gives platform-specific advice', () => {
    expect(new KeychainUnavailableError('locked', { platform: 'darwin' }).message).toMatch(/Keychain Access/)
    expect(new KeychainUnavailableError('unknown', { platform: 'win32' }).message).toMatch(/Credential Manager/)
  })

  it('turns a hanging keychain call into timed_out', async () => {
    const hang = () => new Promise<never>(() => undefined)
    const store = createKeytarSecretStore({
      keytar: { getPassword: hang, setPassword: hang, deletePassword: hang },
      timeoutMs: 50
    })
    const err = await store.get('production').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeychainUnavailableError)
    expect((err as KeychainUnavailableError).reason).toBe('timed_out')
    expect((err as KeychainUnavailableError).message).toMatch(/timed out/)
  })

  it('an answer that came in time wins over the timer when main was busy past the timeout', async () => {
    // keytar answers through an I/O callback (its worker thread), one callback like fs.stat's.
    // Main then blocks longer than the timeout (the app reads its cache after asking for the key):
    // in the next turn the timer is due and the answer too, and timers run first.
    const answerByIo = (): Promise<string> => new Promise((resolve) => stat(__filename, () => resolve(SECRET)))
    const store = createKeytarSecretStore({
      keytar: { getPassword: answerByIo, setPassword: async () => undefined, deletePassword: async () => true },
      timeoutMs: 30
    })
    const read = store.get('production')
    await new Promise((resolve) => setImmediate(resolve))
    const busyUntil = Date.now() + 200
    while (Date.now() < busyUntil) {
      // main is reading the cache
    }
    await expect(read).resolves.toBe(SECRET)
  })

  it('loads keytar synchronously: the first read reaches keytar before the next turn', async () => {
    // A dynamic import() would resolve several turns later, so a read asked just before the
    // app's synchronous cache read would wait for the whole read (app-core.ts askKeyAhead).
    const calls: string[] = []
    const standIn: KeytarLike = {
      getPassword: async (_service, account) => (calls.push(account), null),
      setPassword: async () => undefined,
      deletePassword: async () => true
    }
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown }
    const original = loader._load
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'keytar' ? standIn : original.call(this, request, ...rest)
    }
    try {
      const store = createKeytarSecretStore()
      const read = store.get('production')
      await new Promise((resolve) => setImmediate(resolve))
      expect(calls).toEqual(['production'])
      await expect(read).resolves.toBeNull()
    } finally {
      loader._load = original
    }
  })

  it('maps a module that fails to load to module_load, and retries loading later', async () => {
    let attempts = 0
    const store = createKeytarSecretStore({
      loadKeytar: async () => {
        attempts++
        throw new Error('Cannot find module keytar')
      }
    })
    await expect(store.get('production')).rejects.toMatchObject({ reason: 'module_load' })
    await expect(store.get('production')).rejects.toBeInstanceOf(KeychainUnavailableError)
    expect(attempts).toBe(2)
  })

  it('probe reports a broken keychain without throwing', async () => {
    const store = createKeytarSecretStore({ keytar: failingKeytar('Could not connect: No such file or directory') })
    const result = await store.probe()
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.reason).toBe('no_dbus')
  })

  it('probe detects a keychain that reads back something else', async () => {
    const store = createKeytarSecretStore({
      keytar: { getPassword: async () => 'other', setPassword: async () => undefined, deletePassword: async () => true }
    })
    const result = await store.probe()
    expect(result.ok).toBe(false)
  })
})
