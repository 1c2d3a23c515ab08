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
 * - Nothing still on the wire is touched: every `requested` event records its writer process;
 *   `recoverAfterCrash` only recovers requests whose writer is gone (writer-identity.ts), and a
 *   process-wide registry per ledger file (in-flight-registry.ts) covers all service instances of
 *   this process. `checkAgain` refuses the re-send while the request is in flight or its last
 *   send attempt started less than RESEND_GUARD_MS ago.
 * - Once refundPayment has returned, `submit`/`checkAgain` never throw: if the outcome cannot be
 *   written (ledger lock busy beyond its wait, disk error), it is kept in memory, shown in
 *   `notices()`, and written by the next call of any service instance on that ledger.
 */
import { isPayId } from '../../../shared/pay-id'
import { DENIAL_REASON_MAX_LENGTH } from '../../../shared/text-limits'
import { REFUND_REASONS, type RefundEligibility, type RefundRequest, type TransactionView } from '../../../shared/views'
import { SecpaidError } from '../secpaid/errors'
import { registryFor, type InFlightEntry } from './in-flight-registry'
import { makeLedgerEvent, type LedgerEvent } from './ledger-events'
import { foldLedger } from './ledger-model'
import { createLedgerSnapshot } from './ledger-snapshot'
import { createLedgerWriter } from './ledger-writer'
import { checkRefundInput, computeEligibility, type RefundPreconditionReason } from './refund-eligibility'
import { RefundPreconditionError, RefundServiceError } from './refund-errors'
import { describeLedgerNotice, failureEvent, resubmitOutcomeEvent } from './refund-outcome'
import { matchRefundEntries } from './refund-reconcile'
import { createRefundRecovery } from './refund-recovery'
import type { RefundClient, RefundService, RefundServiceDeps } from './refund-service-types'
import { currentWriter } from './writer-identity'

// Moved to their own modules; re-exported so this module's API (index.ts) is unchanged.
export { RESEND_GUARD_MS, FOREIGN_WRITER_GRACE_MS } from './refund-recovery'
export type { RefundService, RefundServiceDeps, SubmitRefundInput, RefundLedger, RefundClient } from './refund-service-types'

const SYSTEM_USER = 'system'
const MAX_MESSAGE = 4000

function normalizeNote(note: string | null | undefined): string | null {
  const t = note?.trim() ?? ''
  return t === '' ? null : t
}

