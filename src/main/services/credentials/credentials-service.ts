/**
 * One API key per account: an environment's built-in account, or an account the user added for
 * another shop (shared/accounts.ts) — for custom, per server (keychain-account.ts)
 * (docs/architecture.md#the-api-key-never-leaves-main). Runs in main only.
 *
 * Trust boundary: `getKey` is for main-process services (the SecPaid client). `status` is the ONLY
 * thing that may cross IPC to the renderer: it carries the last 4 characters, never the key.
 *
 * Order in saveKey is deliberate: shape check → validate against SecPaid → store. A key that the
 * server rejects is never stored, and a keychain failure is reported, never papered over with a
 * file or a silent memory fallback; memory is used only when the caller passes `sessionOnly`
 * because the user chose it.
 */
import { ADDED_ACCOUNT_ID_PATTERN } from '@shared/accounts'
import { ENVIRONMENTS, type EnvironmentId } from '@shared/domain'
import type { SecretStore } from './secret-store'
import { createMemorySecretStore } from './memory-secret-store'
import { KeychainUnavailableError, type KeychainFailureReason } from './keychain-errors'
import { normalizeApiKey } from './key-format'
import { sanitizeError } from './redact-error'

export type KeyStorage = 'keychain' | 'session'

/** Safe to send to the renderer. */
export interface CredentialStatus {
  hasKey: boolean
  /** Last 4 characters of the key, for "key ending in …abcd". */
  last4: string | null
  storage: KeyStorage | null
  /** Present when the keychain could not be read; the message is human advice, secret-free. */
  keychainError?: { message: string; reason: KeychainFailureReason }
}

export interface SaveKeyOptions {
  /** The user explicitly chose "this session only": keep the key in memory, never persist it. */
  sessionOnly?: boolean
}

/**
 * Whose key: an environment id is that environment's built-in account (the slot it always had);
 * an added account has its own slot in its environment.
 */
export type KeySlot = EnvironmentId | { env: EnvironmentId; accountId: string }

export interface CredentialsServiceDeps {
  /** The persistent store (keytar in the app). */
  keychain: SecretStore
  /**
   * The keychain account of an environment (keychain-account.ts: the custom slot is bound to its
   * server). Default: the environment id.
   */
  accountFor?: (env: EnvironmentId) => string
  /** Proves the key works for `env` (e.g. one cheap authenticated call); throws AuthError etc. */
  validateKey: (env: EnvironmentId, key: string) => Promise<void>
  /**
   * How long a keychain read that timed out answers for the next ones (default 3 s): asking a hung
   * keychain again at once would only wait its whole timeout again (a `status` right after a
   * start that waited). Short, so that a user who has just unlocked the keyring is asked again.
   */
  timedOutReuseMs?: number
  /** Milliseconds clock (default performance.now: monotonic, a system clock set back does not stretch the reuse). */
  now?: () => number
}

export interface CredentialsService {
  /** Checks, validates, then stores `rawKey` for `slot`. Nothing is stored if any step fails. */
  saveKey(slot: KeySlot, rawKey: string, options?: SaveKeyOptions): Promise<void>
  /** The key for `slot`, for main-process use only. Throws KeychainUnavailableError if unreadable. */
  getKey(slot: KeySlot): Promise<string | null>
  /** Renderer-safe summary; never throws for keychain trouble, reports it in `keychainError`. */
  status(slot: KeySlot): Promise<CredentialStatus>
  /** Forgets the key for `slot` in memory and removes it from the keychain. */
  signOut(slot: KeySlot): Promise<void>
}

/** The slot's environment, checked. */
function slotEnvironment(slot: KeySlot): EnvironmentId {
  const env: unknown = typeof slot === 'string' ? slot : slot.env
  // The value is deliberately not echoed: a swapped (slot, key) argument pair would leak the key.
  if (typeof env !== 'string' || !(ENVIRONMENTS as readonly string[]).includes(env)) throw new TypeError('Unknown environment id')
  if (typeof slot !== 'string' && !ADDED_ACCOUNT_ID_PATTERN.test(slot.accountId)) throw new TypeError('Unknown account id')
  return env as EnvironmentId
}

