/**
 * The refund service: orchestrates submit, check again and mark denied over the refund ledger
 * (refund-ledger.ts owns the file, the lock, the fold and the in-flight registry, and publishes
 * every change). Plain Node; every dependency is injected. Why it is built this way:
 * docs/architecture.md ("A refund is never sent twice by accident").
 *
 * Guarantees:
 * - Single flight per pay_id, enforced here in main: eligibility check and the durable (fsync)
 *   `requested` append run synchronously in one critical section under the ledger's cross-process
 *   writer lock, before the first `await`. A concurrent second submit therefore sees the open
 *   request and fails with `open_request`. The in-flight registry of the ledger file is a second belt.
 * - With `refreshBeforeSubmit` (always in the app), the payment is refreshed from SecPaid first,
 *   while this submit holds the pay_id in the in-flight registry; the checks that journal the
 *   request then see refunds made elsewhere since the last sync. A failed refresh sends nothing.
 * - Exactly one refundPayment per submit; the client never retries it and neither do we.
 * - An unclear outcome is journaled as `outcome_unknown`. The ONLY path that ever sends a second
 *   refundPayment for a request is `checkAgain` on an `outcome_unknown` request — the user asked
 *   for it, the payment was refreshed first and showed no refund entry, and the re-send is
 *   journaled (`recheck: resubmitting`) before it goes out. SecPaid's "Refund already requested"
 *   then confirms the first request arrived (docs/secpaid-api.md, "No idempotency").
 * - Nothing still on the wire is touched: every `requested` event records its writer process;
 *   `recoverAfterCrash` only recovers requests whose writer is gone (writer-identity.ts), and the
 *   in-flight registry covers all ledgers of this process on the file. `checkAgain` refuses the
 *   re-send while the request is in flight or its last send attempt started less than
 *   RESEND_GUARD_MS ago.
 * - Once refundPayment has returned, `submit`/`checkAgain` never throw: an outcome that cannot be
 *   written waits in the ledger (`settle`) and is written by the next call.
 * - Each public action is one ledger operation: whatever it changes is published once, at its end.
 */
import { isPayId } from '@shared/pay-id'
import { DENIAL_REASON_MAX_LENGTH } from '@shared/text-limits'
import { REFUND_REASONS, type RefundEligibility, type RefundRequest, type TransactionView } from '@shared/views'
import { SecpaidError } from '../secpaid/errors'
import { NOTE_RESENDING, SYSTEM_USER } from './history-event'
import type { InFlightEntry } from './in-flight-registry'
import { makeLedgerEvent, type LedgerEvent } from './ledger-events'
import { foldLedger } from './ledger-model'
import { checkRefundInput, computeEligibility, type RefundPreconditionReason } from './refund-eligibility'
import { RefundPreconditionError, RefundServiceError } from './refund-errors'
import { describeLedgerNotice, failureEvent, resubmitOutcomeEvent } from './refund-outcome'
import { matchRefundEntries } from './refund-reconcile'
import { refreshBeforeSubmitError } from './refund-refresh'
import { createRefundRecovery } from './refund-recovery'
import type { RefundClient, RefundService, RefundServiceDeps } from './refund-service-types'
import { currentWriter } from './writer-identity'

// Moved to their own modules; re-exported so this module's API (index.ts) is unchanged.
export { RESEND_GUARD_MS, FOREIGN_WRITER_GRACE_MS } from './refund-recovery'
export type { RefundService, RefundServiceDeps, SubmitRefundInput, RefundClient } from './refund-service-types'

const MAX_MESSAGE = 4000

function normalizeNote(note: string | null | undefined): string | null {
  const t = note?.trim() ?? ''
  return t === '' ? null : t
}

/** Builds an outcome event; if that fails (e.g. an oversized reply), a still-truthful fallback. */
function outcomeOr(build: () => LedgerEvent, id: string, note: string, osUser: string, at: () => Date): LedgerEvent {
  try {
    return build()
  } catch {
    return makeLedgerEvent('outcome_unknown', id, at(), { errorKind: 'unexpected', message: 'The reply could not be recorded.', osUser, note })
  }
}

