/**
 * Writes bookings as a DATEV "Buchungsstapel" file: header line, column line, one line per
 * booking; ';' between fields, text in double quotes with "" for a quote, decimal comma, CR LF
 * after every line, one byte per character (datev-text.ts). Every character that had to be
 * replaced and every document number that had to be changed is reported, with its line.
 */
import { nextMonth } from '@shared/berlin-time'
import type { Cents } from '@shared/domain'
import type { DatevBooking } from './datev-bookings'
import { DatevInputError } from './datev-bookings'
import {
  COL,
  DATEV_COLUMNS,
  DATEV_FORMAT_CATEGORY,
  DATEV_FORMAT_NAME,
  DATEV_FORMAT_VERSION,
  DATEV_HEADER_VERSION,
  DATEV_LIMITS,
  DATEV_LINE_END,
  DATEV_MAX_AMOUNT_CENTS,
  DATEV_MAX_BOOKINGS,
  DATEV_SEPARATOR
} from './datev-format'
import { datevFileName } from './datev-file-name'
import type { DatevSettings } from './datev-settings'
import { clip, encodeDatevText, toBelegfeld, toDatevCharset, type CharReplacementReason } from './datev-text'

export type DatevIssue =
  | {
      /** A character outside what DATEV reads was replaced (see datev-text.ts). */
      kind: 'character'
      line: number
      source: string
      field: 'Buchungstext' | 'Zusatzinformation'
      original: string
      replacement: string
      reason: CharReplacementReason
    }
  | {
      /** The document number had characters Belegfeld 1 does not allow, or was too long. */
      kind: 'belegfeld'
      line: number
      source: string
      original: string
      written: string
    }

export interface DatevFile {
  fileName: string
  /** The file as DATEV reads it (ISO-8859-1 / Windows-1252, CR LF). */
  bytes: Buffer
  /** The same content as a string, for previews and tests. */
  text: string
  bookingCount: number
  issues: DatevIssue[]
}

export interface DatevFileInput {
  /** Berlin month "YYYY-MM": the batch's period (Datum vom/bis) and the file name. */
  month: string
  bookings: readonly DatevBooking[]
  settings: DatevSettings
  /** When the file is made (header "Erzeugt am", Berlin time). */
  createdAt: Date
  /** Name of the merchant account, for the file name when a desk serves several (optional). */
  accountLabel?: string
}

/** The first line of a booking in the file (1 = header, 2 = column titles). */
const FIRST_BOOKING_LINE = 3

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** A text field: in double quotes, a quote inside doubled. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** 123456 → "1234,56": no sign, no grouping, decimal comma, two decimals. */
export function formatUmsatz(cents: Cents): string {
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > DATEV_MAX_AMOUNT_CENTS) {
    throw new RangeError(`Not a DATEV amount: ${String(cents)} cents`)
  }
  const rest = cents % 100
  return `${(cents - rest) / 100},${pad2(rest)}`
}

/** "2026-10-07" → "0710" (TTMM; DATEV takes the year from the header). */
function belegdatum(date: string): string {
  return `${date.slice(8, 10)}${date.slice(5, 7)}`
}

function yearMonth(month: string): { year: number; month: number } {
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) }
}

/** YYYYMMDD of the first day of the fiscal year the month belongs to. */
function fiscalYearStart(month: string, startMonth: number): string {
  const ym = yearMonth(month)
  const year = ym.month >= startMonth ? ym.year : ym.year - 1
  return `${year}${pad2(startMonth)}01`
}

