/**
 * Writing to the refund ledger for the refund service (refund-service.ts; DESIGN §2.2). Once
 * refundPayment has returned, its outcome must never be lost and the caller must never see a
 * throw: if the outcome cannot be written (ledger lock busy beyond its wait, disk error), it is
 * kept in memory in the process-wide in-flight registry (in-flight-registry.ts), shown in
 * `notices()`, and written by the next call of any service instance on that ledger.
 */
import type { EnvironmentId } from '../../../shared/domain'
import { UNSAVED_RETRY_MS, type InFlightRegistry } from './in-flight-registry'
import { makeLedgerEvent, type LedgerEvent } from './ledger-events'
import type { LedgerSnapshot } from './ledger-snapshot'
import { RefundServiceError } from './refund-errors'
import type { RefundLedger } from './refund-service-types'

export interface LedgerWriterDeps {
  env: EnvironmentId
  ledger: Pick<RefundLedger, 'append' | 'withWriteLock'>
  registry: InFlightRegistry
  snapshot: LedgerSnapshot
  now: () => Date
  /** The (normalised) OS user recorded in fallback outcome events. */
  osUser: string
}

export interface LedgerWriter {
  /** Appends (fsync'd) and records the event in the snapshot; throws if the ledger is read-only or the write fails. */
  append(event: LedgerEvent): void
  /** Writes outcomes not yet on disk; `force` = always try (write calls). Never throws. */
  flushUnsaved(force: boolean): void
  /** Journals the outcome of a refundPayment call that has returned. Never throws. */
  settle(payId: string, outcome: LedgerEvent): void
  /** Builds an outcome event; if that fails (e.g. an oversized reply), a still-truthful fallback. */
  outcomeOr(build: () => LedgerEvent, id: string, note: string): LedgerEvent
}

export const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export function createLedgerWriter(deps: LedgerWriterDeps): LedgerWriter {
  const { env, ledger, registry, snapshot, osUser } = deps
  const nowMs = (): number => deps.now().getTime()

  function append(event: LedgerEvent): void {
    if (!snapshot.writable()) throw new RefundServiceError('ledger_read_only', 'The refund ledger is read-only (written by a newer version or damaged header); nothing was sent.')
    ledger.append(event) // fsync'd before it returns
    snapshot.appended(event)
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
        snapshot.reload()
        for (const e of due) {
          if (e.outcome && !snapshot.onDisk(e.outcome)) append(e.outcome)
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
    snapshot.invalidate()
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
    snapshot.invalidate()
  }

  /** Builds an outcome event; if that fails (e.g. an oversized reply), a still-truthful fallback. */
  function outcomeOr(build: () => LedgerEvent, id: string, note: string): LedgerEvent {
    try {
      return build()
    } catch {
      return makeLedgerEvent('outcome_unknown', id, deps.now(), { errorKind: 'unexpected', message: 'The reply could not be recorded.', osUser, note })
    }
  }

  return { append, flushUnsaved, settle, outcomeOr }
}
