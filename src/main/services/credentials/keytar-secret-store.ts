/**
 * SecretStore over the OS keychain via keytar (service per app, account per
 * environment). This is the only file that touches keytar, so replacing it (keytar is archived)
 * stays one file wide.
 *
 * Every failure becomes KeychainUnavailableError; there is no fallback here. The caller decides,
 * with the user, whether a session-only memory store is acceptable
 * (docs/architecture.md#the-api-key-never-leaves-main).
 */
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { SecretStore } from './secret-store'
import { KeychainUnavailableError, toKeychainError } from './keychain-errors'

/** The part of keytar we use; injectable so tests and other backends can stand in. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export type ProbeResult = { ok: true } | { ok: false; error: KeychainUnavailableError }

export interface KeytarSecretStore extends SecretStore {
  readonly kind: 'keychain'
  readonly service: string
  /** Harmless set/get/delete round trip on a probe account: does the keychain work right now? */
  probe(): Promise<ProbeResult>
}

export interface KeytarSecretStoreOptions {
  /** Keychain service name. Tests use a unique one per run. */
  service?: string
  /** An already-loaded keytar (or stand-in). Default: keytar, loaded on first use. */
  keytar?: KeytarLike
  /** Custom loader, used when `keytar` is not given; lets tests simulate a broken native module. */
  loadKeytar?: () => Promise<KeytarLike>
  /** A keychain call slower than this is reported as unavailable. keytar can hang on a dead bus. */
  timeoutMs?: number
  /** For the advice text; defaults to process.platform. */
  platform?: NodeJS.Platform
}

export const DEFAULT_KEYCHAIN_SERVICE = 'SecPaid Desk'
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 10_000
/** Account used by probe(); distinct from every environment id so it never shadows a real key. */
export const PROBE_ACCOUNT = 'secpaid-desk-probe'

/**
 * Loads keytar (a CommonJS native module) synchronously, not with `import()`: a dynamic import
 * resolves only after several turns of the event loop (~10 ms), so a keychain read started just
 * before a long synchronous step (the app reads its cache right after asking for the key) would
 * not be sent until that step ended. Loaded this way, the read is on keytar's worker thread
 * within the same turn.
 */
async function requireKeytar(): Promise<KeytarLike> {
  const mod = createRequire(__filename)('keytar') as KeytarLike & { default?: KeytarLike }
  return mod.default ?? mod
}

/**
 * Rejects with a timed_out KeychainUnavailableError if `work` takes longer than `ms`. The native
 * call cannot be cancelled: a timed-out set may still land in the keychain later.
 *
 * The rejection waits one more turn (setImmediate) once the timer fires: when main was busy past
 * `ms` (the app reads its cache while the first key read is on its way), the timer and keytar's
 * answer are both due, and timers run before I/O callbacks in a turn, so the answer that arrived
 * in time would otherwise lose to the timer.
 */
function withTimeout<T>(work: Promise<T>, ms: number, platform: NodeJS.Platform): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => setImmediate(() => reject(new KeychainUnavailableError('timed_out', { platform }))), ms)
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (err: unknown) => {
        clearTimeout(timer)
        reject(err)
      }
    )
  })
}

/** Creates the keychain-backed store. Nothing is loaded or touched until the first call. */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): KeytarSecretStore {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS
  const platform = options.platform ?? process.platform
  const loader = options.loadKeytar ?? requireKeytar
  let loaded: Promise<KeytarLike> | null = options.keytar ? Promise.resolve(options.keytar) : null

  function keytar(): Promise<KeytarLike> {
    if (!loaded) {
      loaded = loader().catch((err: unknown) => {
        // Forget the failure so a later call (after the user installs libsecret) can retry.
        loaded = null
        throw toKeychainError(err, { platform, reason: 'module_load' })
      })
    }
    return loaded
  }

  /** Runs one keychain operation with timeout and error mapping; `secret` is scrubbed from causes. */
  async function run<T>(op: (kt: KeytarLike) => Promise<T>, secret?: string): Promise<T> {
    try {
      const kt = await keytar()
      // Promise.resolve().then: keytar validates arguments synchronously and may throw outright.
      return await withTimeout(Promise.resolve().then(() => op(kt)), timeoutMs, platform)
    } catch (err) {
      throw toKeychainError(err, { secret, platform })
    }
  }

  function checkAccount(account: string): void {
    if (account.length === 0) throw new TypeError('keychain account name must not be empty')
  }

  const store: KeytarSecretStore = {
    kind: 'keychain',
    service,
    get(account) {
      checkAccount(account)
      return run((kt) => kt.getPassword(service, account))
    },
    set(account, secret) {
      checkAccount(account)
      return run((kt) => kt.setPassword(service, account, secret), secret)
    },
    delete(account) {
      checkAccount(account)
      return run((kt) => kt.deletePassword(service, account))
    },
    async probe() {
      const value = `probe-${randomUUID()}`
      try {
        await store.set(PROBE_ACCOUNT, value)
        const readBack = await store.get(PROBE_ACCOUNT)
        await store.delete(PROBE_ACCOUNT)
        if (readBack !== value) {
          return {
            ok: false,
            error: new KeychainUnavailableError('unknown', {
              platform,
              cause: { name: 'ProbeMismatch', message: 'the keychain returned a different value than was stored' }
            })
          }
        }
        return { ok: true }
      } catch (err) {
        if (err instanceof KeychainUnavailableError) return { ok: false, error: err }
        throw err
      }
    }
  }
  return store
}
