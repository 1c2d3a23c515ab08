import { describe, expect, it } from 'vitest'
import {
  createCredentialsService,
  createMemorySecretStore,
  InvalidKeyFormatError,
  KeychainUnavailableError,
  type SecretStore
} from '../../src/main/services/credentials'
import type { EnvironmentId } from '../../src/shared/domain'

const PROD_KEY = 'prod-key-0123456789abcdefWXYZ'
const DEV_KEY = 'dev-key-9876543210fedcbaQRST'

/** Mimics the SecPaid client's AuthError without importing the client. */
class FakeAuthError extends Error {
  override name = 'FakeAuthError'
}

/** A validator that records what it saw and accepts everything. */
function acceptingValidator() {
  const calls: Array<[EnvironmentId, string]> = []
  return {
    calls,
    validate: async (env: EnvironmentId, key: string) => {
      calls.push([env, key])
    }
  }
}

const rejectAll = async () => {
  throw new FakeAuthError('SecPaid rejected the API key: Incorrect token or missing token')
}

/** A keychain that is down, the way the keytar store reports it. */
function brokenKeychain(): SecretStore & { writes: number } {
  const fail = () => Promise.reject(new KeychainUnavailableError('no_secret_service', { platform: 'linux' }))
  return { kind: 'keychain', writes: 0, get: fail, set: fail, delete: fail }
}

/** Everything a caller could possibly see of an error, as one string. */
function dump(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const own = Object.fromEntries(Object.getOwnPropertyNames(err).map((p) => [p, (err as unknown as Record<string, unknown>)[p]]))
  return `${err.message}\n${err.stack ?? ''}\n${JSON.stringify(own)}\n${JSON.stringify(err.cause ?? null)}`
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}

