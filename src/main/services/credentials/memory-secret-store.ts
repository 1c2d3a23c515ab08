/**
 * In-process secret store. Used ONLY when the user explicitly chooses "this session only" (the
 * keychain is unavailable or they do not want the key persisted), and by tests of other modules.
 * It never writes anywhere: there is no plaintext fallback
 * (docs/architecture.md#the-api-key-never-leaves-main).
 */
import type { SecretStore } from './secret-store'

/** Creates an empty store whose contents die with the process. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    kind: 'memory',
    async get(account) {
      return secrets.get(account) ?? null
    },
    async set(account, secret) {
      secrets.set(account, secret)
    },
    async delete(account) {
      return secrets.delete(account)
    }
  }
}
