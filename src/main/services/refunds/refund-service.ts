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
import type { EnvironmentId } from '../../../shared/domain'
import { isPayId } from '../../../shared/pay-id'
import { REFUND_REASONS, type RefundEligibility, type RefundReason, type RefundRequest, type TransactionView } from '../../../shared/views'
import type { SecpaidClient } from '../secpaid/client'
import { SecpaidError } from '../secpaid/errors'
import { DEFAULT_TIMEOUT_MS } from '../secpaid/transport'
import type { LedgerNotice, RefundLedgerStore } from '../storage/refund-ledger-store'
import { registryFor, UNSAVED_RETRY_MS, type InFlightEntry } from './in-flight-registry'
import { makeLedgerEvent, requestedData, type LedgerEvent } from './ledger-events'
import { foldLedger, foldLedgerWithNotices, type FoldResult } from './ledger-model'
import { checkRefundInput, computeEligibility, type RefundPreconditionReason } from './refund-eligibility'
import { RefundPreconditionError, RefundServiceError } from './refund-errors'
import { describeLedgerNotice, failureEvent, resubmitOutcomeEvent } from './refund-outcome'
import { matchRefundEntries } from './refund-reconcile'
import { currentWriter, writerStatus, type WriterCheckDeps, type WriterIdentity, type WriterStatus } from './writer-identity'

export type RefundLedger = Pick<RefundLedgerStore, 'readAll' | 'append' | 'withWriteLock'> & {
  /** The ledger file: service instances on the same file share one in-flight registry. */
  readonly file?: string
}
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
  /** The SecPaid client's request timeout (default: the transport's 30 s); sizes the stale-writer rule. */
  clientTimeoutMs?: number
  /** Who journals and sends (default: this process). Tests use it to play another process. */
  writer?: WriterIdentity
  /** Process checks used by crash recovery (tests). */
  writerCheck?: WriterCheckDeps
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
  /** Never throws once refundPayment has been called: returns the request in its real state. */
  submit(input: SubmitRefundInput): Promise<RefundRequest>
  checkAgain(id: string): Promise<RefundRequest>
  markDenied(id: string, reason: string): RefundRequest
  /** After every sync: links new Refund entries to open requests. Returns how many became refunded. */
  reconcile(rowsByPayId: (payId: string) => readonly TransactionView[]): number
  /**
   * At startup: requests left in `submitting` by a sender that is gone → outcome_unknown. Requests
   * still being sent (by this process or another live one) are left alone. Returns the count.
   */
  recoverAfterCrash(): number
  /** Store and fold notices (torn lines, skipped events) and outcomes not yet written, for a diagnostics view. */
  notices(): string[]
}

/**
 * The deliberate re-send of checkAgain waits this long after the last send attempt BEGAN. The
 * client gives up on a reply after 30 s (DEFAULT_TIMEOUT_MS), but a request we gave up on may
 * still be travelling or being processed by SecPaid; re-sending inside that window could create a
 * second refund request instead of getting "Refund already requested". 90 s = three times the
 * client timeout: by then the first attempt has ended on our side and long since reached or
 * missed SecPaid.
 */
export const RESEND_GUARD_MS = 90_000
/**
 * A request journaled on another host, or by a version that did not record its writer, counts
 * as abandoned once it is older than the client timeout plus this margin (we cannot look at
 * that process; any send of it has long timed out by then).
 */
export const FOREIGN_WRITER_GRACE_MS = 5 * 60_000

const SYSTEM_USER = 'system'
const NOTE_APP_CLOSED = 'app closed before SecPaid answered'
const MAX_MESSAGE = 4000

function normalizeNote(note: string | null | undefined): string | null {
  const t = note?.trim() ?? ''
  return t === '' ? null : t
}

const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err))
const sameEvent = (a: LedgerEvent, b: LedgerEvent): boolean => a.requestId === b.requestId && a.type === b.type && a.at === b.at