describe('credentials service', () => {
  it('validates before storing and stores the trimmed key', async () => {
    const keychain = createMemorySecretStore()
    const validator = acceptingValidator()
    const svc = createCredentialsService({ keychain, validateKey: validator.validate })

    await svc.saveKey('production', `  ${PROD_KEY}\n`)

    expect(validator.calls).toEqual([['production', PROD_KEY]])
    expect(await keychain.get('production')).toBe(PROD_KEY)
    expect(await svc.getKey('production')).toBe(PROD_KEY)
  })

  it('stores nothing when the validator fails, and the error propagates unchanged in type', async () => {
    const keychain = createMemorySecretStore()
    const svc = createCredentialsService({ keychain, validateKey: rejectAll })

    const err = await rejection(svc.saveKey('production', PROD_KEY))

    expect(err).toBeInstanceOf(FakeAuthError)
    expect(await keychain.get('production')).toBeNull()
    expect(await svc.getKey('production')).toBeNull()
    expect(await svc.status('production')).toEqual({ hasKey: false, last4: null, storage: null })
  })

  it('does not store when validation fails for a session-only save either', async () => {
    const keychain = createMemorySecretStore()
    const svc = createCredentialsService({ keychain, validateKey: rejectAll })
    await expect(svc.saveKey('demo', PROD_KEY, { sessionOnly: true })).rejects.toBeInstanceOf(FakeAuthError)
    expect(await svc.getKey('demo')).toBeNull()
  })

  it.each([
    ['empty', ''],
    ['empty', '   \n\t '],
    ['contains_whitespace', 'abcd efgh1234'],
    ['contains_whitespace', 'abcd\nefgh1234'],
    ['invalid_characters', 'abcd\u0000efgh1234'],
    ['invalid_characters', 'abcd\u200befgh1234'],
    ['too_short', 'abc123'],
    ['too_long', 'k'.repeat(513)]
  ])('rejects a malformed key (%s) before calling the validator', async (reason, raw) => {
    const keychain = createMemorySecretStore()
    const validator = acceptingValidator()
    const svc = createCredentialsService({ keychain, validateKey: validator.validate })

    const err = await rejection(svc.saveKey('production', raw))

    expect(err).toBeInstanceOf(InvalidKeyFormatError)
    expect((err as InvalidKeyFormatError).reason).toBe(reason)
    if (raw.trim().length > 0) expect(dump(err)).not.toContain(raw.trim())
    expect(validator.calls).toEqual([])
    expect(await keychain.get('production')).toBeNull()
  })

  it('accepts a key of exactly 512 characters', async () => {
    const svc = createCredentialsService({ keychain: createMemorySecretStore(), validateKey: acceptingValidator().validate })
    await svc.saveKey('custom', 'k'.repeat(512))
    expect(await svc.getKey('custom')).toHaveLength(512)
  })

  it('keeps each environment in its own slot', async () => {
    const keychain = createMemorySecretStore()
    const svc = createCredentialsService({ keychain, validateKey: acceptingValidator().validate })

    await svc.saveKey('production', PROD_KEY)
    await svc.saveKey('development', DEV_KEY)

    expect(await svc.getKey('production')).toBe(PROD_KEY)
    expect(await svc.getKey('development')).toBe(DEV_KEY)
    expect(await svc.getKey('demo')).toBeNull()
    expect(await svc.getKey('custom')).toBeNull()

    await svc.signOut('production')
    expect(await svc.getKey('production')).toBeNull()
    expect(await svc.getKey('development')).toBe(DEV_KEY)
  })

  it('refuses unknown environment ids without echoing the argument', async () => {
    const svc = createCredentialsService({ keychain: createMemorySecretStore(), validateKey: acceptingValidator().validate })
    const err = await rejection(svc.getKey(PROD_KEY as EnvironmentId))
    expect(err).toBeInstanceOf(TypeError)
    expect(dump(err)).not.toContain(PROD_KEY)
  })

  it('status exposes only the last 4 characters and the storage kind', async () => {
    const svc = createCredentialsService({ keychain: createMemorySecretStore(), validateKey: acceptingValidator().validate })
    await svc.saveKey('production', PROD_KEY)

    const status = await svc.status('production')

    expect(status).toEqual({ hasKey: true, last4: 'WXYZ', storage: 'keychain' })
    const json = JSON.stringify(status)
    expect(json).not.toContain(PROD_KEY)
    expect(json).not.toContain(PROD_KEY.slice(0, -4))
  })

  it('reads from the keychain once and then serves from memory', async () => {
    const keychain = createMemorySecretStore()
    await keychain.set('development', DEV_KEY) // saved by an earlier run of the app
    let reads = 0
    const counting: SecretStore = { ...keychain, kind: 'keychain', get: (a) => (reads++, keychain.get(a)) }
    const svc = createCredentialsService({ keychain: counting, validateKey: acceptingValidator().validate })

    expect(await svc.getKey('development')).toBe(DEV_KEY)
    expect(await svc.getKey('development')).toBe(DEV_KEY)
    expect(await svc.status('development')).toMatchObject({ hasKey: true, last4: 'QRST', storage: 'keychain' })
    expect(reads).toBe(1)
  })

  describe('one keychain read at a time', () => {
    /**
     * A keychain whose reads answer, with what it held when asked, only when the test lets them
     * (a D-Bus round trip); counts the reads.
     */
    function gatedKeychain(inner: SecretStore) {
      const gates: Array<() => void> = []
      let reads = 0
      const store: SecretStore = {
        kind: 'keychain',
        get: async (account) => {
          reads++
          const held = await inner.get(account)
          await new Promise<void>((resolve) => gates.push(resolve))
          return held
        },
        set: (a, v) => inner.set(a, v),
        delete: (a) => inner.delete(a)
      }
      return { store, reads: () => reads, answer: () => gates.splice(0).forEach((open) => open()) }
    }
    const tick = () => new Promise((resolve) => setImmediate(resolve))

    it('a caller that asks while a read is on its way waits for that read', async () => {
      const memory = createMemorySecretStore()
      await memory.set('development', DEV_KEY)
      const keychain = gatedKeychain(memory)
      const svc = createCredentialsService({ keychain: keychain.store, validateKey: acceptingValidator().validate })
      const first = svc.getKey('development')
      await tick()
      const second = svc.status('development')
      await tick()
      expect(keychain.reads()).toBe(1)
      keychain.answer()
      expect(await first).toBe(DEV_KEY)
      expect(await second).toMatchObject({ hasKey: true, last4: 'QRST' })
      expect(keychain.reads()).toBe(1)
    })

    it('a read that started before a save is not joined, and what it finds is not kept', async () => {
      const memory = createMemorySecretStore()
      await memory.set('production', 'old-key-before-save-0000')
      const keychain = gatedKeychain(memory)
      const svc = createCredentialsService({ keychain: keychain.store, validateKey: acceptingValidator().validate })
      const early = svc.getKey('production')
      await tick()
      await svc.saveKey('production', PROD_KEY)
      // After the save the key comes from memory: no read, and none joined.
      expect(await svc.getKey('production')).toBe(PROD_KEY)
      // The early read answers with the key the keychain held when it was asked: its caller gets
      // it, but it must not replace the saved key.
      keychain.answer()
      expect(await early).toBe('old-key-before-save-0000')
      expect(await svc.getKey('production')).toBe(PROD_KEY)
      expect(keychain.reads()).toBe(1)
    })

    it('a read that started before a sign-out is not joined: the next ask reads again', async () => {
      const memory = createMemorySecretStore()
      await memory.set('production', PROD_KEY)
      const keychain = gatedKeychain(memory)
      const svc = createCredentialsService({ keychain: keychain.store, validateKey: acceptingValidator().validate })
      const early = svc.getKey('production')
      await tick()
      await svc.signOut('production')
      const after = svc.getKey('production')
      await tick()
      expect(keychain.reads()).toBe(2)
      keychain.answer()
      expect(await after).toBeNull()
      // The early read found the key signed out since: it must not bring it back.
      expect(await early).toBe(PROD_KEY)
      const later = svc.getKey('production')
      await tick()
      keychain.answer()
      expect(await later).toBeNull()
      expect(keychain.reads()).toBe(3)
    })

    it('while a sign-out waits for the keychain to delete the key, nobody reads it back', async () => {
      const memory = createMemorySecretStore()
      await memory.set('production', PROD_KEY)
      let deleted!: () => void
      let reads = 0
      const slowDelete: SecretStore = {
        kind: 'keychain',
        get: (account) => (reads++, memory.get(account)),
        set: (a, v) => memory.set(a, v),
        delete: async (account) => {
          await new Promise<void>((resolve) => (deleted = resolve))
          return memory.delete(account)
        }
      }
      const svc = createCredentialsService({ keychain: slowDelete, validateKey: acceptingValidator().validate })
      const signingOut = svc.signOut('production')
      await tick()
      // The keychain still holds the key: a read now would find it, and keep it past the sign-out.
      expect(await svc.getKey('production')).toBeNull()
      expect(await svc.status('production')).toMatchObject({ hasKey: false })
      deleted()
      await signingOut
      expect(await svc.getKey('production')).toBeNull()
      expect(reads).toBe(1)
    })

    it('a failed read is not kept: the next ask tries the keychain again', async () => {
      let failing = true
      let reads = 0
      const memory = createMemorySecretStore()
      await memory.set('development', DEV_KEY)
      const flaky: SecretStore = {
        kind: 'keychain',
        get: (account) => {
          reads++
          return failing ? Promise.reject(new KeychainUnavailableError('no_secret_service', { platform: 'linux' })) : memory.get(account)
        },
        set: (a, v) => memory.set(a, v),
        delete: (a) => memory.delete(a)
      }
      const svc = createCredentialsService({ keychain: flaky, validateKey: acceptingValidator().validate })
      await expect(svc.getKey('development')).rejects.toBeInstanceOf(KeychainUnavailableError)
      failing = false
      expect(await svc.getKey('development')).toBe(DEV_KEY)
      expect(reads).toBe(2)
    })

    it('a read that timed out answers the next asks for a while (a hung keychain is not waited for twice), then the keychain is asked again', async () => {
      let clock = 0
      let hung = true
      let reads = 0
      const memory = createMemorySecretStore()
      await memory.set('development', DEV_KEY)
      const hanging: SecretStore = {
        kind: 'keychain',
        get: (account) => {
          reads++
          return hung ? Promise.reject(new KeychainUnavailableError('timed_out', { platform: 'linux' })) : memory.get(account)
        },
        set: (a, v) => memory.set(a, v),
        delete: (a) => memory.delete(a)
      }
      const svc = createCredentialsService({ keychain: hanging, validateKey: acceptingValidator().validate, timedOutReuseMs: 10_000, now: () => clock })
      await expect(svc.getKey('development')).rejects.toMatchObject({ reason: 'timed_out' })
      clock = 9_000
      // `status` right after the start's read: the same answer, without a second wait.
      expect((await svc.status('development')).keychainError?.reason).toBe('timed_out')
      expect(reads).toBe(1)
      hung = false
      clock = 10_001
      expect(await svc.getKey('development')).toBe(DEV_KEY)
      expect(reads).toBe(2)
    })

    it('after a sign-out, a read that timed out before it does not answer: the keychain is asked again', async () => {
      let reads = 0
      const hanging: SecretStore = {
        kind: 'keychain',
        get: () => {
          reads++
          return Promise.reject(new KeychainUnavailableError('timed_out', { platform: 'linux' }))
        },
        set: () => Promise.resolve(),
        delete: () => Promise.resolve(true)
      }
      const svc = createCredentialsService({ keychain: hanging, validateKey: acceptingValidator().validate, now: () => 0 })
      await expect(svc.getKey('development')).rejects.toMatchObject({ reason: 'timed_out' })
      await svc.signOut('development')
      await expect(svc.getKey('development')).rejects.toMatchObject({ reason: 'timed_out' })
      expect(reads).toBe(2)
    })
  })

  describe('session only', () => {
    it('keeps the key in memory and never writes the keychain', async () => {
      const keychain = createMemorySecretStore()
      const svc = createCredentialsService({ keychain, validateKey: acceptingValidator().validate })

      await svc.saveKey('production', PROD_KEY, { sessionOnly: true })

      expect(await keychain.get('production')).toBeNull()
      expect(await svc.getKey('production')).toBe(PROD_KEY)
      expect(await svc.status('production')).toEqual({ hasKey: true, last4: 'WXYZ', storage: 'session' })
    })

    it('works while the keychain is down, and is gone in a new service instance (a new run)', async () => {
      const svc = createCredentialsService({ keychain: brokenKeychain(), validateKey: acceptingValidator().validate })
      await svc.saveKey('development', DEV_KEY, { sessionOnly: true })
      expect(await svc.getKey('development')).toBe(DEV_KEY)
      expect(await svc.status('development')).toMatchObject({ storage: 'session' })

      const nextRun = createCredentialsService({ keychain: createMemorySecretStore(), validateKey: acceptingValidator().validate })
      expect(await nextRun.getKey('development')).toBeNull()
    })

    it('a later keychain save replaces the session key', async () => {
      const keychain = createMemorySecretStore()
      const svc = createCredentialsService({ keychain, validateKey: acceptingValidator().validate })
      await svc.saveKey('production', 'session-key-AAAA', { sessionOnly: true })
      await svc.saveKey('production', PROD_KEY)
      expect(await svc.status('production')).toEqual({ hasKey: true, last4: 'WXYZ', storage: 'keychain' })
    })
  })

  describe('keychain unavailable', () => {
    it('throws the typed error and stores nothing anywhere', async () => {
      const keychain = brokenKeychain()
      const validator = acceptingValidator()
      const svc = createCredentialsService({ keychain, validateKey: validator.validate })

      const err = await rejection(svc.saveKey('production', PROD_KEY))

      expect(err).toBeInstanceOf(KeychainUnavailableError)
      expect((err as KeychainUnavailableError).message).toMatch(/gnome-keyring|KeePassXC/)
      expect(dump(err)).not.toContain(PROD_KEY)
      // No silent fallback: the key is not usable in this run either.
      await expect(svc.getKey('production')).rejects.toBeInstanceOf(KeychainUnavailableError)
    })

    it('status reports the problem instead of throwing', async () => {
      const svc = createCredentialsService({ keychain: brokenKeychain(), validateKey: acceptingValidator().validate })
      const status = await svc.status('production')
      expect(status.hasKey).toBe(false)
      expect(status.storage).toBeNull()
      expect(status.keychainError?.message).toMatch(/Secret Service/)
    })

    it('signOut still forgets the in-memory key, then reports the keychain failure', async () => {
      const svc = createCredentialsService({ keychain: brokenKeychain(), validateKey: acceptingValidator().validate })
      await svc.saveKey('demo', DEV_KEY, { sessionOnly: true })
      await expect(svc.signOut('demo')).rejects.toBeInstanceOf(KeychainUnavailableError)
      await expect(svc.getKey('demo')).rejects.toBeInstanceOf(KeychainUnavailableError)
    })
  })

  it('signOut removes the key from keychain and memory', async () => {
    const keychain = createMemorySecretStore()
    const svc = createCredentialsService({ keychain, validateKey: acceptingValidator().validate })
    await svc.saveKey('production', PROD_KEY)
    expect(await svc.getKey('production')).toBe(PROD_KEY) // now cached in memory

    await svc.signOut('production')

    expect(await keychain.get('production')).toBeNull()
    expect(await svc.getKey('production')).toBeNull()
    expect(await svc.status('production')).toEqual({ hasKey: false, last4: null, storage: null })
  })

  describe('errors never contain the key', () => {
    it('redacts a validator error that quotes the key, keeping its class', async () => {
      const svc = createCredentialsService({
        keychain: createMemorySecretStore(),
        validateKey: async (_env, key) => {
          const err = new FakeAuthError(`bad token ${key}`, { cause: new Error(`request header token: ${key}`) })
          Object.assign(err, { header: key })
          throw err
        }
      })
      const err = await rejection(svc.saveKey('production', PROD_KEY))
      expect(err).toBeInstanceOf(FakeAuthError)
      expect(dump(err)).not.toContain(PROD_KEY)
      expect((err as Error).message).toContain('[REDACTED]')
    })

    it('replaces an error it cannot redact (frozen, or a thrown string)', async () => {
      for (const thrown of [Object.freeze(new Error(`x ${PROD_KEY}`)), `raw ${PROD_KEY}`]) {
        const svc = createCredentialsService({
          keychain: createMemorySecretStore(),
          validateKey: async () => {
            throw thrown
          }
        })
        const err = await rejection(svc.saveKey('production', PROD_KEY))
        expect(dump(err)).not.toContain(PROD_KEY)
        expect(await svc.getKey('production')).toBeNull()
      }
    })

    it('redacts a keychain error that quotes the key', async () => {
      const keychain: SecretStore = {
        ...createMemorySecretStore(),
        kind: 'keychain',
        set: async (_account, secret) => {
          throw new Error(`failed to store ${secret}`)
        }
      }
      const svc = createCredentialsService({ keychain, validateKey: acceptingValidator().validate })
      const err = await rejection(svc.saveKey('production', PROD_KEY))
      expect(dump(err)).not.toContain(PROD_KEY)
    })
  })

  it('serialises saves per environment: the last save wins even if its validation is faster', async () => {
    const keychain = createMemorySecretStore()
    const svc = createCredentialsService({
      keychain,
      validateKey: (_env, key) => new Promise((resolve) => setTimeout(resolve, key === 'first-key-slow-1111' ? 30 : 1))
    })
    await Promise.all([svc.saveKey('production', 'first-key-slow-1111'), svc.saveKey('production', 'second-key-fast-2222')])
    expect(await keychain.get('production')).toBe('second-key-fast-2222')
    expect(await svc.getKey('production')).toBe('second-key-fast-2222')
  })
})