/** Creates the service. Holds keys in memory only for this process. */
export function createCredentialsService(deps: CredentialsServiceDeps): CredentialsService {
  const { keychain, validateKey } = deps
  const envAccount = deps.accountFor ?? ((env: EnvironmentId) => env)
  /** The keychain account of a slot: an added account's is prefixed with its id, so no two shops share one. */
  const accountFor = (slot: KeySlot): string =>
    typeof slot === 'string' ? envAccount(slot) : `account:${slot.accountId}:${envAccount(slot.env)}`
  // Everything below is keyed by keychain account, not environment: a key belongs to its slot.
  // Keys the user chose to keep for this run only. Never written anywhere.
  const session = createMemorySecretStore()
  // Keys read from (or written to) the keychain, so each call does not hit the OS (or a prompt).
  const cache = new Map<string, string>()
  // Bumped by every save/sign-out, so a keychain read that started earlier cannot re-cache a stale key.
  const generation = new Map<string, number>()
  // Mutations per account run one after another: the last save the user made wins.
  const queues = new Map<string, Promise<unknown>>()
  // Keychain reads on their way, with the generation they started at (readKeychain); a read that
  // timed out stays here until `until`.
  const reads = new Map<string, { startedAt: number; read: Promise<string | null>; until?: number }>()
  const now = deps.now ?? (() => performance.now())
  const timedOutReuseMs = deps.timedOutReuseMs ?? 3_000
  // Accounts whose keychain entry is being deleted (signOut).
  const signingOut = new Set<string>()

  function bump(account: string): void {
    generation.set(account, (generation.get(account) ?? 0) + 1)
  }

  function exclusive<T>(account: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(account) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(work)
    queues.set(account, next)
    return next
  }

  async function locate(account: string): Promise<{ key: string; storage: KeyStorage } | null> {
    const sessionKey = await session.get(account)
    if (sessionKey !== null) return { key: sessionKey, storage: 'session' }
    if (signingOut.has(account)) return null
    const cached = cache.get(account)
    if (cached !== undefined) return { key: cached, storage: 'keychain' }
    const stored = await readKeychain(account)
    return stored === null ? null : { key: stored, storage: 'keychain' }
  }

  /**
   * One keychain read per account at a time: a caller that asks while a read is on its way waits
   * for that read (the app asks for the key at start, before the cache is read, and again once the
   * cache is open: one D-Bus round trip, or one timeout on a hung bus, serves both). A read that
   * started before a save or sign-out is not joined and does not cache what it finds. A read that
   * timed out answers the same for `timedOutReuseMs` (a `status` right after a start that waited
   * for a hung keychain would otherwise wait as long again); any other failure is forgotten.
   */
  function readKeychain(account: string): Promise<string | null> {
    const startedAt = generation.get(account) ?? 0
    const pending = reads.get(account)
    if (pending !== undefined && pending.startedAt === startedAt && (pending.until === undefined || now() < pending.until)) return pending.read
    const read = keychain.get(account).then((stored) => {
      if (stored !== null && (generation.get(account) ?? 0) === startedAt) cache.set(account, stored)
      return stored
    })
    const entry: { startedAt: number; read: Promise<string | null>; until?: number } = { startedAt, read }
    reads.set(account, entry)
    // A failed read is forgotten too (the next caller asks the keychain again), unless it timed out.
    const settled = (): void => {
      if (reads.get(account) === entry) reads.delete(account)
    }
    read.then(settled, (error: unknown) => {
      if (error instanceof KeychainUnavailableError && error.reason === 'timed_out' && reads.get(account) === entry) entry.until = now() + timedOutReuseMs
      else settled()
    })
    return read
  }

  return {
    async saveKey(slot, rawKey, options = {}) {
      const env = slotEnvironment(slot)
      const key = normalizeApiKey(rawKey)
      const account = accountFor(slot)
      return exclusive(account, async () => {
        try {
          await validateKey(env, key)
        } catch (err) {
          throw sanitizeError(err, key)
        }
        if (options.sessionOnly) {
          // The keychain is left alone: it may be unavailable, which is usually why the user chose this.
          await session.set(account, key)
          cache.delete(account)
          bump(account)
          return
        }
        try {
          await keychain.set(account, key)
        } catch (err) {
          throw sanitizeError(err, key)
        }
        await session.delete(account)
        cache.set(account, key)
        bump(account)
      })
    },

    async getKey(slot) {
      slotEnvironment(slot)
      return (await locate(accountFor(slot)))?.key ?? null
    },

    async status(slot) {
      slotEnvironment(slot)
      try {
        const found = await locate(accountFor(slot))
        if (!found) return { hasKey: false, last4: null, storage: null }
        return { hasKey: true, last4: found.key.slice(-4), storage: found.storage }
      } catch (err) {
        if (!(err instanceof KeychainUnavailableError)) throw err
        return { hasKey: false, last4: null, storage: null, keychainError: { message: err.message, reason: err.reason } }
      }
    },

    async signOut(slot) {
      slotEnvironment(slot)
      const account = accountFor(slot)
      return exclusive(account, async () => {
        // Memory first: even if the keychain is unreachable, this run stops using the key.
        await session.delete(account)
        cache.delete(account)
        bump(account)
        // Until the keychain has answered it still holds the key: nobody reads it meanwhile.
        signingOut.add(account)
        try {
          await keychain.delete(account)
        } finally {
          signingOut.delete(account)
        }
      })
    }
  }
}
