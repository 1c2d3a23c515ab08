/**
 * Europe/Berlin wall-clock helpers for the simulator. The API sends `created_at` as Berlin
 * wall-clock "YYYY-MM-DD HH:MM:SS" without offset and `ServerTime` as "CET"/"CEST"
 * (docs/secpaid-api.md#data-types). The EU rule (CEST from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC) is computed arithmetically because formatting 500k timestamps through
 * Intl would dominate seed generation time.
 */
import { addCalendarDays } from '@shared/berlin-time'

const HOUR = 3_600_000
export const DAY_MS = 86_400_000

const dstCache = new Map<number, { start: number; end: number }>()

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0))
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1)
}

function dstRange(year: number): { start: number; end: number } {
  let r = dstCache.get(year)
  if (!r) {
    r = { start: lastSundayUtc(year, 2), end: lastSundayUtc(year, 9) }
    dstCache.set(year, r)
  }
  return r
}

/** The year range last looked up: rows are generated in time order, so this nearly always hits. */
let cachedYear = { from: 0, to: -1, start: 0, end: 0 }

export function isBerlinSummerTime(utcMs: number): boolean {
  if (utcMs < cachedYear.from || utcMs >= cachedYear.to) {
    const year = new Date(utcMs).getUTCFullYear()
    cachedYear = { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1), ...dstRange(year) }
  }
  return utcMs >= cachedYear.start && utcMs < cachedYear.end
}

export function berlinOffsetMs(utcMs: number): number {
  return isBerlinSummerTime(utcMs) ? 2 * HOUR : HOUR
}

/**
 * The envelope's `ServerTime` (docs/secpaid-api.md#the-response-envelope): a zone abbreviation, not
 * a timestamp.
 */
export function serverTimeAbbrev(utcMs: number): 'CET' | 'CEST' {
  return isBerlinSummerTime(utcMs) ? 'CEST' : 'CET'
}

const PAD2 = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + String(i))
/** Day prefix cache ("YYYY-MM-DD "): one shared string per day keeps 500k timestamps cheap. */
let cachedDay = { num: NaN, prefix: '' }

/** "YYYY-MM-DD HH:MM:SS" in Berlin wall-clock (docs/secpaid-api.md#data-types). */
export function toBerlinWall(utcMs: number): string {
  const local = utcMs + berlinOffsetMs(utcMs)
  const dayNum = Math.floor(local / DAY_MS)
  if (dayNum !== cachedDay.num) {
    cachedDay = { num: dayNum, prefix: new Date(dayNum * DAY_MS).toISOString().slice(0, 10) + ' ' }
  }
  const secs = Math.floor((local - dayNum * DAY_MS) / 1000)
  const time = `${PAD2[Math.floor(secs / 3600)] ?? '00'}:${PAD2[Math.floor(secs / 60) % 60] ?? '00'}:${PAD2[secs % 60] ?? '00'}`
  return cachedDay.prefix + time
}

/** "YYYY-MM-DD" of the Berlin calendar day containing utcMs. */
export function berlinDay(utcMs: number): string {
  return toBerlinWall(utcMs).slice(0, 10)
}

/** Adds whole calendar days to a "YYYY-MM-DD" string. */
export const addDays = addCalendarDays

/** Strict "YYYY-MM-DD" check including calendar validity (rejects 2026-02-30). */
export function isValidDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  return addDays(value, 0) === value
}
