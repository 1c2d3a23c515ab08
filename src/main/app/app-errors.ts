/**
 * The one error table of the application. Every error a use case may throw on purpose carries a
 * stable `kind`; this table turns it into both what the renderer sees over IPC (IpcError) and what
 * the CLI exits with. Only our own words and already-redacted server text cross the bridge;
 * anything not in the table becomes a generic 'internal' error whose message is logged, not sent
 * (it might contain anything, e.g. a path or a key).
 */
import type { IpcError, IpcErrorKind } from '@shared/ipc-channels'
import { InvalidKeyFormatError, KeychainUnavailableError } from '../services/credentials'
import { RefundPreconditionError, RefundServiceError } from '../services/refunds/refund-errors'
import {
  ApiRejection,
  AuthError,
  BaseUrlError,
  InvalidInputError,
  NetworkError,
  PaginationLimitError,
  ProtocolError,
  RateLimited,
  RequestAborted,
  SecpaidError,
  ServerError
} from '../services/secpaid/errors'
import { CacheReadError } from '../services/storage/cache-read-error'
import { LedgerLockedError } from '../services/storage/refund-ledger-lock'
import { NoClientError } from '../services/sync/sync-errors'
import { TeamRefusalError } from '../services/team/team-errors'
import { EXIT, type ExitCode } from './exit-status'

export { EXIT, type ExitCode } from './exit-status'

