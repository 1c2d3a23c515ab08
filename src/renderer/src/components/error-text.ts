/**
 * Main's error messages are English sentences for the log. The UI shows a translated sentence
 * chosen by IpcCallError.kind / code (or SyncState.lastError.kind) and main's words only as a
 * secondary "Details: …" line.
 */
import type { TFunction } from 'i18next'
import { IpcCallError } from '../api/call'
import { i18n, isKeyOf } from '../i18n'
import { en } from '../i18n/resources'

export interface ErrorText {
  /** Translated sentence for the user. */
  sentence: string
  /** Main's raw (English) message, for the "Details: …" line; null when there is none. */
  details: string | null
}

/** Kinds whose message from main is technical detail worth showing (in English) below the sentence. */
const TECHNICAL_KINDS = new Set(['server', 'protocol', 'internal'])

/**
 * Codes whose sentence is general while main's English says what exactly to change or what the
 * server answered (a team connection string's TLS rule, the database's own error): shown as detail.
 */
const CODES_WITH_DETAILS = new Set(['team_connection_invalid', 'team_unreachable', 'team_schema_too_new', 'cache_unreadable'])

/**
 * Translated sentence for a failed IPC call (t of namespace "ui"). Main sends a kind and, where it
 * has one, a code: a code with a sentence of its own (or refund refusal reasons) is said entirely
 * in the user's language; main's English words appear only as technical detail.
 */
export function describeError(error: unknown, t: TFunction): ErrorText {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : null
  if (error instanceof IpcCallError) {
    const code = error.code ?? ''
    const kind: string = error.kind
    if (isKeyOf(en.ui.errorCode, code)) return { sentence: t(`errorCode.${code}`), details: CODES_WITH_DETAILS.has(code) ? raw : null }
    const reasons = kind === 'precondition' ? refusalReasons(code) : null
    if (reasons) return { sentence: reasons, details: null }
    const sentence = isKeyOf(en.ui.errorText, kind) ? t(`errorText.${kind}`) : t('errorText.internal')
    return { sentence, details: TECHNICAL_KINDS.has(kind) ? raw : null }
  }
  return { sentence: t('errorText.internal'), details: raw }
}

/** "open_request,note_required" → those refusal reasons in words; null if any is unknown. */
function refusalReasons(code: string): string | null {
  const parts = code.split(',').filter(Boolean)
  if (parts.length === 0 || !parts.every((p) => isKeyOf(en.refund.reasons, p))) return null
  const t = i18n.getFixedT(null, 'refund')
  return parts.map((p) => (isKeyOf(en.refund.reasons, p) ? t(`reasons.${p}`) : p)).join(' ')
}

/** Translated sentence for SyncState.lastError (kinds from the sync service / SecPaid client). */
export function describeSyncError(lastError: { kind: string; message: string }, t: TFunction): ErrorText {
  const kind = lastError.kind
  return { sentence: isKeyOf(en.ui.syncErrorText, kind) ? t(`syncErrorText.${kind}`) : t('syncErrorText.internal'), details: lastError.message || null }
}
