/**
 * One environment's refund ledger as one object: the file (through the store, with its
 * cross-process writer lock), the in-memory fold, the in-flight registry of its file, the outcomes
 * not written yet — and `onDidChange`, so whoever shows the requests (the transaction index, the
 * renderer) hears about a change once, with the pay_ids it touched, instead of polling the file.
 *
 * The file is read only when it changed since we last read or wrote it (its stamp), so the common
 * path — this process writes, this process reads — never re-reads it. A change made by another
 * process (the CLI) is noticed at the next look (`refresh`) and published like our own.
 *
 * Once refundPayment has returned, its outcome must never be lost and the caller must never see a
 * throw: if the outcome cannot be written (lock busy beyond its wait, disk error), `settle` keeps
 * it in the registry, every fold includes it, `notices()` says so, and the next call of any ledger
 * on this file writes it.
 */
import type { EnvironmentId } from '@shared/domain'
import { OPEN_REQUEST_STATES, type RefundRequest } from '@shared/views'
import type { LedgerNotice } from '../storage/refund-ledger-store'
import { PROCESS_IN_FLIGHT, UNSAVED_RETRY_MS, type InFlightRegistries, type InFlightRegistry } from './in-flight-registry'
import type { LedgerEvent } from './ledger-events'
import { createLedgerSnapshot, type LedgerStore, type TeamLedgerView } from './ledger-snapshot'
import { RefundServiceError } from './refund-errors'

/** What one operation changed: this environment's requests now, and the pay_ids whose requests changed. */
export interface RefundLedgerChange {
  requests: RefundRequest[]
  payIds: string[]
}

export interface RefundLedger {
  readonly env: EnvironmentId
  /** The in-flight registry of this ledger's file (shared by every ledger on it in this process). */
  readonly registry: InFlightRegistry
  /** This environment's requests, oldest first, as of the last look at the file (no file access). */
  requests(): RefundRequest[]
  find(id: string): RefundRequest | null
  /**
   * Open requests of one payment, from a map rebuilt only when the ledger changes (the index asks
   * per row, so a payment without any gets one shared empty list, not an array per row).
   */
  openRequestsFor(payId: string): readonly RefundRequest[]
  /** Every event as of the last look at the file (all environments). */
  events(): readonly LedgerEvent[]
  /**
   * Writes outcomes not on disk yet (`force`: always; otherwise at most every UNSAVED_RETRY_MS,
   * so a stuck lock does not stall each read), then reads the file if someone changed it.
   * Throws if that read fails (the last view is kept).
   */
  refresh(opts: { force: boolean }): void
  /** Runs `fn` holding the cross-process writer lock, on an up-to-date view of the file. */
  locked<T>(fn: () => T): T
  /** Appends (fsync'd) under the lock; throws if the ledger is read-only or the write fails. */
  append(event: LedgerEvent): void
  /** Journals the outcome of a refundPayment call that has returned; releases the pay_id. Never throws. */
  settle(payId: string, outcome: LedgerEvent): void
  /** Store and fold notices and outcomes not written yet, in words. */
  notices(describe: (n: LedgerNotice) => string): string[]
  /** Runs `fn` (sync or async) as one operation: its changes are published once, when it ends. */
  operation<T>(fn: () => T): T
  onDidChange(listener: (change: RefundLedgerChange) => void): () => void
  /**
   * Team mode: the requests become the merge of this PC's file with what teammates wrote
   * (docs/team-mode.md#merge-rule); called again whenever pulled events arrive. What changed is
   * published like any other change. null: this PC's file alone again.
   */
  setTeamView(view: TeamLedgerView | null): void
}

export interface OpenRefundLedgerOptions {
  env: EnvironmentId
  store: LedgerStore
  /** Where the in-flight registry of this file comes from (default: this process's). */
  registries?: InFlightRegistries
  /** Times the retries of unsaved outcomes. */
  now?: () => Date
}

const NO_REQUESTS: readonly RefundRequest[] = Object.freeze([])

