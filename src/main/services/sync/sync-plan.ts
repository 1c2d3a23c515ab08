/**
 * Which days a sync fetches. The API only offers `since` = "the last N days" (our reading, which the
 * simulator follows, docs/secpaid-api.md#since-means-the-last-n-berlin-days: Berlin calendar days
 * today−N … today), so every plan is one `since` value:
 *
 * - first sync (no lastSuccessfulSyncAt) or full refresh: the history window, i.e. whole Berlin
 *   months — the current one plus `historyWindowMonths − 1` before it, so month-end reviews
 *   never see a half month at the window's edge;
 * - incremental: the days since the last successful sync plus `overlapDays` (late-arriving rows,
 *   clock skew, a server day boundary in another zone); the overlap is deduped by key on upsert;
 * - months flagged needsResync (a corrupt shard was set aside): we simply widen `since` back to
 *   the 1st of the oldest flagged month. One longer paged fetch is cheaper in requests than one
 *   `date=` call per day of each month (30+ calls, 60/min limit), and upsert dedupes the rest;
 * - a history window that grew since the last full sync widens `since` the same way.
 */
import { berlinToday, currentBerlinMonth, daysBetweenBerlinDates, previousMonth } from '@shared/berlin-time'
import type { CacheMeta } from '../storage/transaction-cache'

export type SyncMode = 'initial' | 'full' | 'incremental'

export interface SyncPlan {
  mode: SyncMode
  /** `since` for getPayInTransactions, ≥ 1 (the client refuses 0, whose meaning is OPEN). */
  sinceDays: number
  /** First Berlin day the plan covers. */
  fromDate: string
  /** First month of the history window (stored as meta.syncedFrom). */
  windowStartMonth: string
  /** needsResync months this fetch repairs. */
  resyncMonths: string[]
}

export interface PlanInput {
  meta: CacheMeta
  full: boolean
  now: Date
  historyWindowMonths: number
  overlapDays: number
}

export function windowStartMonth(now: Date, historyWindowMonths: number): string {
  const months = Math.max(1, Math.floor(historyWindowMonths))
  let m = currentBerlinMonth(now)
  for (let i = 1; i < months; i++) m = previousMonth(m)
  return m
}

function sinceFor(fromDate: string, today: string): number {
  return Math.max(1, daysBetweenBerlinDates(fromDate, today))
}

export function planSync(input: PlanInput): SyncPlan {
  const { meta, now } = input
  const today = berlinToday(now)
  const startMonth = windowStartMonth(now, input.historyWindowMonths)
  const windowFrom = `${startMonth}-01`
  const resyncMonths = Object.entries(meta.shards)
    .filter(([, info]) => info.needsResync)
    .map(([month]) => month)
    .sort()

  if (input.full || meta.lastSuccessfulSyncAt === null) {
    // A full refresh rewrites every shard, so it repairs flagged months inside the window too.
    const oldest = resyncMonths[0]
    const fromDate = !input.full && oldest !== undefined && `${oldest}-01` < windowFrom ? `${oldest}-01` : windowFrom
    return {
      mode: input.full ? 'full' : 'initial',
      sinceDays: sinceFor(fromDate, today),
      fromDate,
      windowStartMonth: startMonth,
      resyncMonths
    }
  }

  const lastDay = berlinToday(new Date(meta.lastSuccessfulSyncAt))
  let fromDate = lastDay <= today ? lastDay : today // a clock that went backwards: still fetch today
  const candidates = [daysBackFrom(fromDate, input.overlapDays)]
  if (resyncMonths[0] !== undefined) candidates.push(`${resyncMonths[0]}-01`)
  if (meta.syncedFrom !== null && startMonth < meta.syncedFrom) candidates.push(windowFrom)
  fromDate = candidates.sort()[0] as string
  return {
    mode: 'incremental',
    sinceDays: sinceFor(fromDate, today),
    fromDate,
    windowStartMonth: meta.syncedFrom !== null && meta.syncedFrom < startMonth ? meta.syncedFrom : startMonth,
    resyncMonths
  }
}

/** `date` minus `days` calendar days ("YYYY-MM-DD"), via UTC date math (no DST there). */
function daysBackFrom(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - Math.max(0, Math.floor(days)))
  return d.toISOString().slice(0, 10)
}
