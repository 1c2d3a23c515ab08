/**
 * Berlin month of a `createdAt` wall-clock string, fast enough for 200k rows.
 *
 * `berlinMonthOf` (shared/berlin-time) validates the full calendar date on every call, which
 * costs ~0.5 s per 200k rows — the largest part of a full cache write. All rows of one day
 * share the same date validity, so it runs once per distinct date; the shape and the time part
 * are checked here by character codes (same bounds as berlin-time: 00–23, 00–59, 00–59), which
 * allocates nothing per row, unlike a regex match and its captured date. Invalid input still goes
 * through berlinMonthOf so the error is the shared TimestampParseError.
 */
import { berlinMonthOf } from '@shared/berlin-time'

const DIGIT_0 = 48
const DASH = 45
const COLON = 58
const SPACE = 32

/** Value of the two digits at `at`, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - DIGIT_0
  const b = s.charCodeAt(at + 1) - DIGIT_0
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** YYYYMMDD of "YYYY-MM-DD HH:MM:SS" with a valid time of day, or -1 for any other shape. */
function dayNumber(s: string): number {
  if (s.length !== 19 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || s.charCodeAt(10) !== SPACE) return -1
  if (s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) return -1
  const hh = twoDigits(s, 11)
  const mi = twoDigits(s, 14)
  const ss = twoDigits(s, 17)
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59) return -1
  const y1 = twoDigits(s, 0)
  const y2 = twoDigits(s, 2)
  const mo = twoDigits(s, 5)
  const d = twoDigits(s, 8)
  if (y1 < 0 || y2 < 0 || mo < 0 || d < 0) return -1
  return ((y1 * 100 + y2) * 100 + mo) * 100 + d
}

export function createMonthOf(): (createdAt: string) => string {
  const byDay = new Map<number, string>()
  return (createdAt) => {
    const day = dayNumber(createdAt)
    if (day < 0) return berlinMonthOf(createdAt) // throws the shared error
    let month = byDay.get(day)
    if (month === undefined) {
      month = berlinMonthOf(createdAt) // validates the calendar date once per day
      byDay.set(day, month)
    }
    return month
  }
}