const describeError = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export function openRefundLedger(opts: OpenRefundLedgerOptions): RefundLedger {
  const { env, store } = opts
  const registry = (opts.registries ?? PROCESS_IN_FLIGHT).forFile(store.file)
  const now = opts.now ?? (() => new Date())
  const snapshot = createLedgerSnapshot(store, registry)
  const listeners = new Set<(change: RefundLedgerChange) => void>()
  const changed = new Set<string>()
  let depth = 0

  const envRequests = (): RefundRequest[] => snapshot.fold().requests.filter((r) => r.env === env)
  // Read once at open: the transaction index derives every row's refund state from this fold.
  snapshot.refreshIfChanged()
  let openIndex: { from: unknown; byPayId: Map<string, RefundRequest[]> } | null = null

  /** Records which pay_ids differ between two views (new requests, or a state/history change). */
  function noteDiff(before: readonly RefundRequest[], after: readonly RefundRequest[]): void {
    const old = new Map(before.map((r) => [r.id, r]))
    for (const r of after) {
      const prev = old.get(r.id)
      if (!prev || prev.state !== r.state || prev.history.length !== r.history.length) changed.add(r.payId)
    }
  }

  function publish(): void {
    if (depth > 0 || changed.size === 0) return
    const change: RefundLedgerChange = { requests: envRequests(), payIds: [...changed] }
    changed.clear()
    for (const listener of listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure must never change the course of a refund.
      }
    }
  }

  /** Re-reads the file if it changed and notes what differs. Throws if the read fails. */
  function refreshIfChanged(): void {
    const before = envRequests()
    if (snapshot.refreshIfChanged()) noteDiff(before, envRequests())
  }

  function appendLocked(event: LedgerEvent): void {
    if (!snapshot.writable()) throw new RefundServiceError('ledger_read_only', 'The refund ledger is read-only (written by a newer version or damaged header); nothing was sent.')
    const before = envRequests()
    store.append(event) // fsync'd before it returns
    snapshot.appended(event)
    noteDiff(before, envRequests())
  }

  function locked<T>(fn: () => T): T {
    return store.withWriteLock(() => {
      refreshIfChanged()
      return fn()
    })
  }

  function flushUnsaved(force: boolean): void {
    const nowMs = now().getTime()
    const due = registry.unsaved().filter((e) => force || (e.retryAfter ?? 0) <= nowMs)
    if (due.length === 0) return
    try {
      locked(() => {
        for (const e of due) {
          if (e.outcome && !snapshot.onDisk(e.outcome)) appendLocked(e.outcome)
          registry.saved(e.env, e.payId)
        }
      })
    } catch (err) {
      for (const e of due) {
        if (e.phase !== 'unsaved') continue
        e.lastError = describeError(err)
        e.retryAfter = now().getTime() + UNSAVED_RETRY_MS
      }
    }
    snapshot.invalidate()
  }

  function operation<T>(fn: () => T): T {
    depth++
    let result: T
    try {
      result = fn()
    } catch (error) {
      depth--
      publish()
      throw error
    }
    if (result instanceof Promise) {
      return result.finally(() => {
        depth--
        publish()
      }) as T
    }
    depth--
    publish()
    return result
  }

  return {
    env,
    registry,
    requests: envRequests,
    find: (id) => envRequests().find((r) => r.id === id) ?? null,
    openRequestsFor(payId) {
      const fold = snapshot.fold()
      if (openIndex?.from !== fold) {
        const byPayId = new Map<string, RefundRequest[]>()
        for (const r of fold.requests) {
          if (r.env !== env || !OPEN_REQUEST_STATES.includes(r.state)) continue
          byPayId.set(r.payId, [...(byPayId.get(r.payId) ?? []), r])
        }
        openIndex = { from: fold, byPayId }
      }
      return openIndex.byPayId.get(payId) ?? NO_REQUESTS
    },
    events: () => snapshot.events(),
    refresh({ force }) {
      operation(() => {
        flushUnsaved(force)
        refreshIfChanged()
      })
    },
    locked,
    append: (event) => operation(() => locked(() => appendLocked(event))),
    settle(payId, outcome) {
      operation(() => {
        try {
          locked(() => appendLocked(outcome))
          registry.release(env, payId)
        } catch (err) {
          registry.markUnsaved(env, payId, outcome, describeError(err), now().getTime())
          const before = envRequests()
          snapshot.invalidate()
          noteDiff(before, envRequests())
        }
        snapshot.invalidate()
      })
    },
    notices(describe) {
      const unsaved = registry.unsaved().map(
        (e) =>
          `The outcome of refund request ${e.requestId} (${e.outcome?.type ?? 'unknown'}) is not written to the ledger yet (${e.lastError ?? 'unknown error'}). ` +
          'SecPaid Desk keeps it in memory and writes it with the next action; keep the app open until this notice is gone.'
      )
      return [...snapshot.storeNotices().map(describe), ...snapshot.fold().notices, ...unsaved]
    },
    operation,
    setTeamView(view) {
      operation(() => {
        const before = envRequests()
        snapshot.setTeamView(view)
        noteDiff(before, envRequests())
      })
    },
    onDidChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