export function createRefundService(deps: RefundServiceDeps): RefundService {
  const { env, ledger } = deps
  // The audit trail needs a name; the schema refuses an empty one.
  const osUser = deps.osUser.trim().slice(0, 200) || 'unknown'
  // Shared by every service instance of this process on the same ledger file.
  const registry = registryFor(ledger)
  const writer = deps.writer ?? currentWriter()
  /** The file is the source of truth (the CLI may write it too); it is small, so re-read per action. */
  const snapshot = createLedgerSnapshot(ledger, registry)
  const { append, flushUnsaved, settle, outcomeOr } = createLedgerWriter({ env, ledger, registry, snapshot, now: deps.now, osUser })

  const nowMs = (): number => deps.now().getTime()
  const reload = (): void => snapshot.reload()
  const fold = snapshot.fold
  const envRequests = (): RefundRequest[] => fold().requests.filter((r) => r.env === env)
  const find = (id: string): RefundRequest | null => envRequests().find((r) => r.id === id) ?? null

  const { recoverStuck, assertResendAllowed } = createRefundRecovery({
    env,
    ledger,
    registry,
    snapshot,
    envRequests,
    append,
    now: deps.now,
    osUser,
    clientTimeoutMs: deps.clientTimeoutMs,
    writerCheck: deps.writerCheck
  })

  const notify = (): void => {
    try {
      deps.onChange?.(envRequests())
    } catch {
      // A listener's failure must never change the course of a refund.
    }
  }

  /** The request after a send; never throws (see submit). */
  function viewAfterSend(id: string, fallback: readonly LedgerEvent[]): RefundRequest {
    try {
      reload()
    } catch {
      snapshot.invalidate() // keep what we have in memory
    }
    const req = find(id) ?? foldLedger(fallback)[0]
    if (!req) throw new RefundServiceError('not_found', `No refund request ${id} in the ${env} ledger.`) // unreachable: `fallback` holds its requested event
    return req
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
      const open = envRequests().filter((r) => (onlyPayId === undefined ? registry.get(env, r.payId) === undefined : r.payId === onlyPayId))
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
      assertResendAllowed(req.id) // the first attempt may still be on its way (RESEND_GUARD_MS)
      append(makeLedgerEvent('recheck', req.id, deps.now(), { result: 'resubmitting', osUser, note: 'no refund entry found; sending the same request again to learn whether the first one arrived' }))
      const entry: InFlightEntry | undefined = registry.get(env, req.payId)
      if (entry) {
        entry.phase = 'sending'
        entry.since = nowMs()
      }
      return true
    })
    if (!go) return
    let outcome: LedgerEvent
    try {
      const originalAmount = deps.lookupPayment(req.payId).payment?.amount
      const { message } = await client.refundPayment({ payId: req.payId, amount: req.amount, isFullRefund: req.isFullRefund, originalAmount })
      outcome = outcomeOr(() => resubmitOutcomeEvent(req.id, { ok: true, message: message.slice(0, MAX_MESSAGE) }, osUser, deps.now()), req.id, 'SecPaid accepted the re-submission; its reply could not be recorded')
    } catch (err) {
      outcome = outcomeOr(() => resubmitOutcomeEvent(req.id, { ok: false, error: err }, osUser, deps.now()), req.id, 'the re-submission failed; its reply could not be recorded')
    }
    settle(req.payId, outcome)
  }

  return {
    list: () => (flushUnsaved(false), reload(), envRequests()),
    get: (id) => (flushUnsaved(false), reload(), find(id)),
    eligibility: (payId) => (flushUnsaved(false), reload(), eligibilityNow(payId)),

    async submit(input) {
      flushUnsaved(true)
      const early: RefundPreconditionReason[] = []
      if (!isPayId(input.payId)) early.push('invalid_pay_id')
      if (!REFUND_REASONS.includes(input.reason)) early.push('invalid_reason')
      if (typeof input.amount !== 'number' || !Number.isSafeInteger(input.amount)) early.push('amount_not_whole_cents')
      if (early.length > 0) throw new RefundPreconditionError(early, null)
      const { payId, amount, isFullRefund, reason } = input
      if (registry.get(env, payId) !== undefined) throw new RefundPreconditionError(['open_request'], null)
      const note = normalizeNote(input.note)
      const id = deps.newId()

      // Critical section: no await from here until the request is journaled and claimed (DESIGN §2.2).
      const { client, elig, requested } = ledger.withWriteLock(() => {
        reload()
        const elig = eligibilityNow(payId)
        const reasons: RefundPreconditionReason[] = [...elig.reasons, ...checkRefundInput({ amount, isFullRefund, reason, note }, elig)]
        const client = deps.getClient()
        if (reasons.length > 0 || client === null) throw new RefundPreconditionError(reasons.length > 0 ? reasons : ['no_key'], elig)
        if (registry.get(env, payId) !== undefined) throw new RefundPreconditionError(['open_request'], elig)
        if (find(id)) throw new RefundServiceError('invalid_input', `Request id ${id} is already in use.`)
        const recipientNote = deps.lookupPayment(payId).payment?.recipientNote ?? null
        const requested = makeLedgerEvent('requested', id, deps.now(), { env, payId, amount, isFullRefund, reason, note, recipientNote, osUser, writer })
        append(requested)
        registry.claim({ env, payId, requestId: id, phase: 'sending', since: nowMs() })
        return { client, elig, requested }
      })
      // From here on nothing may throw: the request is journaled and (below) sent.
      let outcome: LedgerEvent
      try {
        notify()
        try {
          const { message } = await client.refundPayment({ payId, amount, isFullRefund, originalAmount: elig.original })
          outcome = outcomeOr(() => makeLedgerEvent('submitted', id, deps.now(), { serverMessage: message.slice(0, MAX_MESSAGE), osUser }), id, 'SecPaid accepted the request; its reply could not be recorded')
        } catch (err) {
          outcome = outcomeOr(() => failureEvent(id, err, null, osUser, deps.now()), id, 'the request failed; its reply could not be recorded')
        }
        settle(payId, outcome)
      } finally {
        registry.release(env, payId) // no-op while the outcome is unsaved
      }
      notify()
      return viewAfterSend(id, [requested, outcome])
    },

    async checkAgain(id) {
      flushUnsaved(true)
      reload()
      let req = mustFind(id)
      if (req.state === 'submitting') {
        // A sender that died since this app started (e.g. a killed CLI) is recovered here too.
        if (recoverStuck(id) === 0) {
          throw new RefundServiceError('busy', `Refund request ${id} is still being sent (by this or another SecPaid Desk process). Wait for SecPaid's answer, then check again.`)
        }
        notify()
        req = mustFind(id)
      }
      if (req.state !== 'submitted' && req.state !== 'outcome_unknown') {
        throw new RefundServiceError('invalid_state', `Request ${id} is ${req.state}; only submitted or unknown-outcome requests can be checked again.`)
      }
      if (!deps.isOnline()) throw new RefundServiceError('offline', 'You are offline; checking a refund needs SecPaid.')
      const client = deps.getClient()
      if (!client) throw new RefundServiceError('no_key', `No API key is stored for ${env}.`)
      if (!registry.claim({ env, payId: req.payId, requestId: id, phase: 'checking', since: nowMs() })) {
        throw new RefundServiceError('busy', `Another refund action for payment ${req.payId} is running.`)
      }
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
        registry.release(env, req.payId)
      }
      notify()
      return viewAfterSend(id, [])
    },

    markDenied(id, reason) {
      flushUnsaved(true)
      const text = typeof reason === 'string' ? reason.trim() : ''
      if (text === '' || text.length > DENIAL_REASON_MAX_LENGTH) throw new RefundServiceError('invalid_input', `Enter the reason SecPaid gave for the denial (at most ${DENIAL_REASON_MAX_LENGTH} characters).`)
      ledger.withWriteLock(() => {
        reload()
        const req = mustFind(id)
        if (req.state !== 'submitted' && req.state !== 'outcome_unknown') {
          throw new RefundServiceError('invalid_state', `Request ${id} is ${req.state}; only open requests can be marked denied.`)
        }
        if (registry.get(env, req.payId) !== undefined) throw new RefundServiceError('busy', `Another refund action for payment ${req.payId} is running.`)
        append(makeLedgerEvent('denied', id, deps.now(), { reason: text, osUser }))
      })
      notify()
      return mustFind(id)
    },

    reconcile(rowsByPayId) {
      flushUnsaved(true)
      const n = reconcileAs(SYSTEM_USER, rowsByPayId)
      if (n > 0) notify()
      return n
    },

    recoverAfterCrash() {
      flushUnsaved(true)
      const n = recoverStuck()
      if (n > 0) notify()
      return n
    },

    notices() {
      flushUnsaved(false)
      reload()
      const unsaved = registry.unsaved().map(
        (e) =>
          `The outcome of refund request ${e.requestId} (${e.outcome?.type ?? 'unknown'}) is not written to the ledger yet (${e.lastError ?? 'unknown error'}). ` +
          'SecPaid Desk keeps it in memory and writes it with the next action; keep the app open until this notice is gone.'
      )
      return [...snapshot.storeNotices().map(describeLedgerNotice), ...fold().notices, ...unsaved]
    }
  }
}
