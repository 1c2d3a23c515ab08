/**
 * Europe/Berlin wall-clock helpers.
 *
 * SecPaid timestamps are "YYYY-MM-DD HH:MM:SS" with no offset (docs/secpaid-api.md#data-types);
 * they are Berlin wall-clock time (CET/CEST). We keep them as strings as the API sent them and only
 * convert to instants where we need real time (sorting across DST, "x days ago", month ranges as
 * instants). Month boundaries are Berlin months (docs/architecture.md#money-is-exact).
 *
 * Pure TypeScript with plain `Intl` (no Node, DOM or Electron) so main, preload and renderer
 * share it. The zone offset comes from `Intl.DateTimeFormat` with `timeZone: 'Europe/Berlin'`,
 * i.e. the IANA rules of the runtime's ICU — no hard-coded DST dates.
 *
 * Calendar arithmetic on dates and months uses UTC-based Date math on the wall-clock fields
 * (UTC has no DST, so a day is always 86 400 000 ms there).
 */

export type DisplayLocale = 'de' | 'en'

/** Thrown when a timestamp, date or month string is malformed or not a real calendar value. */
export class TimestampParseError extends Error {
  constructor(what: string, value: unknown) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value
    super(`Invalid ${what}: ${shown}`)
    this.name = 'TimestampParseError'
  }
}

interface WallClock {
  year: number
  month: number // 1-12
  day: number
  hour: number
  minute: number
  second: number
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH = /^(\d{4})-(\d{2})$/

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Date.UTC that also works for years 0-99 (Date.UTC maps those to 1900-1999; setUTCFullYear does not). */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(hour, minute, second, 0)
  return d.getTime()
}

function validYearMonth(year: number, month: number): boolean {
  return year >= 1 && month >= 1 && month <= 12
}

function parseTimestamp(s: unknown): WallClock {
  const m = typeof s === 'string' ? TIMESTAMP.exec(s) : null
  if (!m) throw new TimestampParseError('timestamp (expected YYYY-MM-DD HH:MM:SS)', s)
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number, number, number, number, number, number
  ]
  if (
    !validYearMonth(year, month) ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 // the API never sends leap seconds; 60 would be a data error
  ) {
    throw new TimestampParseError('timestamp (no such date or time)', s)
  }
  return { year, month, day, hour, minute, second }
}

function parseDate(s: unknown): { year: number; month: number; day: number } {
  const m = typeof s === 'string' ? DATE.exec(s) : null
  if (!m) throw new TimestampParseError('date (expected YYYY-MM-DD)', s)
  const [year, month, day] = m.slice(1, 4).map(Number) as [number, number, number]
  if (!validYearMonth(year, month) || day < 1 || day > daysInMonth(year, month)) {
    throw new TimestampParseError('date (no such day)', s)
  }
  return { year, month, day }
}

function parseMonth(s: unknown): { year: number; month: number } {
  const m = typeof s === 'string' ? MONTH.exec(s) : null
  const year = Number(m?.[1])
  const month = Number(m?.[2])
  if (!m || !validYearMonth(year, month)) throw new TimestampParseError('month (expected YYYY-MM)', s)
  return { year, month }
}

const pad2 = (n: number): string => String(n).padStart(2, '0')
const pad4 = (n: number): string => String(n).padStart(4, '0')

function formatMonth(year: number, month: number): string {
  return `${pad4(year)}-${pad2(month)}`
}

/** True for "YYYY-MM" with month 01-12 (year 0001-9999). */
export function isValidMonth(s: string): boolean {
  try {
    parseMonth(s)
    return true
  } catch {
    return false
  }
}

/** True for "YYYY-MM-DD" that is a real calendar date ("2026-02-29" is false, "2028-02-29" true). */
export function isValidDate(s: string): boolean {
  try {
    parseDate(s)
    return true
  } catch {
    return false
  }
}

