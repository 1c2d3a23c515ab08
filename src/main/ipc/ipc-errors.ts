/**
 * Maps any error thrown by a service to the IpcError the renderer sees. Only our own words and
 * already-redacted server text cross the bridge; unknown errors become a generic 'internal' error
 * (their message might contain anything, so it is logged in main, not sent).
 */
import type { IpcError } from '../../shared/ipc-channels'
import { KeychainUnavailableError } from '../services/credentials'
import { InvalidKeyFormatError } from '../services/credentials'
import {
  ApiRejection,
  AuthError,
  InvalidInputError,
  NetworkError,
  ProtocolError,
  RateLimited,
  SecpaidError,
  ServerError
} from '../services/secpaid/errors'
import { NoClientError } from '../services/sync'

/** Errors our services throw on purpose, with a message meant for the user. */
export class AppError extends Error {
  constructor(
    readonly kind: IpcError['kind'],
    message: string,
    readonly code?: string
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export function toIpcError(error: unknown, log: (line: string) => void = () => {}): IpcError {
  if (error instanceof AppError) return withCode({ kind: error.kind, message: error.message }, error.code)
  if (error instanceof AuthError) return { kind: 'auth', message: error.message, serverMessage: error.rawMessage }
  if (error instanceof ApiRejection) {
    return { kind: 'rejected', message: error.message, code: error.code, serverMessage: error.rawMessage }
  }
  if (error instanceof RateLimited) return { kind: 'rate_limited', message: error.message }
  if (error instanceof NetworkError) return { kind: 'offline', message: error.message }
  if (error instanceof ServerError) return { kind: 'server', message: error.message }
  if (error instanceof ProtocolError) return { kind: 'protocol', message: error.message }
  if (error instanceof InvalidInputError) return { kind: 'invalid_argument', message: error.message }
  if (error instanceof SecpaidError) return { kind: 'internal', message: error.message }
  if (error instanceof KeychainUnavailableError) return { kind: 'keychain_unavailable', message: error.message }
  if (error instanceof InvalidKeyFormatError) return { kind: 'invalid_argument', message: error.message }
  if (isNamedError(error, 'RefundPreconditionError')) {
    return withCode({ kind: 'precondition', message: error.message }, readCode(error))
  }
  if (isNamedError(error, 'RefundServiceError')) {
    // Messages of the refund service are our own sentences (no server text, no key).
    const code = (error as Error & { code?: unknown }).code
    const kind: IpcError['kind'] =
      code === 'offline' ? 'offline' : code === 'not_found' ? 'not_found' : code === 'invalid_input' ? 'invalid_argument' : 'precondition'
    return withCode({ kind, message: error.message }, typeof code === 'string' ? code : undefined)
  }
  if (isNamedError(error, 'LedgerLockedError')) {
    return { kind: 'precondition', message: 'Another SecPaid Desk process (app or CLI) is writing the refund ledger right now. Try again in a moment.', code: 'ledger_locked' }
  }
  if (error instanceof NoClientError) {
    return { kind: 'precondition', message: 'No SecPaid API key is stored for this environment. Add it in Settings.', code: 'no_key' }
  }
  log(`internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  return { kind: 'internal', message: 'Something went wrong inside SecPaid Desk. Details are in the log.' }
}

function withCode(e: IpcError, code: string | undefined): IpcError {
  return code === undefined ? e : { ...e, code }
}

function isNamedError(error: unknown, name: string): error is Error {
  return error instanceof Error && error.name === name
}

function readCode(error: Error): string | undefined {
  const reasons = (error as Error & { reasons?: unknown }).reasons
  if (Array.isArray(reasons)) return reasons.join(',')
  return undefined
}
