/**
 * The one interface every secret backend implements (docs/architecture.md#the-api-key-never-leaves-main).
 *
 * Runs in main only. Nothing behind this interface may ever be handed to the renderer; callers
 * that need to show something use `CredentialsService.status()`, which exposes only the last 4
 * characters.
 */

/** A place that holds secrets by account name. "Not found" is `null`/`false`, never an error. */
export interface SecretStore {
  /** The secret for `account`, or null when none is stored. */
  get(account: string): Promise<string | null>
  /** Stores (or replaces) the secret for `account`. */
  set(account: string, secret: string): Promise<void>
  /** Removes the secret; true if one was removed. */
  delete(account: string): Promise<boolean>
  /** `keychain` persists across runs; `memory` is gone when the process exits. */
  readonly kind: 'keychain' | 'memory'
}