/** True for a well-formed, real "YYYY-MM-DD HH:MM:SS" (no check against DST gaps). */
export function isValidTimestamp(s: string): boolean {
  try {
    parseTimestamp(s)
    return true
  } catch {
    return false
  }
}

let berlinFormat: Intl.DateTimeFormat | undefined

/** Berlin wall-clock fields of an instant, via Intl (IANA rules of the runtime). */
function berlinFieldsAt(instantMs: number): WallClock {
  berlinFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric'
  })
  const fields: Record<string, number> = {}
  for (const part of berlinFormat.formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN
  }
}

function wallClockAsUtcMs(w: WallClock): number {
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second)
}

/** UTC offset of Berlin at an instant, in ms (+1 h for CET, +2 h for CEST). */
function berlinOffsetMs(instantMs: number): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000
  return wallClockAsUtcMs(berlinFieldsAt(wholeSecond)) - wholeSecond
}

/**
 * Converts a Berlin wall-clock timestamp to the instant it denotes.
 *
 * DST edge cases (Berlin changes at 01:00 UTC on the last Sunday of March and October):
 * - Spring-forward gap ("2026-03-29 02:30:00" never happens): we apply the offset in force before
 *   the change (CET, +1), giving 01:30Z — the same instant as 03:30 CEST. The wall clock is
 *   "resolved forward" by the gap's length, like java.time and Temporal's default
 *   `disambiguation: 'compatible'`.
 * - Autumn fall-back overlap ("2026-10-25 02:30:00" happens twice): we pick the first occurrence,
 *   CEST (+2) → 00:30Z, also the pre-change offset and also Temporal's 'compatible' choice. The
 *   string alone cannot tell the two apart; the API gives no offset.
 * So the rule is: whenever the wall clock is not unique, use the offset in force before the change.
 */
export function berlinWallClockToInstant(s: string): Date {
  const naive = wallClockAsUtcMs(parseTimestamp(s))
  // Offsets on either side of any transition near this wall-clock time (transitions are months
  // apart, so one day either way brackets at most one).
  const before = berlinOffsetMs(naive - DAY_MS)
  const after = berlinOffsetMs(naive + DAY_MS)
  const candidates = before === after ? [before] : [before, after]
  const valid = candidates.filter((offset) => berlinOffsetMs(naive - offset) === offset)
  // valid.length === 2: overlap → first in the list is the pre-change offset (earlier instant).
  // valid.length === 0: gap → pre-change offset, i.e. shifted forward past the gap.
  const offset = valid[0] ?? before
  return new Date(naive - offset)
}

/** Berlin wall clock of an instant as "YYYY-MM-DD HH:MM:SS" (milliseconds are dropped). */
export function instantToBerlinWallClock(d: Date): string {
  const ms = d.getTime()
  if (!Number.isFinite(ms)) throw new TimestampParseError('instant', 'Invalid Date')
  const w = berlinFieldsAt(Math.floor(ms / 1000) * 1000)
  return (
    `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)} ` +
    `${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`
  )
}

/** "YYYY-MM" of a wall-clock timestamp (its Berlin month); throws on a malformed timestamp. */
export function berlinMonthOf(s: string): string {
  parseTimestamp(s)
  return s.slice(0, 7)
}

/** "YYYY-MM-DD" of a wall-clock timestamp (its Berlin date); throws on a malformed timestamp. */
export function berlinDateOf(s: string): string {
  parseTimestamp(s)
  return s.slice(0, 10)
}

/** The month after `month` ("2026-12" → "2027-01"). */
export function nextMonth(month: string): string {
  const { year, month: m } = parseMonth(month)
  if (year === 9999 && m === 12) throw new TimestampParseError('month (out of range)', month)
  return m === 12 ? formatMonth(year + 1, 1) : formatMonth(year, m + 1)
}

