/**
 * Crash recovery and the re-send guard of the refund service (refund-service.ts;
 * docs/architecture.md#a-refund-is-never-sent-twice-by-accident). Nothing still on the wire is touched: every
 * `requested` event records its writer process; only requests whose writer is gone are recovered
 * (writer-identity.ts), and the process-wide in-flight registry (in-flight-registry.ts) covers
 * all service instances of this process. The deliberate re-send of `checkAgain` is refused while
 * the last send attempt started less than RESEND_GUARD_MS ago.
 */
import type { RefundRequest } from '@shared/views'
import { DEFAULT_TIMEOUT_MS } from '../secpaid/timeouts'
import { makeLedgerEvent, requestedData, type LedgerEvent } from './ledger-events'
import { RefundServiceError } from './refund-errors'
import type { RefundLedger } from './refund-ledger'
import { writerStatus, type WriterCheckDeps, type WriterIdentity, type WriterStatus } from './writer-identity'

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

const NOTE_APP_CLOSED = 'app closed before SecPaid answered'

/** When the last refundPayment for this request began: its `requested` or latest `recheck: resubmitting`. */
export function lastSendStartedAt(events: readonly LedgerEvent[], id: string): number | null {
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
export function requestedInfo(events: readonly LedgerEvent[], id: string): { writer?: WriterIdentity; at: number } | null {
  const ev = events.find((e) => e.requestId === id && e.type === 'requested')
  if (!ev) return null
  const parsed = requestedData.safeParse(ev.data)
  return { writer: parsed.success ? parsed.data.writer : undefined, at: Date.parse(ev.at) }
}

export interface RefundRecoveryDeps {
  ledger: Pick<RefundLedger, 'env' | 'registry' | 'events' | 'requests' | 'locked' | 'append'>
  now: () => Date
  osUser: string
  /** The SecPaid client's request timeout (default: the transport's 30 s); sizes the stale-writer rule. */
  clientTimeoutMs?: number
  writerCheck?: WriterCheckDeps
}

export interface RefundRecovery {
  /**
   * `submitting` requests whose sender is gone → outcome_unknown (all, or just `onlyId`). Returns
   * the count.
   */
  recoverStuck(onlyId?: string): number
  /**
   * Throws RefundServiceError('busy') if the last send attempt of this request started less than
   * RESEND_GUARD_MS ago. Call under the ledger's write lock, right after a reload.
   */
  assertResendAllowed(id: string): void
}

export function createRefundRecovery(deps: RefundRecoveryDeps): RefundRecovery {
  const { ledger, osUser } = deps
  const { env, registry } = ledger
  const clientTimeoutMs = deps.clientTimeoutMs ?? DEFAULT_TIMEOUT_MS
  const foreignStaleMs = clientTimeoutMs + FOREIGN_WRITER_GRACE_MS
  const nowMs = (): number => deps.now().getTime()

  /** Whether nobody can still be sending this `submitting` request (null = leave it alone). */
  function abandonedBecause(req: RefundRequest): WriterStatus | null {
    // Sending (or answered but not yet written) in this process, by any service instance.
    if (registry.hasRequest(req.id) || registry.get(env, req.payId) !== undefined) return null
    const info = requestedInfo(ledger.events(), req.id)
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
    return ledger.locked(() => {
      let n = 0
      for (const r of ledger.requests()) {
        if (r.state !== 'submitting' || (onlyId !== undefined && r.id !== onlyId)) continue
        const why = abandonedBecause(r)
        if (why === null) continue
        const local = why === 'dead' || why === 'this_process'
        const minutes = Math.round(foreignStaleMs / 60_000)
        const note = local
          ? NOTE_APP_CLOSED
          : `no answer recorded by the sending process (${why === 'other_host' ? 'on another computer' : 'an older app version'}) within ${minutes} minutes`
        ledger.append(makeLedgerEvent('outcome_unknown', r.id, deps.now(), { errorKind: local ? 'app_closed' : 'sender_silent', message: note, osUser, note }))
        n++
      }
      return n
    })
  }

  function assertResendAllowed(id: string): void {
    // The first attempt may still be on its way (see RESEND_GUARD_MS): re-sending now could
    // create a second refund instead of confirming the first.
    const last = lastSendStartedAt(ledger.events(), id)
    const waitMs = last === null ? 0 : last + RESEND_GUARD_MS - nowMs()
    if (waitMs > 0) {
      const ago = Math.max(0, Math.round((nowMs() - (last ?? 0)) / 1000))
      throw new RefundServiceError(
        'busy',
        `The last attempt to send refund request ${id} started ${ago} s ago and may still be in flight ` +
          `(SecPaid Desk waits up to ${Math.round(clientTimeoutMs / 1000)} s for an answer, and SecPaid may still process it after that). ` +
          `Nothing was re-sent; check again in ${Math.ceil(waitMs / 1000)} s.`
      )
    }
  }

  return { recoverStuck, assertResendAllowed }
}
