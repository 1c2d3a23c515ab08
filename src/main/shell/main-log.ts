/**
 * The main process's log file: `<logs folder>/main.log`, rotated to main.old.log at 1 MB (so at
 * most ~2 MB on disk), written synchronously so the line about a crash is on disk before the
 * process can go down. Uses electron-log's plain-Node build: no electron import, so the same
 * module works in unit tests and in any Node path.
 *
 * No API key may ever reach the file. Every line passes through the key redaction; the keys it
 * must cut out are learnt from the keychain (see watchSecrets) because the logger cannot know them.
 */
import { join } from 'node:path'
import { inspect } from 'node:util'
import electronLog from 'electron-log/node'
import type { SecretStore } from '../services/credentials'
import { redact } from '../services/secpaid/errors'

export interface MainLog {
  info(...data: unknown[]): void
  warn(...data: unknown[]): void
  error(...data: unknown[]): void
  /** Adds a secret that must never appear in the log (idempotent). */
  rememberSecret(secret: string): void
  readonly file: string
}

export interface MainLogOptions {
  dir: string
  /** Bytes before rotation; the default keeps the log readable in an editor. */
  maxBytes?: number
  /** Echo to the console too (development runs). */
  console?: boolean
}

let created = 0

export function createMainLog(options: MainLogOptions): MainLog {
  const secrets = new Set<string>()
  const scrub = (text: string): string => {
    let out = text
    for (const secret of secrets) out = redact(out, secret)
    return out
  }
  // One electron-log instance per call (its default instance is process-global).
  const logger = electronLog.create({ logId: `secpaid-desk-main-${++created}` })
  const file = join(options.dir, 'main.log')
  logger.transports.file.resolvePathFn = () => file
  logger.transports.file.maxSize = options.maxBytes ?? 1024 * 1024
  logger.transports.file.sync = true
  logger.transports.file.level = 'info'
  logger.transports.console.level = options.console ? 'info' : false
  logger.transports.ipc = null as never
  logger.transports.remote = null as never
  // Stringify first (Errors with stack and cause, objects) so nothing escapes the scrub as a
  // structure the transport would format later.
  logger.hooks.push((message) => ({
    ...message,
    data: message.data.map((item: unknown) => scrub(typeof item === 'string' ? item : inspect(item, { depth: 4, breakLength: Infinity })))
  }))
  return {
    info: (...data) => logger.info(...data),
    warn: (...data) => logger.warn(...data),
    error: (...data) => logger.error(...data),
    rememberSecret(secret) {
      if (secret.length > 0) secrets.add(secret)
    },
    file
  }
}

/**
 * Wraps the keychain so every key read from it or written to it is also handed to the log's
 * redaction. Behaviour of the store is unchanged.
 */
export function watchSecrets(store: SecretStore, log: Pick<MainLog, 'rememberSecret'>): SecretStore {
  return {
    kind: store.kind,
    async get(account) {
      const secret = await store.get(account)
      if (secret !== null) log.rememberSecret(secret)
      return secret
    },
    async set(account, secret) {
      log.rememberSecret(secret)
      await store.set(account, secret)
    },
    delete: (account) => store.delete(account)
  }
}