/** The month before `month` ("2026-01" → "2025-12"). */
export function previousMonth(month: string): string {
  const { year, month: m } = parseMonth(month)
  if (year === 1 && m === 1) throw new TimestampParseError('month (out of range)', month)
  return m === 1 ? formatMonth(year - 1, 12) : formatMonth(year, m - 1)
}

/**
 * A Berlin month as wall-clock strings: ["YYYY-MM-01 00:00:00", first of next month 00:00:00).
 * Compare SecPaid timestamps against these as strings: the fixed-width format sorts correctly.
 */
export function monthRange(month: string): { startInclusive: string; endExclusive: string } {
  parseMonth(month)
  return { startInclusive: `${month}-01 00:00:00`, endExclusive: `${nextMonth(month)}-01 00:00:00` }
}

/**
 * A Berlin month as instants: midnight Berlin on the 1st to midnight Berlin on the 1st of the next
 * month. Midnight is never inside a Berlin DST gap or overlap, so this is unambiguous.
 * '2026-03' → [2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z).
 */
export function monthInstantRange(month: string): { startInclusive: Date; endExclusive: Date } {
  const r = monthRange(month)
  return {
    startInclusive: berlinWallClockToInstant(r.startInclusive),
    endExclusive: berlinWallClockToInstant(r.endExclusive)
  }
}

/** "YYYY-MM" of the Berlin month that `now` falls in. */
export function currentBerlinMonth(now: Date): string {
  return instantToBerlinWallClock(now).slice(0, 7)
}

/** Adds whole calendar days to a "YYYY-MM-DD" date (no clock involved, so DST cannot shift it). */
export function addCalendarDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10)
}

/** "YYYY-MM-DD" of the Berlin date that `now` falls in. */
export function berlinToday(now: Date): string {
  return instantToBerlinWallClock(now).slice(0, 10)
}

/**
 * Calendar days from `fromDate` to `toDate` ("YYYY-MM-DD"), negative if `toDate` is earlier.
 * Counted on the calendar, so DST days (23 h / 25 h in Berlin) still count as one day.
 */
export function daysBetweenBerlinDates(fromDate: string, toDate: string): number {
  const a = parseDate(fromDate)
  const b = parseDate(toDate)
  return Math.round((utcMs(b.year, b.month, b.day, 0, 0, 0) - utcMs(a.year, a.month, a.day, 0, 0, 0)) / DAY_MS)
}

/** English month abbreviations; fixed here rather than from Intl (ICU changed "Sep" → "Sept"). */
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function formatDateFields(year: number, month: number, day: number, locale: DisplayLocale): string {
  if (locale === 'de') return `${pad2(day)}.${pad2(month)}.${pad4(year)}`
  return `${day} ${EN_MONTHS[month - 1] ?? '?'} ${pad4(year)}`
}

/**
 * Display form of a wall-clock timestamp, shown as Berlin time exactly as the API gave it (no
 * conversion, so even a DST-gap value shows what the server said). Seconds are dropped.
 * de: "20.05.2026 18:56"; en (en-GB style): "20 May 2026, 18:56", day without leading zero,
 * 3-letter English month. Built by hand so it does not change with the ICU version.
 */
export function formatBerlinDateTime(s: string, locale: DisplayLocale): string {
  const w = parseTimestamp(s)
  const date = formatDateFields(w.year, w.month, w.day, locale)
  const time = `${pad2(w.hour)}:${pad2(w.minute)}`
  return locale === 'de' ? `${date} ${time}` : `${date}, ${time}`
}

/**
 * Display form of a date. Accepts "YYYY-MM-DD" or a full wall-clock timestamp (its date part).
 * de: "20.05.2026"; en: "20 May 2026" (same style as formatBerlinDateTime).
 */
export function formatBerlinDate(s: string, locale: DisplayLocale): string {
  const d = s.length > 10 ? parseTimestamp(s) : parseDate(s)
  return formatDateFields(d.year, d.month, d.day, locale)
}
