/**
 * Keeps "this month" / "last month" relative across restarts.
 *
 * Choice: the IPC settings schema (src/shared/ipc-contract.ts, `periodFilterSchema`, strict) can
 * only carry a concrete `{ kind: 'month', month: 'YYYY-MM' }`, so the saved filter stores the month
 * as it was when saved, and the preset marker lives renderer-only in localStorage alongside it:
 * `{ preset, month }`. On load, a saved month that equals the marker's month is mapped to the
 * preset's current Berlin month. A stale marker (the saved filter changed without it) is ignored.
 */
import type { TransactionFilter } from '@shared/views'
import { lastMonth, presetOf, thisMonth } from './filter-model'

const STORAGE_KEY = 'secpaid.transactions.periodPreset'

type RelativePreset = 'thisMonth' | 'lastMonth'

interface Marker {
  preset: RelativePreset
  month: string
}

function readMarker(): Marker | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<Marker>
    if ((parsed.preset === 'thisMonth' || parsed.preset === 'lastMonth') && typeof parsed.month === 'string') {
      return { preset: parsed.preset, month: parsed.month }
    }
  } catch {
    // storage unavailable or garbage: no marker
  }
  return null
}

/** Remembers whether the filter about to be saved uses a relative month preset. */
export function rememberPeriodPreset(filter: TransactionFilter, now = new Date()): void {
  try {
    const preset = presetOf(filter.period, now)
    if ((preset === 'thisMonth' || preset === 'lastMonth') && filter.period.kind === 'month') {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ preset, month: filter.period.month } satisfies Marker))
    } else {
      window.localStorage.removeItem(STORAGE_KEY)
    }
  } catch {
    // best effort
  }
}

/** The saved filter with a relative preset moved to the current Berlin month. */
export function restorePeriodPreset(saved: TransactionFilter, now = new Date()): TransactionFilter {
  const marker = readMarker()
  if (!marker || saved.period.kind !== 'month' || saved.period.month !== marker.month) return saved
  const month = marker.preset === 'thisMonth' ? thisMonth(now) : lastMonth(now)
  return month === saved.period.month ? saved : { ...saved, period: { kind: 'month', month } }
}
