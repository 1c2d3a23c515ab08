/**
 * Berlin month of a `createdAt` wall-clock string, fast enough for 200k rows.
 *
 * `berlinMonthOf` (shared/berlin-time) validates the full calendar date on every call, which
 * costs ~0.5 s per 200k rows — the largest part of a full cache write. All rows of one day
 * share the same date validity, so it runs once per distinct date; the time part is checked
 * by an exact regex (same bounds as berlin-time: 00–23, 00–59, 00–59). Invalid input still
 * goes through berlinMonthOf so the error is the shared TimestampParseError.
 */
import { berlinMonthOf } from '@shared/berlin-time'

const SHAPE = /^(\d{4}-\d{2}-\d{2}) (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/

export function createMonthOf(): (createdAt: string) => string {
  const byDate = new Map<string, string>()
  return (createdAt) => {
    const date = SHAPE.exec(createdAt)?.[1]
    if (date === undefined) return berlinMonthOf(createdAt) // throws the shared error
    let month = byDate.get(date)
    if (month === undefined) {
      month = berlinMonthOf(createdAt)
      byDate.set(date, month)
    }
    return month
  }
}
