/**
 * The refund service (issue 3 "Refund ledger"; DESIGN §2.2 "a refund is never sent twice by
 * accident"). Plain Node; every dependency is injected.
 *
 * Guarantees:
 * - Single flight per pay_id, enforced here in main: eligibility check and the durable (fsync)
 *   `requested` append run synchronously in one critical section under the ledger's cross-process
 *   writer lock, before the first `await`. A concurrent second submit therefore sees the open
 *   request and fails with `open_request`. An in-process in-flight set is a second belt.
 * - Exactly one refundPayment per submit; the client never retries it and neither do we.
 * - An unclear outcome is journaled as `outcome_unknown`. The ONLY path that ever sends a second
 *   refundPayment for a request is `checkAgain` on an `outcome_unknown` request — the user asked
 *   for it, the payment was refreshed first and showed no refund entry, and the re-send is
 *   journaled (`recheck: resubmitting`) before it goes out. SecPaid's "Refund already requested"
 *   then confirms the first request arrived (API doc §3.3 INF on idempotency).
 */
import type { EnvironmentId } from '../../../shared/domain'
import { REFUND_REASONS, type RefundEligibility, type RefundReason, type RefundRequest, type TransactionView } from '../../../shared/views'
import type { SecpaidClient } from '../secpaid/client'
import { SecpaidError } from '../secpaid/errors'
import type { LedgerNotice, RefundLedgerStore } from '../storage/refund-ledger-store'
import { makeLedgerEvent, type LedgerEvent } from './ledger-events'
import { foldLedgerWithNotices, type FoldResult } from './ledger-model'
import { checkRefundInput, computeEligibility, type RefundPreconditionReason } from './refund-eligibility'
import { RefundPreconditionError, RefundServiceError } from './refund-errors'
import { describeLedgerNotice, failureEvent, resubmitOutcomeEvent } from './refund-outcome'
import { matchRefundEntries } from './refund-reconcile'

export type RefundLedger = Pick<RefundLedgerStore, 'readAll' | 'append' | 'withWriteLock'>
export type RefundClient = Pick<SecpaidClient, 'refundPayment'>

export interface RefundServiceDeps {
  env: EnvironmentId
  ledger: RefundLedger
  /** null = no key for this environment. */
  getClient: () => RefundClient | null
  /** Cached rows for a pay_id: the payment and its refund/dispute entries. */
  lookupPayment: (payId: string) => { payment?: TransactionView; related: TransactionView[] }
  /** Fetches the pay_id's rows from SecPaid into the cache; throws client errors. */
  refreshPayment: (payId: string) => Promise<void>
  isOnline: () => boolean
  osUser: string
  now: () => Date
  newId: () => string
  onChange?: (requests: RefundRequest[]) => void
}

export interface SubmitRefundInput {
  payId: string
  amount: number
  isFullRefund: boolean
  reason: RefundReason
  note: string | null
}

export interface RefundService {
  /** This environment's requests, oldest first. */
  list(): RefundRequest[]
  get(id: string): RefundRequest | null
  eligibility(payId: string): RefundEligibility
  submit(input: SubmitRefundInput): Promise<RefundRequest>
  checkAgain(id: string): Promise<RefundRequest>
  markDenied(id: string, reason: string): RefundRequest
  /** After every sync: links new Refund entries to open requests. Returns how many became refunded. */
  reconcile(rowsByPayId: (payId: string) => readonly TransactionView[]): number
  /** At startup: requests left in `submitting` by a crash → outcome_unknown. Returns the count. */
  recoverAfterCrash(): number
  /** Store and fold notices (torn lines, skipped events), for a diagnostics view. */
  notices(): string[]
}

const SYSTEM_USER = 'system'
const NOTE_APP_CLOSED = 'app closed before SecPaid answered'

function normalizeNote(note: string | null | undefined): string | null {
  const t = note?.trim() ?? ''
  return t === '' ? null : t
}