export function createRefundService(deps: RefundServiceDeps): RefundService {
  const { ledger } = deps
  const { env, registry } = ledger
  // The audit trail needs a name; the schema refuses an empty one.
  const osUser = deps.osUser.trim().slice(0, 200) || 'unknown'
  const writer = deps.writer ?? currentWriter()
  const nowMs = (): number => deps.now().getTime()
  const outcome = (build: () => LedgerEvent, id: string, note: string): LedgerEvent => outcomeOr(build, id, note, osUser, deps.now)

  const { recoverStuck, assertResendAllowed } = createRefundRecovery({
    ledger,
    now: deps.now,
    osUser,
    ...(deps.clientTimeoutMs !== undefined ? { clientTimeoutMs: deps.clientTimeoutMs } : {}),
    ...(deps.writerCheck ? { writerCheck: deps.writerCheck } : {})
  })

  function mustFind(id: string): RefundRequest {
    const req = ledger.find(id)
    if (!req) throw new RefundServiceError('not_found', `No refund request ${id} in the ${env} ledger.`)
    return req
  }

  function eligibilityNow(payId: string): RefundEligibility {
    const { payment, related } = deps.lookupPayment(payId)
    return computeEligibility({ payId, payment, related, requests: ledger.requests(), online: deps.isOnline(), hasKey: deps.getClient() !== null })
  }

  function reconcileAs(user: string, rowsByPayId: (payId: string) => readonly TransactionView[], onlyPayId?: string): number {
    return ledger.locked(() => {
      const linked = new Set(ledger.requests().flatMap((r) => (r.refundEntryKey ? [r.refundEntryKey] : [])))
      // A request whose pay_id has a call in flight is settled by that call first (checkAgain,
      // which holds the pay_id itself, reconciles just its own pay_id).
      const open = ledger.requests().filter((r) => (onlyPayId === undefined ? registry.get(env, r.payId) === undefined : r.payId === onlyPayId))
      const matches = matchRefundEntries(open, rowsByPayId, linked)
      for (const m of matches) {
        ledger.append(makeLedgerEvent('refunded', m.requestId, deps.now(), { refundEntryKey: m.entry.key, osUser: user, note: m.note }))
      }
      return matches.length
    })
  }

  const cachedRows = (payId: string): TransactionView[] => {
    const { payment, related } = deps.lookupPayment(payId)
    return payment ? [payment, ...related] : related
  }

  type NewRequest = { payId: string; amount: number; isFullRefund: boolean; reason: RefundRequest['reason']; note: string | null }

  /** The local checks of a new request against the ledger and the cached payment. */
  function sendable(input: NewRequest): { client: RefundClient; elig: RefundEligibility } {
    const { payId, amount, isFullRefund, reason, note } = input
    const elig = eligibilityNow(payId)
    const reasons: RefundPreconditionReason[] = [...elig.reasons, ...checkRefundInput({ amount, isFullRefund, reason, note }, elig)]
    const client = deps.getClient()
    if (reasons.length > 0 || client === null) throw new RefundPreconditionError(reasons.length > 0 ? reasons : ['no_key'], elig)
    return { client, elig }
  }

  /**
   * Brings the payment up to date from SecPaid under this submit's claim on the pay_id, so a refund
   * made elsewhere since the last sync counts in the checks that journal the request
   * (refund-refresh.ts). Checked locally first: a request the cache already refuses costs no call.
   */
  async function refreshBeforeSubmit(input: NewRequest, id: string): Promise<void> {
    ledger.locked(() => sendable(input))
    if (!registry.claim({ env, payId: input.payId, requestId: id, phase: 'checking', since: nowMs() })) {
      throw new RefundPreconditionError(['open_request'], null)
    }
    try {
      await deps.refreshPayment(input.payId)
    } catch (err) {
      registry.release(env, input.payId)
      throw refreshBeforeSubmitError(input.payId, err)
    }
  }

  /**
   * Checks and journals a new request in one critical section; returns what the send needs. The
   * pay_id may already be claimed by this very submit (its refresh); any other claim refuses.
   */
  function journalRequest(input: NewRequest, id: string) {
    const { payId, amount, isFullRefund, reason, note } = input
    // Critical section: no await from here until the request is journaled and claimed.
    return ledger.locked(() => {
      const { client, elig } = sendable(input)
      const held = registry.get(env, payId)
      if (held !== undefined && held.requestId !== id) throw new RefundPreconditionError(['open_request'], elig)
      if (ledger.find(id)) throw new RefundServiceError('invalid_input', `Request id ${id} is already in use.`)
      const recipientNote = deps.lookupPayment(payId).payment?.recipientNote ?? null
      const requested = makeLedgerEvent('requested', id, deps.now(), { env, payId, amount, isFullRefund, reason, note, recipientNote, osUser, writer })
      ledger.append(requested)
      if (held !== undefined) {
        held.phase = 'sending'
        held.since = nowMs()
      } else {
        registry.claim({ env, payId, requestId: id, phase: 'sending', since: nowMs() })
      }
      return { client, elig, requested }
    })
  }

  /** Journals the request; a claim taken by the refresh is given back if the checks now refuse. */
  function journalAfterRefresh(input: NewRequest, id: string): ReturnType<typeof journalRequest> {
    try {
      return journalRequest(input, id)
    } catch (err) {
      if (registry.get(env, input.payId)?.requestId === id) registry.release(env, input.payId)
      throw err
    }
  }

  async function submit(input: Parameters<RefundService['submit']>[0]): Promise<RefundRequest> {
    ledger.refresh({ force: true })
    const early: RefundPreconditionReason[] = []
    if (!isPayId(input.payId)) early.push('invalid_pay_id')
    if (!REFUND_REASONS.includes(input.reason)) early.push('invalid_reason')
    if (typeof input.amount !== 'number' || !Number.isSafeInteger(input.amount)) early.push('amount_not_whole_cents')
    if (early.length > 0) throw new RefundPreconditionError(early, null)
    const { payId, amount, isFullRefund } = input
    if (registry.get(env, payId) !== undefined) throw new RefundPreconditionError(['open_request'], null)
    const id = deps.newId()
    const request: NewRequest = { payId, amount, isFullRefund, reason: input.reason, note: normalizeNote(input.note) }
    // Team mode: the payment is claimed across the team first (and the teammates' events pulled),
    // so the checks below see a refund another PC has journaled. Given back if nothing is journaled.
    const claims = deps.claims?.() ?? null
    const claim = claims === null ? null : await claims.acquire({ payId, requestId: id, withoutTeam: input.withoutTeam === true })
    let journaled: ReturnType<typeof journalRequest>
    try {
      if (deps.refreshBeforeSubmit === true) await refreshBeforeSubmit(request, id)
      journaled = journalAfterRefresh(request, id)
    } catch (err) {
      await claim?.abandon()
      throw err
    }
    const { client, elig, requested } = journaled
    // From here on nothing may throw: the request is journaled and (below) sent.
    let result: LedgerEvent
    try {
      try {
        const { message } = await client.refundPayment({ payId, amount, isFullRefund, originalAmount: elig.original })
        result = outcome(() => makeLedgerEvent('submitted', id, deps.now(), { serverMessage: message.slice(0, MAX_MESSAGE), osUser }), id, 'SecPaid accepted the request; its reply could not be recorded')
      } catch (err) {
        result = outcome(() => failureEvent(id, err, null, osUser, deps.now()), id, 'the request failed; its reply could not be recorded')
      }
      ledger.settle(payId, result)
    } finally {
      registry.release(env, payId) // no-op while the outcome is unsaved
    }
    claim?.settled()
    // The view comes from the fold (which includes an unsaved outcome): no re-read of the file.
    const req = ledger.find(id) ?? foldLedger([requested, result])[0]
    if (!req) throw new RefundServiceError('not_found', `No refund request ${id} in the ${env} ledger.`) // unreachable: the fallback holds its requested event
    return req
  }

  async function resubmit(req: RefundRequest, client: RefundClient): Promise<void> {
    const go = ledger.locked(() => {
      if (ledger.find(req.id)?.state !== 'outcome_unknown') return false
      assertResendAllowed(req.id) // the first attempt may still be on its way (RESEND_GUARD_MS)
      ledger.append(makeLedgerEvent('recheck', req.id, deps.now(), { result: 'resubmitting', osUser, note: NOTE_RESENDING }))
      const entry: InFlightEntry | undefined = registry.get(env, req.payId)
      if (entry) {
        entry.phase = 'sending'
        entry.since = nowMs()
      }
      return true
    })
    if (!go) return
    let result: LedgerEvent
    try {
      const originalAmount = deps.lookupPayment(req.payId).payment?.amount
      const { message } = await client.refundPayment({ payId: req.payId, amount: req.amount, isFullRefund: req.isFullRefund, originalAmount })
      result = outcome(() => resubmitOutcomeEvent(req.id, { ok: true, message: message.slice(0, MAX_MESSAGE) }, osUser, deps.now()), req.id, 'SecPaid accepted the re-submission; its reply could not be recorded')
    } catch (err) {
      result = outcome(() => resubmitOutcomeEvent(req.id, { ok: false, error: err }, osUser, deps.now()), req.id, 'the re-submission failed; its reply could not be recorded')
    }
    ledger.settle(req.payId, result)
  }

  /** A `submitting` request is only checked once its sender is known to be gone (then: outcome_unknown). */
  function checkableRequest(id: string): RefundRequest {
    let req = mustFind(id)
    if (req.state === 'submitting') {
      // A sender that died since this app started (e.g. a killed CLI) is recovered here too.
      if (recoverStuck(id) === 0) {
        throw new RefundServiceError('busy', `Refund request ${id} is still being sent (by this or another SecPaid Desk process). Wait for SecPaid's answer, then check again.`)
      }
      req = mustFind(id)
    }
    if (req.state !== 'submitted' && req.state !== 'outcome_unknown') {
      throw new RefundServiceError('invalid_state', `Request ${id} is ${req.state}; only submitted or unknown-outcome requests can be checked again.`)
    }
    return req
  }

  async function checkAgain(id: string): Promise<RefundRequest> {
    ledger.refresh({ force: true })
    const req = checkableRequest(id)
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
        ledger.append(makeLedgerEvent('recheck', id, deps.now(), { result: 'no_refund_entry_yet', osUser }))
      } else if (current.state === 'outcome_unknown') {
        // A teammate's PC may still be waiting for SecPaid's answer to this very request, and two
        // PCs checking at once would both send: only the PC that sent it sends it again.
        if (current.origin !== undefined && !current.origin.thisPc) {
          throw new RefundServiceError(
            'other_pc',
            `Request ${id} was sent from ${current.origin.machine}; only that PC may send it again. Check it there, or mark it denied here if SecPaid said so.`
          )
        }
        await resubmit(current, client)
      }
    } finally {
      registry.release(env, req.payId)
    }
    return mustFind(id)
  }

  function markDenied(id: string, reason: string): RefundRequest {
    ledger.refresh({ force: true })
    const text = typeof reason === 'string' ? reason.trim() : ''
    if (text === '' || text.length > DENIAL_REASON_MAX_LENGTH) {
      throw new RefundServiceError('invalid_input', `Enter the reason SecPaid gave for the denial (at most ${DENIAL_REASON_MAX_LENGTH} characters).`)
    }
    ledger.locked(() => {
      const req = mustFind(id)
      if (req.state !== 'submitted' && req.state !== 'outcome_unknown') {
        throw new RefundServiceError('invalid_state', `Request ${id} is ${req.state}; only open requests can be marked denied.`)
      }
      if (registry.get(env, req.payId) !== undefined) throw new RefundServiceError('busy', `Another refund action for payment ${req.payId} is running.`)
      ledger.append(makeLedgerEvent('denied', id, deps.now(), { reason: text, osUser }))
    })
    return mustFind(id)
  }

  /** Reads refresh first: the CLI may have written the file meanwhile. */
  const read = <T>(fn: () => T): T => {
    ledger.refresh({ force: false })
    return fn()
  }

  return {
    list: () => read(() => ledger.requests()),
    get: (id) => read(() => ledger.find(id)),
    eligibility: (payId) => read(() => eligibilityNow(payId)),
    submit: (input) => ledger.operation(() => submit(input)),
    checkAgain: (id) => ledger.operation(() => checkAgain(id)),
    markDenied: (id, reason) => ledger.operation(() => markDenied(id, reason)),
    reconcile: (rowsByPayId) =>
      ledger.operation(() => {
        ledger.refresh({ force: true })
        return reconcileAs(SYSTEM_USER, rowsByPayId)
      }),
    recoverAfterCrash: () =>
      ledger.operation(() => {
        ledger.refresh({ force: true })
        return recoverStuck()
      }),
    notices: () => read(() => ledger.notices(describeLedgerNotice))
  }
}
