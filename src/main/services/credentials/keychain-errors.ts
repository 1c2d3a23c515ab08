/**
 * Maps whatever the native keychain layer throws to one typed, human error.
 *
 * Security rule (docs/architecture.md#the-api-key-never-leaves-main): the original error is NOT
 * attached. Only its class name and a truncated message survive in `cause`, with the secret being
 * written (if any) cut out, so the error can be logged and shown without ever carrying the key.
 */
import { redact } from '../secpaid/redact'

/** Why the keychain could not be used; drives the advice shown to the user. */
export type KeychainFailureReason =
  | 'no_dbus'
  | 'no_secret_service'
  | 'no_keyring'
  | 'locked'
  | 'cancelled'
  | 'module_load'
  | 'timed_out'
  | 'unknown'

/** What is kept of the underlying error: its class and (redacted, truncated) message. */
export interface KeychainErrorCause {
  name: string
  message: string
}

const SUMMARY: Record<KeychainFailureReason, string> = {
  no_dbus: 'no D-Bus session bus is reachable',
  no_secret_service: 'no Secret Service (keyring) is running',
  no_keyring: 'the keyring has no default collection',
  locked: 'the keychain is locked',
  cancelled: 'the keychain unlock was cancelled',
  module_load: 'the keychain module could not be loaded',
  timed_out: 'the keychain did not answer in time (timed out)',
  unknown: 'the keychain reported an error'
}

const SESSION_ONLY_HINT =
  'Alternatively, choose "this session only" to keep the key in memory until you quit the app.'

/** Platform-specific advice: what to install or unlock. */
export function explainKeychainFailure(reason: KeychainFailureReason, platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return `Open Keychain Access, unlock your login keychain and allow SecPaid Desk to use it when asked. ${SESSION_ONLY_HINT}`
  }
  if (platform === 'win32') {
    return `Check that Windows Credential Manager is available for your user account (the "Credential Manager" service is running). ${SESSION_ONLY_HINT}`
  }
  const linux: Record<KeychainFailureReason, string> = {
    no_dbus:
      'Run SecPaid Desk inside a desktop session so a D-Bus session bus is available (DBUS_SESSION_BUS_ADDRESS is set), with a Secret Service such as gnome-keyring or KeePassXC running.',
    no_secret_service:
      'Install a Secret Service provider, e.g. gnome-keyring (apt install gnome-keyring libsecret-1-0) or KeePassXC with "Secret Service integration" enabled, and make sure it runs in your desktop session.',
    no_keyring:
      'Create or unlock a default keyring, e.g. in "Passwords and Keys" (Seahorse) or KeePassXC, then try again.',
    locked: 'Unlock your keyring (e.g. "Passwords and Keys" / Seahorse, or KeePassXC) and try again.',
    cancelled: 'Try again and unlock the keyring when your desktop asks for its password.',
    module_load:
      'Install libsecret (apt install libsecret-1-0) and reinstall SecPaid Desk so its keychain module matches this system.',
    timed_out:
      'The keyring may be waiting for an unlock prompt or be hung. Unlock it (or restart gnome-keyring / KeePassXC) and try again.',
    unknown:
      'Make sure a Secret Service provider (gnome-keyring or KeePassXC) is running in your desktop session and its keyring is unlocked.'
  }
  return `${linux[reason]} ${SESSION_ONLY_HINT}`
}

/** The OS keychain cannot be used right now. Never contains a secret. */
export class KeychainUnavailableError extends Error {
  readonly kind = 'keychain_unavailable' as const
  /** Human advice on what to install or unlock. Also part of `message`. */
  readonly explanation: string
  override readonly cause: KeychainErrorCause | undefined

  constructor(
    readonly reason: KeychainFailureReason,
    options: { cause?: KeychainErrorCause; platform?: NodeJS.Platform } = {}
  ) {
    const explanation = explainKeychainFailure(reason, options.platform ?? process.platform)
    super(`Cannot use the system keychain: ${SUMMARY[reason]}. ${explanation}`)
    this.name = 'KeychainUnavailableError'
    this.explanation = explanation
    this.cause = options.cause
  }
}

// Ordered: the first match wins. Texts are what keytar/libsecret/GLib/macOS actually say, e.g.
// "Cannot autolaunch D-Bus without X11 $DISPLAY" (no bus address), "Could not connect: No such file
// or directory" (stale socket), "The name org.freedesktop.secrets was not provided by any .service
// files" (no provider; shiftkey/desktop#7), "Object does not exist at path
// “/org/freedesktop/secrets/collection/login”" (provider but no default keyring, no prompter).
const PATTERNS: ReadonlyArray<[RegExp, KeychainFailureReason]> = [
  [/cannot find module|libsecret-1\.so|cannot open shared object|node_module_version|was compiled against|invalid elf|dlopen/i, 'module_load'],
  [/autolaunch d-bus|dbus_session_bus_address|could not connect|failed to connect to socket|connection refused|unable to autolaunch|no such file or directory/i, 'no_dbus'],
  [/org\.freedesktop\.secrets|\.service files|serviceunknown|not provided by any/i, 'no_secret_service'],
  [/object does not exist at path|no such object|collection.*(not|does not) exist/i, 'no_keyring'],
  [/cancel|dismissed/i, 'cancelled'],
  [/locked|interaction is not allowed|-25308|-128\b/i, 'locked'],
  [/timed? ?out|timeout/i, 'timed_out']
]

const MAX_CAUSE_MESSAGE = 300

/** Keeps class and message of `err`, minus `secret`, truncated. */
export function describeCause(err: unknown, secret?: string): KeychainErrorCause {
  const name = err instanceof Error ? err.constructor.name || err.name : typeof err
  let message = err instanceof Error ? err.message : String(err)
  if (secret) message = redact(message, secret)
  if (message.length > MAX_CAUSE_MESSAGE) message = `${message.slice(0, MAX_CAUSE_MESSAGE)}…`
  return { name, message }
}

/** Classifies a raw keychain failure by its text. */
export function classifyKeychainFailure(message: string): KeychainFailureReason {
  for (const [pattern, reason] of PATTERNS) if (pattern.test(message)) return reason
  return 'unknown'
}

/**
 * Turns any error thrown by the native layer into a KeychainUnavailableError. keytar only throws
 * when the backend fails ("not found" is null/false), so every throw means "keychain unusable".
 */
export function toKeychainError(
  err: unknown,
  options: { secret?: string; platform?: NodeJS.Platform; reason?: KeychainFailureReason } = {}
): KeychainUnavailableError {
  if (err instanceof KeychainUnavailableError) return err
  const cause = describeCause(err, options.secret)
  const reason = options.reason ?? classifyKeychainFailure(cause.message)
  return new KeychainUnavailableError(reason, { cause, platform: options.platform })
}