function lastDayOfMonth(month: string): string {
  // The day before the 1st of the next month, on the calendar (UTC has no DST).
  const next = nextMonth(month)
  const d = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 1) - 86_400_000)
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`
}

/** YYYYMMDDHHMMSSFFF in Berlin time. */
function createdStamp(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23'
  }).formatToParts(at)
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  // Offsets from UTC are whole minutes, so the milliseconds are the same in Berlin.
  const ms = String(at.getUTCMilliseconds()).padStart(3, '0')
  return `${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}${ms}`
}

/** The 31 header fields (DATEV header version 700). */
function headerFields(input: DatevFileInput): string[] {
  const { settings: s, month } = input
  const ym = yearMonth(month)
  return [
    quoted('EXTF'), // 1 written by a program outside DATEV
    String(DATEV_HEADER_VERSION), // 2
    String(DATEV_FORMAT_CATEGORY), // 3
    quoted(DATEV_FORMAT_NAME), // 4
    String(DATEV_FORMAT_VERSION), // 5
    createdStamp(input.createdAt), // 6 Erzeugt am
    '', // 7 Importiert: set by DATEV
    quoted(''), // 8 Herkunft
    quoted(''), // 9 Exportiert von
    quoted(''), // 10 Importiert von: set by DATEV
    String(s.beraternummer), // 11
    String(s.mandantennummer), // 12
    fiscalYearStart(month, s.fiscalYearStartMonth), // 13 WJ-Beginn
    String(s.sachkontenlaenge), // 14
    `${month.replace('-', '')}01`, // 15 Datum vom
    lastDayOfMonth(month), // 16 Datum bis
    quoted(`SecPaid ${pad2(ym.month)}/${ym.year}`), // 17 Bezeichnung
    quoted(s.diktatkuerzel), // 18
    '1', // 19 Buchungstyp: Finanzbuchführung
    '0', // 20 Rechnungslegungszweck: unabhängig
    s.festschreibung ? '1' : '0', // 21 Festschreibung
    quoted('EUR'), // 22 WKZ
    '', // 23 reserviert
    quoted(''), // 24 Derivatskennzeichen
    '', // 25 reserviert
    '', // 26 reserviert
    quoted(s.chart === 'SKR03' ? '03' : '04'), // 27 Sachkontenrahmen
    '', // 28 ID der Branchenlösung
    '', // 29 reserviert
    quoted(''), // 30 reserviert
    quoted('') // 31 Anwendungsinformation
  ]
}

interface LineResult {
  cells: string[]
  issues: DatevIssue[]
}

function textCell(
  raw: string,
  max: number,
  field: 'Buchungstext' | 'Zusatzinformation',
  line: number,
  source: string,
  issues: DatevIssue[]
): string {
  const { text, replacements } = toDatevCharset(raw)
  for (const r of replacements) issues.push({ kind: 'character', line, source, field, ...r })
  return quoted(clip(text.replace(/ {2,}/g, ' ').trim(), max))
}

function bookingLine(b: DatevBooking, line: number, festschreibung: boolean): LineResult {
  const issues: DatevIssue[] = []
  const cells: string[] = new Array<string>(DATEV_COLUMNS.length).fill('')
  const set = (col: number, value: string): void => {
    cells[col - 1] = value
  }

  set(COL.umsatz, formatUmsatz(b.amountCents))
  set(COL.sollHaben, quoted(b.side))
  set(COL.wkzUmsatz, quoted('EUR'))
  set(COL.konto, b.konto)
  set(COL.gegenkonto, b.gegenkonto)
  set(COL.belegdatum, belegdatum(b.date))

  const beleg = toBelegfeld(b.belegfeld1)
  const belegText = clip(beleg.text, DATEV_LIMITS.belegfeld1)
  if (belegText !== b.belegfeld1) issues.push({ kind: 'belegfeld', line, source: b.source, original: b.belegfeld1, written: belegText })
  set(COL.belegfeld1, quoted(belegText))

  set(COL.buchungstext, textCell(b.buchungstext, DATEV_LIMITS.buchungstext, 'Buchungstext', line, b.source, issues))
  if (b.reference) {
    set(COL.zusatzinfoArt1, quoted(b.reference.label))
    set(COL.zusatzinfoInhalt1, textCell(b.reference.value, DATEV_LIMITS.zusatzinfoInhalt, 'Zusatzinformation', line, b.source, issues))
  }
  // Written on every line: DATEV treats an empty value as "not defined" and may lock the batch.
  set(COL.festschreibung, festschreibung ? '1' : '0')
  return { cells, issues }
}

export function buildDatevFile(input: DatevFileInput): DatevFile {
  if (input.bookings.length > DATEV_MAX_BOOKINGS) {
    // DATEV would reject the whole file; the caller must split the month (e.g. into two halves).
    throw new DatevInputError(`${input.bookings.length} bookings: DATEV imports at most ${DATEV_MAX_BOOKINGS} per file`)
  }
  const account = new RegExp(`^\\d{${input.settings.sachkontenlaenge}}$`)
  for (const b of input.bookings) {
    // Belegdatum is day and month only: a booking of another month would land in the wrong period.
    if (b.date.slice(0, 7) !== input.month) {
      throw new DatevInputError(`Booking ${b.source} is dated ${b.date}, not in ${input.month}`)
    }
    // Accounts are written bare: only digits of the header's Sachkontenlänge may get there.
    if (!account.test(b.konto) || !account.test(b.gegenkonto)) {
      throw new DatevInputError(`Booking ${b.source} has accounts ${b.konto}/${b.gegenkonto}, not ${input.settings.sachkontenlaenge} digits`)
    }
  }
  // Column titles are written bare, as in DATEV's sample file (none contains ';' or '"').
  const lines: string[] = [headerFields(input).join(DATEV_SEPARATOR), DATEV_COLUMNS.join(DATEV_SEPARATOR)]
  const issues: DatevIssue[] = []
  input.bookings.forEach((b, i) => {
    const r = bookingLine(b, FIRST_BOOKING_LINE + i, input.settings.festschreibung)
    lines.push(r.cells.join(DATEV_SEPARATOR))
    issues.push(...r.issues)
  })
  const text = lines.map((l) => l + DATEV_LINE_END).join('')
  return {
    fileName: datevFileName(input.month, input.accountLabel),
    bytes: encodeDatevText(text),
    text,
    bookingCount: input.bookings.length,
    issues
  }
}
