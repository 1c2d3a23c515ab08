/**
 * The in-memory copy of the ledger file (owned by refund-ledger.ts). The file is the source of
 * truth — the CLI may append to it while the app runs — but it is read again only when its stamp
 * (storage/refund-ledger-store.ts) says someone appended since the last read or append.
 * Outcomes SecPaid gave that are not on disk yet (held by the in-flight registry) are part of
 * every fold until they are written.
 */
import type { LedgerNotice, RefundLedgerStore } from '../storage/refund-ledger-store'
import type { InFlightRegistry } from './in-flight-registry'
import type { LedgerEvent } from './ledger-events'
import { foldLedgerWithNotices, type FoldResult } from './ledger-model'

/**
 * What teammates' PCs wrote (team mode), folded together with this PC's file. Kept apart from the
 * file: the file stays this PC's own record, and the merge needs each event's writer position.
 * `fold` is team-merge's merge + fold (injected: the refunds module does not depend on team mode).
 */
export interface TeamLedgerView {
  fold(local: readonly LedgerEvent[]): FoldResult
}

/** What the ledger needs of the store; `file` identifies it: ledgers on one file share one in-flight registry. */
export type LedgerStore = Pick<RefundLedgerStore, 'file' | 'readAll' | 'append' | 'withWriteLock' | 'stamp'>

export interface LedgerSnapshot {
  /** Reads the file if it changed since the last read/append (or was never read); true if it did. Throws if reading fails (the snapshot is then unchanged). */
  refreshIfChanged(): boolean
  /** The events read from (or appended to) the file. */
  events(): LedgerEvent[]
  storeNotices(): LedgerNotice[]
  writable(): boolean
  /** Whether this event is in the file (as of the last read/append). */
  onDisk(ev: LedgerEvent): boolean
  /** The fold of the file's events plus unsaved outcomes; the same object until the next change. */
  fold(): FoldResult
  /** An event was just appended to the file (fsync'd) by this snapshot's owner. */
  appended(ev: LedgerEvent): void
  /** Drops the cached fold (e.g. the registry's unsaved outcomes changed). */
  invalidate(): void
  /** Team mode: folds through the team's merge from now on (null: this PC's file alone). */
  setTeamView(view: TeamLedgerView | null): void
}

export const sameEvent = (a: LedgerEvent, b: LedgerEvent): boolean => a.requestId === b.requestId && a.type === b.type && a.at === b.at

export function createLedgerSnapshot(store: Pick<LedgerStore, 'readAll' | 'stamp'>, registry: InFlightRegistry): LedgerSnapshot {
  let events: LedgerEvent[] = []
  let storeNotices: LedgerNotice[] = []
  let writable = true
  let folded: FoldResult | null = null
  let team: TeamLedgerView | null = null
  /** The file's stamp as of our last read or append; undefined = never read. */
  let seen: string | null | undefined

  const onDisk = (ev: LedgerEvent): boolean => events.some((e) => sameEvent(e, ev))
  /** Outcomes SecPaid gave that are not on disk yet: part of every view until they are written. */
  const unsavedEvents = (): LedgerEvent[] => registry.unsaved().flatMap((e) => (e.outcome && !onDisk(e.outcome) ? [e.outcome] : []))

  return {
    refreshIfChanged() {
      const stamp = store.stamp()
      if (seen !== undefined && stamp === seen) return false
      // Stamp first: an append racing with the read shows up as a change next time.
      const r = store.readAll()
      events = [...r.events]
      storeNotices = r.notices
      writable = r.writable
      folded = null
      seen = stamp
      return true
    },
    events: () => events,
    storeNotices: () => storeNotices,
    writable: () => writable,
    onDisk,
    fold: () => (folded ??= team === null ? foldLedgerWithNotices([...events, ...unsavedEvents()]) : team.fold([...events, ...unsavedEvents()])),
    appended(ev) {
      events.push(ev)
      folded = null
      // Appends happen under the writer lock right after refreshIfChanged, so the file holds
      // exactly what we know plus this event.
      seen = store.stamp()
    },
    invalidate() {
      folded = null
    },
    setTeamView(view) {
      team = view
      folded = null
    }
  }
}
