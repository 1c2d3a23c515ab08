/**
 * The refund service's in-memory copy of the ledger file (refund-service.ts). The file is the
 * source of truth (the CLI may write it too); it is small, so the service re-reads it per action.
 * Outcomes SecPaid gave that are not on disk yet (held by the in-flight registry) are part of
 * every fold until they are written.
 */
import type { LedgerNotice } from '../storage/refund-ledger-store'
import type { InFlightRegistry } from './in-flight-registry'
import type { LedgerEvent } from './ledger-events'
import { foldLedgerWithNotices, type FoldResult } from './ledger-model'
import type { RefundLedger } from './refund-service-types'

export interface LedgerSnapshot {
  /** Re-reads the file; if that throws, the snapshot is unchanged. */
  reload(): void
  /** The events read from (or appended to) the file; a new array after each reload. */
  events(): LedgerEvent[]
  storeNotices(): LedgerNotice[]
  writable(): boolean
  /** Whether this event is in the file (as of the last reload/append). */
  onDisk(ev: LedgerEvent): boolean
  /** The fold of the file's events plus unsaved outcomes; cached until the next change. */
  fold(): FoldResult
  /** An event was just appended to the file (fsync'd). */
  appended(ev: LedgerEvent): void
  /** Drops the cached fold (e.g. the registry's unsaved outcomes changed). */
  invalidate(): void
}

export const sameEvent = (a: LedgerEvent, b: LedgerEvent): boolean => a.requestId === b.requestId && a.type === b.type && a.at === b.at

export function createLedgerSnapshot(ledger: Pick<RefundLedger, 'readAll'>, registry: InFlightRegistry): LedgerSnapshot {
  let events: LedgerEvent[] = []
  let storeNotices: LedgerNotice[] = []
  let writable = true
  let folded: FoldResult | null = null

  const onDisk = (ev: LedgerEvent): boolean => events.some((e) => sameEvent(e, ev))
  /** Outcomes SecPaid gave that are not on disk yet: part of every view until they are written. */
  const unsavedEvents = (): LedgerEvent[] => registry.unsaved().flatMap((e) => (e.outcome && !onDisk(e.outcome) ? [e.outcome] : []))

  return {
    reload() {
      const r = ledger.readAll()
      events = [...r.events]
      storeNotices = r.notices
      writable = r.writable
      folded = null
    },
    events: () => events,
    storeNotices: () => storeNotices,
    writable: () => writable,
    onDisk,
    fold: () => (folded ??= foldLedgerWithNotices([...events, ...unsavedEvents()])),
    appended(ev) {
      events.push(ev)
      folded = null
    },
    invalidate() {
      folded = null
    }
  }
}