/** Errors the application layer throws on purpose, with a message meant for the user. */
export class AppError extends Error {
  readonly kind = 'app' as const
  constructor(
    readonly reason: Extract<IpcErrorKind, 'invalid_argument' | 'precondition' | 'not_found'>,
    message: string,
    readonly code?: string,
    /** Values the renderer's sentence for `code` needs (IpcError.params). */
    readonly params?: Record<string, string>
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** Work for one account was asked for, and another account opened before it could run. */
export function accountSwitchedError(): AppError {
  return new AppError('precondition', 'Another account was opened meanwhile; nothing was done. Please try again.', 'account_switched')
}

/**
 * Work that needs every cached row was asked for, and a cached month could not be read (an I/O
 * error, not bad content: that is set aside and refetched). The error's own words go along as detail.
 */
export function cacheUnreadableError(failure: Error): AppError {
  return new AppError('precondition', `The stored data of some months could not be read (${failure.message}); nothing was done. Start SecPaid Desk again.`, 'cache_unreadable')
}

/** What a failure means for each front end. */
export interface FailureView {
  ipc: IpcError
  exit: ExitCode
  /** The CLI's stderr line (without the program name). */
  cliMessage: string
}

type DomainError =
  | AppError
  | AuthError
  | ApiRejection
  | RateLimited
  | NetworkError
  | ServerError
  | ProtocolError
  | InvalidInputError
  | BaseUrlError
  | RequestAborted
  | PaginationLimitError
  | KeychainUnavailableError
  | InvalidKeyFormatError
  | RefundPreconditionError
  | RefundServiceError
  | LedgerLockedError
  | NoClientError
  | TeamRefusalError
  | CacheReadError

type Rule<E> = (error: E) => FailureView
type Table = { [K in DomainError['kind']]: Rule<Extract<DomainError, { kind: K }>> }

const withCode = (e: IpcError, code: string | undefined): IpcError => (code === undefined ? e : { ...e, code })
/** The CLI's wording for errors it has no sentence of its own for. */
const named = (e: Error): string => `${e.name}: ${e.message}`
const view = (ipc: IpcError, exit: ExitCode, cliMessage: string): FailureView => ({ ipc, exit, cliMessage })

const REFUND_SERVICE_IPC_KIND: Partial<Record<RefundServiceError['code'], IpcErrorKind>> = {
  offline: 'offline',
  not_found: 'not_found',
  invalid_input: 'invalid_argument'
}
const REFUND_SERVICE_EXIT: Partial<Record<RefundServiceError['code'], ExitCode>> = { offline: EXIT.offline, no_key: EXIT.auth }

const TABLE: Table = {
  app: (e) =>
    view(
      withCode({ kind: e.reason, message: e.message, ...(e.params ? { params: e.params } : {}) }, e.code),
      e.reason === 'precondition' ? EXIT.rejected : e.reason === 'invalid_argument' ? EXIT.usage : EXIT.failure,
      e.message
    ),
  // Never the server's text: a reply to a bad key may quote the key in any shape.
  auth: (e) => view({ kind: 'auth', message: e.message }, EXIT.auth, `${e.message}. Check the key and the environment (--env).`),
  rejection: (e) => view({ kind: 'rejected', message: e.message, code: e.code, serverMessage: e.rawMessage }, EXIT.rejected, e.message),
  rate_limited: (e) => view({ kind: 'rate_limited', message: e.message }, EXIT.offline, e.message),
  network: (e) => view({ kind: 'offline', message: e.message }, EXIT.offline, e.message),
  server: (e) => view({ kind: 'server', message: e.message }, EXIT.failure, named(e)),
  protocol: (e) => view({ kind: 'protocol', message: e.message }, EXIT.failure, named(e)),
  invalid_input: (e) => view({ kind: 'invalid_argument', message: e.message }, EXIT.failure, named(e)),
  base_url: (e) => view({ kind: 'internal', message: e.message }, EXIT.usage, e.message),
  aborted: (e) => view({ kind: 'internal', message: e.message }, EXIT.failure, named(e)),
  pagination_limit: (e) => view({ kind: 'internal', message: e.message }, EXIT.failure, named(e)),
  keychain_unavailable: (e) => view({ kind: 'keychain_unavailable', message: e.message }, EXIT.keychain, e.message),
  invalid_key_format: (e) => view({ kind: 'invalid_argument', message: e.message }, EXIT.usage, e.message),
  // A local pre-check failed; the code lists every reason (the renderer names each one).
  refund_precondition: (e) => view(withCode({ kind: 'precondition', message: e.message }, e.reasons.join(',')), EXIT.rejected, e.message),
  // Messages of the refund service are our own sentences (no server text, no key).
  refund_service: (e) =>
    view({ kind: REFUND_SERVICE_IPC_KIND[e.code] ?? 'precondition', message: e.message, code: e.code }, REFUND_SERVICE_EXIT[e.code] ?? EXIT.failure, e.message),
  ledger_locked: (e) =>
    view(
      { kind: 'precondition', message: 'Another SecPaid Desk process (app or CLI) is writing the refund ledger right now. Try again in a moment.', code: 'ledger_locked' },
      EXIT.failure,
      named(e)
    ),
  // The team refused or could not be asked: nothing was sent. Params let the window name the holder.
  team_refusal: (e) => view({ kind: 'precondition', message: e.message, code: e.code, params: e.params }, e.code === 'team_unreachable' ? EXIT.offline : EXIT.rejected, e.message),
  // Our sentence and a path of this PC's data folder: the window shows it as the error's detail.
  cache_read: (e) =>
    view(
      { kind: 'internal', message: e.message },
      EXIT.failure,
      `${e.message}. Check that file's permissions and the disk; SecPaid Desk left it as it is.`
    ),
  needs_key: (e) =>
    view({ kind: 'precondition', message: 'No SecPaid API key is stored for this environment. Add it in Settings.', code: 'no_key' }, EXIT.failure, named(e))
}

function asDomainError(error: unknown): DomainError | null {
  const known =
    error instanceof AppError ||
    error instanceof SecpaidError ||
    error instanceof KeychainUnavailableError ||
    error instanceof InvalidKeyFormatError ||
    error instanceof RefundPreconditionError ||
    error instanceof RefundServiceError ||
    error instanceof LedgerLockedError ||
    error instanceof NoClientError ||
    error instanceof TeamRefusalError ||
    error instanceof CacheReadError
  return known && (error as DomainError).kind in TABLE ? (error as DomainError) : null
}

const INTERNAL: IpcError = { kind: 'internal', message: 'Something went wrong inside SecPaid Desk. Details are in the log.' }

/** What `error` means for the renderer and the CLI; unknown errors are logged and stay vague. */
export function describeFailure(error: unknown, log: (line: string) => void = () => {}): FailureView {
  const domain = asDomainError(error)
  if (domain !== null) {
    const failure = (TABLE[domain.kind] as Rule<DomainError>)(domain)
    // What the window can only call internal is worth a line in the log (our own words).
    if (failure.ipc.kind === 'internal') log(`internal error: ${named(domain)}`)
    return failure
  }
  log(`internal error: ${error instanceof Error ? named(error) : String(error)}`)
  return view(INTERNAL, EXIT.failure, error instanceof Error ? named(error) : String(error))
}
