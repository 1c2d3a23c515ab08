/**
 * Pure fold of ledger events into RefundRequest views (the request state machine).
 *
 *   submitting      → submitted | rejected | outcome_unknown
 *   outcome_unknown → submitted | refunded | rejected | outcome_unknown | denied
 *   submitted       → refunded | denied
 *   rejected, refunded, denied: final
 *
 * outcome_unknown → denied is allowed because a user may learn from SecPaid (e-mail, dashboard)
 * that a request whose reply we never saw was denied. Reading never throws: an illegal
 * transition, an event for an unknown request or unreadable data is skipped with a notice, so one
 * bad line can never hide the rest of the audit trail (docs/architecture.md#bad-input-loses-nothing).
 */
import type { RefundHistoryEntry, RefundRequest, RefundRequestState } from '@shared/views'
import { historyEventOf } from './history-event'
import { parseLedgerEvent, type LedgerEvent, type ParsedLedgerEvent } from './ledger-events'

export const ALLOWED_TRANSITIONS: Readonly<Record<RefundRequestState, readonly RefundRequestState[]>> = {
  submitting: ['submitted', 'rejected', 'outcome_unknown'],
  outcome_unknown: ['submitted', 'refunded', 'rejected', 'outcome_unknown', 'denied'],
  submitted: ['refunded', 'denied'],
  rejected: [],
  refunded: [],
  denied: []
}

export function canTransition(from: RefundRequestState, to: RefundRequestState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to)
}

export interface FoldResult {
  requests: RefundRequest[]
  /** Human-readable notes about skipped events (for a diagnostics view / log, never fatal). */
  notices: string[]
}

type Known = Exclude<ParsedLedgerEvent, { type: 'unknown' }>

function historyEntry(ev: Known, state: RefundRequestState, osUser: string, note: string | null): RefundHistoryEntry {
  return { at: ev.at, state, osUser, note, event: historyEventOf(ev) }
}

/** Applies a state-changing event to `req` (already checked legal). */
function apply(req: RefundRequest, ev: Known): void {
  switch (ev.type) {
    case 'submitted':
      req.state = 'submitted'
      req.serverMessage = ev.data.serverMessage
      req.history.push(historyEntry(ev, 'submitted', ev.data.osUser, ev.data.note ?? null))
      return
    case 'rejected':
      req.state = 'rejected'
      req.serverMessage = ev.data.serverMessage
      req.rejectionCode = ev.data.code
      req.history.push(historyEntry(ev, 'rejected', ev.data.osUser, ev.data.note ?? `${ev.data.code}: ${ev.data.serverMessage}`))
      return
    case 'outcome_unknown':
      req.state = 'outcome_unknown'
      req.history.push(historyEntry(ev, 'outcome_unknown', ev.data.osUser, ev.data.note ?? ev.data.message))
      return
    case 'refunded':
      req.state = 'refunded'
      req.refundEntryKey = ev.data.refundEntryKey
      req.history.push(historyEntry(ev, 'refunded', ev.data.osUser, ev.data.note ?? `refund entry ${ev.data.refundEntryKey}`))
      return
    case 'denied':
      req.state = 'denied'
      req.deniedReason = ev.data.reason
      req.history.push(historyEntry(ev, 'denied', ev.data.osUser, ev.data.reason))
      return
    case 'recheck':
      // Audit only: same state, one more history line.
      req.history.push(historyEntry(ev, req.state, ev.data.osUser, ev.data.note ?? `checked again: ${ev.data.result}`))
      return
    case 'requested':
      return // handled by the caller
  }
}

function targetState(ev: Known): RefundRequestState | null {
  switch (ev.type) {
    case 'requested':
    case 'recheck':
      return null
    default:
      return ev.type
  }
}

export function foldLedgerWithNotices(events: readonly LedgerEvent[]): FoldResult {
  const byId = new Map<string, RefundRequest>()
  const order: RefundRequest[] = []
  const linkedEntries = new Map<string, string>() // refundEntryKey → request id
  const notices: string[] = []
  let unknownTypes = 0

  events.forEach((raw, index) => {
    const where = `event ${index + 1} (${raw.type}, request ${raw.requestId})`
    const ev = parseLedgerEvent(raw)
    if ('error' in ev) {
      notices.push(`Skipped ${where}: ${ev.error}`)
      return
    }
    if (ev.type === 'unknown') {
      unknownTypes++
      return
    }
    if (ev.type === 'requested') {
      if (byId.has(ev.requestId)) {
        notices.push(`Skipped ${where}: a request with this id already exists`)
        return
      }
      const d = ev.data
      const req: RefundRequest = {
        id: ev.requestId,
        env: d.env,
        payId: d.payId,
        amount: d.amount,
        isFullRefund: d.isFullRefund,
        reason: d.reason,
        note: d.note,
        createdAt: ev.at,
        state: 'submitting',
        serverMessage: null,
        rejectionCode: null,
        deniedReason: null,
        refundEntryKey: null,
        recipientNote: d.recipientNote,
        history: [historyEntry(ev, 'submitting', d.osUser, d.note)]
      }
      byId.set(req.id, req)
      order.push(req)
      return
    }
    const req = byId.get(ev.requestId)
    if (!req) {
      notices.push(`Skipped ${where}: no such request`)
      return
    }
    const to = targetState(ev)
    if (to === null) {
      if (req.state === 'submitted' || req.state === 'outcome_unknown') apply(req, ev)
      else notices.push(`Skipped ${where}: not allowed in state ${req.state}`)
      return
    }
    if (!canTransition(req.state, to)) {
      notices.push(`Skipped ${where}: illegal transition ${req.state} → ${to}`)
      return
    }
    if (ev.type === 'refunded') {
      const owner = linkedEntries.get(ev.data.refundEntryKey)
      if (owner !== undefined && owner !== req.id) {
        notices.push(`Skipped ${where}: refund entry already linked to request ${owner}`)
        return
      }
      linkedEntries.set(ev.data.refundEntryKey, req.id)
    }
    apply(req, ev)
  })

  if (unknownTypes > 0) {
    notices.push(`Ignored ${unknownTypes} ledger event(s) of a type this version does not know (kept in the file).`)
  }
  return { requests: order, notices }
}

/** The requests in creation order (oldest first). */
export function foldLedger(events: readonly LedgerEvent[]): RefundRequest[] {
  return foldLedgerWithNotices(events).requests
}
