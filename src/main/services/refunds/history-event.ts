/**
 * The ledger journals machine notes in English (they are the audit trail, read by the CLI and
 * by support). The window must tell people what happened in their own language, so every
 * history line also carries a code: derived from the event's type and data, and — for the few
 * notes the app itself writes — from the exact note text. The note builders live here so writing
 * and recognising a note can never drift apart.
 */
import { formatApiAmount, parseApiAmount } from '@shared/money'
import type { HistoryEvent, HistoryEventCode } from '@shared/views'
import type { ParsedLedgerEvent } from './ledger-events'

/** The OS user the app writes for what a sync did by itself. */
export const SYSTEM_USER = 'system'

export const NOTE_CONFIRMED = 'confirmed: the first request reached SecPaid'
export const NOTE_SENT_NOW = 'the first request had not arrived; sent now'
export const NOTE_RESENDING = 'no refund entry found; sending the same request again to learn whether the first one arrived'
const REFUSED_PREFIX = 'SecPaid refused the re-submission: '
const RECHECK_FAILED = /^check again failed \((.*)\); the first request is still unconfirmed$/s
const OTHER_AMOUNT = /^refunded amount differs: requested (\S+), refund entry (\S+)$/

export function refusedResubmissionNote(serverMessage: string): string {
  return `${REFUSED_PREFIX}${serverMessage}`
}

export function recheckFailedNote(message: string): string {
  return `check again failed (${message}); the first request is still unconfirmed`
}

export function otherAmountNote(requested: number, found: number): string {
  return `refunded amount differs: requested ${formatApiAmount(requested)}, refund entry ${formatApiAmount(found)}`
}

function event(code: HistoryEventCode, osUser: string, fields: Partial<Omit<HistoryEvent, 'code' | 'automatic'>> = {}): HistoryEvent {
  return {
    code,
    automatic: osUser === SYSTEM_USER,
    userText: null,
    detail: null,
    rejectionCode: null,
    requestedCents: null,
    foundCents: null,
    ...fields
  }
}

function amountsOf(note: string): { requestedCents: number; foundCents: number } | null {
  const m = OTHER_AMOUNT.exec(note)
  if (m === null) return null
  try {
    return { requestedCents: parseApiAmount(m[1]), foundCents: parseApiAmount(m[2]) }
  } catch {
    return null
  }
}

type KnownEvent = Exclude<ParsedLedgerEvent, { type: 'unknown' }>

/** The history line of one parsed ledger event. */
export function historyEventOf(ev: KnownEvent): HistoryEvent {
  const d = ev.data
  switch (ev.type) {
    case 'requested':
      return event('requested', ev.data.osUser, { userText: ev.data.note })
    case 'submitted': {
      const note = ev.data.note ?? null
      const detail = ev.data.serverMessage || null
      if (note === NOTE_SENT_NOW) return event('resubmit_sent', d.osUser, { detail })
      if (note === NOTE_CONFIRMED) return event('resubmit_confirmed', d.osUser, { detail })
      return event('accepted', d.osUser, { detail })
    }
    case 'rejected': {
      const note = ev.data.note ?? null
      const refused = note?.startsWith(REFUSED_PREFIX) === true
      return event(refused ? 'resubmit_refused' : 'rejected', d.osUser, {
        rejectionCode: ev.data.code,
        detail: ev.data.serverMessage || null
      })
    }
    case 'outcome_unknown': {
      const note = ev.data.note ?? null
      const failed = note === null ? null : RECHECK_FAILED.exec(note)
      if (failed) return event('recheck_failed', d.osUser, { detail: failed[1] ?? null })
      if (ev.data.errorKind === 'app_closed') return event('app_closed', d.osUser, { detail: ev.data.message || null })
      if (ev.data.errorKind === 'sender_silent') return event('sender_silent', d.osUser, { detail: ev.data.message || null })
      return event('outcome_unknown', d.osUser, { detail: ev.data.message || null })
    }
    case 'refunded': {
      const note = ev.data.note ?? null
      const amounts = note === null ? null : amountsOf(note)
      if (amounts) return event('refund_found_other_amount', d.osUser, { ...amounts, detail: ev.data.refundEntryKey })
      return event('refund_found', d.osUser, { detail: ev.data.refundEntryKey })
    }
    case 'denied':
      return event('marked_denied', d.osUser, { userText: ev.data.reason })
    case 'recheck': {
      const note = ev.data.note ?? null
      if (ev.data.result === 'resubmitting' || note === NOTE_RESENDING) return event('checked_resending', d.osUser)
      if (ev.data.result === 'no_refund_entry_yet') return event('checked_no_entry_yet', d.osUser)
      return event('checked_again', d.osUser, { detail: ev.data.result })
    }
  }
}