export function createRefundService(deps: RefundServiceDeps): RefundService {
  const { env, ledger } = deps
  // The audit trail needs a name; the schema refuses an empty one.
  const osUser = deps.osUser.trim().slice(0, 200) || 'unknown'
  // Shared by every service instance of this process on the same ledger file.
  const registry = registryFor(ledger)
  const writer = deps.writer ?? currentWriter()
  const foreignStaleMs = (deps.clientTimeoutMs ?? DEFAULT_TIMEOUT_MS) + FOREIGN_WRITER_GRACE_MS
  let events: LedgerEvent[] = []
  let storeNotices: LedgerNotice[] = []
  let writable = true
  let folded: FoldResult | null = null

  const nowMs = (): number => deps.now().getTime()

  /** The file is the source of truth (the CLI may write it too); it is small, so re-read per action. */
  function reload(): void {
    const r = ledger.readAll()
    events = [...r.events]
    storeNotices = r.notices
    writable = r.writable
    folded = null
  }
  const onDisk = (ev: LedgerEvent): boolean => events.some((e) => sameEvent(e, ev))
  /** Outcomes SecPaid gave that are not on disk yet: part of every view until they are written. */
  const unsavedEvents = (): LedgerEvent[] => registry.unsaved().flatMap((e) => (e.outcome && !onDisk(e.outcome) ? [e.outcome] : []))
  const fold = (): FoldResult => (folded ??= foldLedgerWithNotices([...events, ...unsavedEvents()]))
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

  /**
   * Writes outcomes that could not be written right after SecPaid answered. `force` (write calls)
   * always tries; read calls try at most every UNSAVED_RETRY_MS so a stuck lock does not stall
   * each of them by the lock wait. Never throws.
   */
  function flushUnsaved(force: boolean): void {
    const now = nowMs()
    const due = registry.unsaved().filter((e) => force || (e.retryAfter ?? 0) <= now)
    if (due.length === 0) return
    try {
      ledger.withWriteLock(() => {
        reload()
        for (const e of due) {
          if (e.outcome && !onDisk(e.outcome)) append(e.outcome)
          registry.saved(e.env, e.payId)
        }
      })
    } catch (err) {
      for (const e of due) {
        if (e.phase !== 'unsaved') continue
        e.lastError = describeError(err)
        e.retryAfter = nowMs() + UNSAVED_RETRY_MS
      }
    }
    folded = null
  }

  /**
   * Journals the outcome of a refundPayment call that has returned. Never throws: SecPaid has
   * answered, so the caller must learn the real state even if the ledger cannot be written now
   * (the outcome then waits in the registry and is written by the next call).
   */
  function settle(payId: string, outcome: LedgerEvent): void {
    try {
      append(outcome)
      registry.release(env, payId)
    } catch (err) {
      registry.markUnsaved(env, payId, outcome, describeError(err), nowMs())
    }
    folded = null
  }

  /** Builds an outcome event; if that fails (e.g. an oversized reply), a still-truthful fallback. */
  function outcomeOr(build: () => LedgerEvent, id: string, note: string): LedgerEvent {
    try {
      return build()
    } catch {
      return makeLedgerEvent('outcome_unknown', id, deps.now(), { errorKind: 'unexpected', message: 'The reply could not be recorded.', osUser, note })
    }
  }

  /** The request after a send; never throws (see submit). */
  function viewAfterSend(id: string, fallback: readonly LedgerEvent[]): RefundRequest {
    try {
      reload()
    } catch {
      folded = null // keep what we have in memory
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

  /** When the last refundPayment for this request began: its `requested` or latest `recheck: resubmitting`. */
  function lastSendStartedAt(id: string): number | null {
    let last: number | null = null
    for (const e of events) {
      if (e.requestId !== id) continue
      if (e.type === 'requested' || (e.type === 'recheck' && e.data.result === 'resubmitting')) {
        const t = Date.parse(e.at)
        if (Number.isFinite(t) && (last === null || t > last)) last = t
      }
    }
    return last
  }

  /** The writer of a request and when it was journaled. */
  function requestedInfo(id: string): { writer?: WriterIdentity; at: number } | null {
    const ev = events.find((e) => e.requestId === id && e.type === 'requested')
    if (!ev) return null
    const parsed = requestedData.safeParse(ev.data)
    return { writer: parsed.success ? parsed.data.writer : undefined, at: Date.parse(ev.at) }
  }

  /** Whether nobody can still be sending this `submitting` request (null = leave it alone). */
  function abandonedBecause(req: RefundRequest): WriterStatus | null {
    // Sending (or answered but not yet written) in this process, by any service instance.
    if (registry.hasRequest(req.id) || registry.get(env, req.payId) !== undefined) return null
    const info = requestedInfo(req.id)
    const status = writerStatus(info?.writer, deps.writerCheck)
    switch (status) {
      case 'alive':
        return null
      case 'this_process': // ours, but no instance of this process is sending it
      case 'dead':
        return status
      case 'other_host':
      case 'unknown': {
        const at = info && Number.isFinite(info.at) ? info.at : Date.parse(req.createdAt)
        return nowMs() - at > foreignStaleMs ? status : null
      }
    }
  }

  /** `submitting` requests whose sender is gone → outcome_unknown. */
  function recoverStuck(onlyId?: string): number {
    return ledger.withWriteLock(() => {
      reload()
      let n = 0
      for (const r of envRequests()) {
        if (r.state !== 'submitting' || (onlyId !== undefined && r.id !== onlyId)) continue
        const why = abandonedBecause(r)
        if (why === null) continue
        const local = why === 'dead' || why === 'this_process'
        const minutes = Math.round(foreignStaleMs / 60_000)
        const note = local
          ? NOTE_APP_CLOSED
          : `no answer recorded by the sending process (${why === 'other_host' ? 'on another computer' : 'an older app version'}) within ${minutes} minutes`
        append(makeLedgerEvent('outcome_unknown', r.id, deps.now(), { errorKind: local ? 'app_closed' : 'sender_silent', message: note, osUser, note }))
        n++
      }
      return n
    })
  }

  async function resubmit(req: RefundRequest, client: RefundClient): Promise<void> {
    const go = ledger.withWriteLock(() => {
      reload()
      if (find(req.id)?.state !== 'outcome_unknown') return false
      // The first attempt may still be on its way (see RESEND_GUARD_MS): re-sending now could
      // create a second refund instead of confirming the first.
      const last = lastSendStartedAt(req.id)
      const waitMs = last === null ? 0 : last + RESEND_GUARD_MS - nowMs()
      if (waitMs > 0) {
        const ago = Math.max(0, Math.round((nowMs() - (last ?? 0)) / 1000))
        throw new RefundServiceError(
          'busy',
          `The last attempt to send refund request ${req.id} started ${ago} s ago and may still be in flight ` +
            `(SecPaid Desk waits up to ${Math.round((deps.clientTimeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s for an answer, and SecPaid may still process it after that). ` +
            `Nothing was re-sent; check again in ${Math.ceil(waitMs / 1000)} s.`
        )
      }
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
      if (text === '' || text.length > 2000) throw new RefundServiceError('invalid_input', 'Enter the reason SecPaid gave for the denial (at most 2000 characters).')
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
      return [...storeNotices.map(describeLedgerNotice), ...fold().notices, ...unsaved]
    }
  }
}
