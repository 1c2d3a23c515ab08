/**
 * Main's error messages are English sentences for the log. The UI shows a translated sentence
 * chosen by IpcCallError.kind / code (or SyncState.lastError.kind) and main's words only as a
 * secondary "Details: …" line.
 */
import type { TFunction } from 'i18next'
import { IpcCallError } from '../api/call'
import { isKeyOf } from '../i18n'
import { en } from '../i18n/resources'

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
    // Codes with a sentence of their own (see src/main/ipc/ipc-errors.ts), else one per kind.
    const code = error.code ?? ''
    const kind: string = error.kind
    const sentence = isKeyOf(en.ui.errorCode, code)
      ? t(`errorCode.${code}`)
      : isKeyOf(en.ui.errorText, kind)
        ? t(`errorText.${kind}`)
        : t('errorText.internal')
    return { sentence, details: raw }
  }
  return { sentence: t('errorText.internal'), details: raw }
}

/** Translated sentence for SyncState.lastError (kinds from the sync service / SecPaid client). */
export function describeSyncError(lastError: { kind: string; message: string }, t: TFunction): ErrorText {
  const kind = lastError.kind
  return { sentence: isKeyOf(en.ui.syncErrorText, kind) ? t(`syncErrorText.${kind}`) : t('syncErrorText.internal'), details: lastError.message || null }
}
