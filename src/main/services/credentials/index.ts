/** Credentials layer (main process only): API keys per account in the OS keychain. */
export type { SecretStore } from './secret-store'
export { createMemorySecretStore } from './memory-secret-store'
export {
  createKeytarSecretStore,
  DEFAULT_KEYCHAIN_SERVICE,
  DEFAULT_KEYCHAIN_TIMEOUT_MS,
  PROBE_ACCOUNT,
  type KeytarLike,
  type KeytarSecretStore,
  type KeytarSecretStoreOptions,
  type ProbeResult
} from './keytar-secret-store'
export {
  KeychainUnavailableError,
  classifyKeychainFailure,
  explainKeychainFailure,
  toKeychainError,
  type KeychainErrorCause,
  type KeychainFailureReason
} from './keychain-errors'
export { InvalidKeyFormatError, normalizeApiKey, MAX_KEY_LENGTH, MIN_KEY_LENGTH, type InvalidKeyFormatReason } from './key-format'
export {
  createCredentialsService,
  type CredentialsService,
  type CredentialsServiceDeps,
  type KeySlot,
  type CredentialStatus,
  type KeyStorage,
  type SaveKeyOptions
} from './credentials-service'
export { keychainAccount, UNBOUND_CUSTOM_ACCOUNT } from './keychain-account'
