/**
 * Main's error messages are English sentences for the log. The UI shows a translated sentence
 * chosen by IpcCallError.kind / code (or SyncState.lastError.kind) and main's words only as a
 * secondary "Details: …" line.
 */
import type { TFunction } from 'i18next'
import { IpcCallError } from '../api/call'
import './strings'

/** Codes with a sentence of their own (see src/main/ipc/ipc-errors.ts). */
const CODES = ['ledger_locked', 'no_key'] as const

export interface ErrorText {
  /** Translated sentence for the user. */
  sentence: string
  /** Main's raw (English) message, for the "Details: …" line; null when there is none. */
  details: string | null
}

/** Translated sentence for a failed IPC call (t of namespace "ui"). */
export function describeError(error: unknown, t: TFunction): ErrorText {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : null
  if (error instanceof IpcCallError) {
    const code = error.code
    const sentence = code && (CODES as readonly string[]).includes(code) ? t(`errorCode.${code}`) : t(`errorText.${error.kind}`)
    return { sentence, details: raw }
  }
  return { sentence: t('errorText.internal'), details: raw }
}

const SYNC_KINDS = ['network', 'auth', 'rate_limited', 'server', 'protocol', 'pagination_limit', 'base_url', 'invalid_input', 'rejection', 'previous_run', 'internal'] as const

/** Translated sentence for SyncState.lastError (kinds from the sync service / SecPaid client). */
export function describeSyncError(lastError: { kind: string; message: string }, t: TFunction): ErrorText {
  const kind = (SYNC_KINDS as readonly string[]).includes(lastError.kind) ? lastError.kind : 'internal'
  return { sentence: t(`syncErrorText.${kind}`), details: lastError.message || null }
}