export function createRefundService(deps: RefundServiceDeps): RefundService {
  const { env, ledger } = deps
  // The audit trail needs a name; the schema refuses an empty one.
  const osUser = deps.osUser.trim().slice(0, 200) || 'unknown'
  const inFlight = new Set<string>()
  let events: LedgerEvent[] = []
  let storeNotices: LedgerNotice[] = []
  let writable = true
  let folded: FoldResult | null = null

  /** The file is the source of truth (the CLI may write it too); it is small, so re-read per action. */
  function reload(): void {
    const r = ledger.readAll()
    events = [...r.events]
    storeNotices = r.notices
    writable = r.writable
    folded = null
  }
  const fold = (): FoldResult => (folded ??= foldLedgerWithNotices(events))
  const envRequests = (): RefundRequest[] => fold().requests.filter((r) => r.env === env)
  const find = (id: string): RefundRequest | null => envRequests().find((r) => r.id === id) ?? null

  function append(event: LedgerEvent): void {
    if (!writable) throw new RefundServiceError('ledger_read_only', 'The refund ledger is read-only (written by a newer version or damaged header); nothing was sent.')
    ledger.append(event) // fsync'd before it returns
    events.push(event)
    folded = null
  }
  const notify = (): void => {
    try {
      deps.onChange?.(envRequests())
    } catch {
      // A listener's failure must never change the course of a refund.
    }
  }

  function mustFind(id: string): RefundRequest {
    const req = find(id)
    if (!req) throw new RefundServiceError('not_found', `No refund request ${id} in the ${env} ledger.`)
    return req
  }

  function eligibilityNow(payId: string): RefundEligibility {
    const { payment, related } = deps.lookupPayment(payId)
    return computeEligibility({
      payId,
      payment,
      related,
      requests: envRequests(),
      online: deps.isOnline(),
      hasKey: deps.getClient() !== null
    })
  }

  function reconcileAs(user: string, rowsByPayId: (payId: string) => readonly TransactionView[], onlyPayId?: string): number {
    return ledger.withWriteLock(() => {
      reload()
      const linked = new Set(fold().requests.flatMap((r) => (r.refundEntryKey ? [r.refundEntryKey] : [])))
      // A request whose pay_id has a call in flight is settled by that call first (checkAgain,
      // which holds the pay_id itself, reconciles just its own pay_id).
      const open = envRequests().filter((r) => (onlyPayId === undefined ? !inFlight.has(r.payId) : r.payId === onlyPayId))
      const matches = matchRefundEntries(open, rowsByPayId, linked)
      for (const m of matches) {
        append(makeLedgerEvent('refunded', m.requestId, deps.now(), { refundEntryKey: m.entry.key, osUser: user, note: m.note }))
      }
      return matches.length
    })
  }

  const cachedRows = (payId: string): TransactionView[] => {
    const { payment, related } = deps.lookupPayment(payId)
    return payment ? [payment, ...related] : related
  }

  async function resubmit(req: RefundRequest, client: RefundClient): Promise<void> {
    const go = ledger.withWriteLock(() => {
      reload()
      if (find(req.id)?.state !== 'outcome_unknown') return false
      append(makeLedgerEvent('recheck', req.id, deps.now(), { result: 'resubmitting', osUser, note: 'no refund entry found; sending the same request again to learn whether the first one arrived' }))
      return true
    })
    if (!go) return
    let outcome: LedgerEvent
    try {
      const originalAmount = deps.lookupPayment(req.payId).payment?.amount
      const { message } = await client.refundPayment({ payId: req.payId, amount: req.amount, isFullRefund: req.isFullRefund, originalAmount })
      outcome = resubmitOutcomeEvent(req.id, { ok: true, message }, osUser, deps.now())
    } catch (err) {
      outcome = resubmitOutcomeEvent(req.id, { ok: false, error: err }, osUser, deps.now())
    }
    append(outcome)
  }

  return {
    list: () => (reload(), envRequests()),
    get: (id) => (reload(), find(id)),
    eligibility: (payId) => (reload(), eligibilityNow(payId)),

    async submit(input) {
      const early: RefundPreconditionReason[] = []
      if (typeof input.payId !== 'string' || !/^\d{1,20}$/.test(input.payId)) early.push('invalid_pay_id')
      if (!REFUND_REASONS.includes(input.reason)) early.push('invalid_reason')
      if (typeof input.amount !== 'number' || !Number.isSafeInteger(input.amount)) early.push('amount_not_whole_cents')
      if (early.length > 0) throw new RefundPreconditionError(early, null)
      if (inFlight.has(input.payId)) throw new RefundPreconditionError(['open_request'], null)
      const { payId, amount, isFullRefund, reason } = input
      const note = normalizeNote(input.note)
      const id = deps.newId()

      // Critical section: no await from here until the request is journaled (DESIGN §2.2).
      const { client, elig } = ledger.withWriteLock(() => {
        reload()
        const elig = eligibilityNow(payId)
        const reasons: RefundPreconditionReason[] = [...elig.reasons, ...checkRefundInput({ amount, isFullRefund, reason, note }, elig)]
        const client = deps.getClient()
        if (reasons.length > 0 || client === null) throw new RefundPreconditionError(reasons.length > 0 ? reasons : ['no_key'], elig)
        if (find(id)) throw new RefundServiceError('invalid_input', `Request id ${id} is already in use.`)
        const recipientNote = deps.lookupPayment(payId).payment?.recipientNote ?? null
        append(makeLedgerEvent('requested', id, deps.now(), { env, payId, amount, isFullRefund, reason, note, recipientNote, osUser }))
        return { client, elig }
      })
      inFlight.add(payId)
      try {
        notify()
        let outcome: LedgerEvent
        try {
          const { message } = await client.refundPayment({ payId, amount, isFullRefund, originalAmount: elig.original })
          outcome = makeLedgerEvent('submitted', id, deps.now(), { serverMessage: message, osUser })
        } catch (err) {
          outcome = failureEvent(id, err, null, osUser, deps.now())
        }
        // If this append fails the request stays `submitting` on disk; recoverAfterCrash resolves it.
        append(outcome)
      } finally {
        inFlight.delete(payId)
      }
      notify()
      return mustFind(id)
    },

    async checkAgain(id) {
      reload()
      const req = mustFind(id)
      if (req.state !== 'submitted' && req.state !== 'outcome_unknown') {
        throw new RefundServiceError('invalid_state', `Request ${id} is ${req.state}; only submitted or unknown-outcome requests can be checked again.`)
      }
      if (!deps.isOnline()) throw new RefundServiceError('offline', 'You are offline; checking a refund needs SecPaid.')
      const client = deps.getClient()
      if (!client) throw new RefundServiceError('no_key', `No API key is stored for ${env}.`)
      if (inFlight.has(req.payId)) throw new RefundServiceError('busy', `Another refund action for payment ${req.payId} is running.`)
      inFlight.add(req.payId)
      try {
        try {
          await deps.refreshPayment(req.payId)
        } catch (err) {
          const why = err instanceof SecpaidError ? err.message : 'unexpected error'
          throw new RefundServiceError('refresh_failed', `Could not refresh payment ${req.payId} from SecPaid (${why}); nothing was sent.`)
        }
        reconcileAs(osUser, cachedRows, req.payId)
        const current = mustFind(id)
        if (current.state === 'submitted') {
          append(makeLedgerEvent('recheck', id, deps.now(), { result: 'no_refund_entry_yet', osUser }))
        } else if (current.state === 'outcome_unknown') {
          await resubmit(current, client)
        }
      } finally {
        inFlight.delete(req.payId)
      }
      notify()
      return mustFind(id)
    },

    markDenied(id, reason) {
      const text = typeof reason === 'string' ? reason.trim() : ''
      if (text === '' || text.length > 2000) throw new RefundServiceError('invalid_input', 'Enter the reason SecPaid gave for the denial (at most 2000 characters).')
      ledger.withWriteLock(() => {
        reload()
        const req = mustFind(id)
        if (req.state !== 'submitted' && req.state !== 'outcome_unknown') {
          throw new RefundServiceError('invalid_state', `Request ${id} is ${req.state}; only open requests can be marked denied.`)
        }
        if (inFlight.has(req.payId)) throw new RefundServiceError('busy', `Another refund action for payment ${req.payId} is running.`)
        append(makeLedgerEvent('denied', id, deps.now(), { reason: text, osUser }))
      })
      notify()
      return mustFind(id)
    },

    reconcile(rowsByPayId) {
      const n = reconcileAs(SYSTEM_USER, rowsByPayId)
      if (n > 0) notify()
      return n
    },

    recoverAfterCrash() {
      const n = ledger.withWriteLock(() => {
        reload()
        const stuck = envRequests().filter((r) => r.state === 'submitting' && !inFlight.has(r.payId))
        for (const r of stuck) {
          append(makeLedgerEvent('outcome_unknown', r.id, deps.now(), { errorKind: 'app_closed', message: NOTE_APP_CLOSED, osUser, note: NOTE_APP_CLOSED }))
        }
        return stuck.length
      })
      if (n > 0) notify()
      return n
    },

    notices() {
      reload()
      return [...storeNotices.map(describeLedgerNotice), ...fold().notices]
    }
  }
}
