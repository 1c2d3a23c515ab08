/**
 * The bank side of the payout cross-check: one booked bank movement (`BankCredit` for money in,
 * `BankDebit` for money out), the zod schema every parser's output passes through, the error the
 * parsers throw, and the exact readers for amounts and dates they share.
 *
 * Amounts are integer cents read from the decimal text digit by digit — never through a float —
 * because a matcher that compares 1234.56 with 1234.5599999 would miss a payout.
 */
import { z } from 'zod'
import type { Cents } from '@shared/domain'

/** Where a movement came from, so the UI can point at the line or entry of the file. */
export type BankSource =
  | { format: 'camt053'; messageVersion: string; statementId: string; entryNumber: number }
  | { format: 'csv'; line: number }

export interface BankMovement {
  /** Unique within one import: the bank's own reference when it is unique, else a position. */
  id: string
  /** `YYYY-MM-DD`, the day the bank booked it (Buchungstag). */
  bookingDate: string
  /** `YYYY-MM-DD` (Valuta/Wertstellung); the booking date when the file has none. */
  valueDate: string
  /** Always positive; the direction is the type (credit or debit). */
  amountCents: Cents
  /** ISO 4217 code as the file states it (EUR in practice). */
  currency: string
  /** The other party's name (payer of a credit), '' when the file has none. */
  counterparty: string
  /** Remittance text (Verwendungszweck), parts joined by a space, '' when absent. */
  reference: string
  /**
   * True when the bank marks the entry as a reversal (Storno, camt RvslInd). A reversal credit is
   * a returned debit, not an incoming payout, so the matcher never pairs it with a payout.
   */
  reversal: boolean
  source: BankSource
}

export type BankCredit = BankMovement
export type BankDebit = BankMovement

/**
 * Longest counterparty or reference we keep. SEPA remittance text is at most 140 characters; a
 * cell of megabytes is a broken or hostile file and would only burden the UI and the matcher.
 */
export const MAX_TEXT_LENGTH = 1000

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDate, 'not a calendar date')

export const bankSourceSchema = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('camt053'),
    messageVersion: z.string(),
    statementId: z.string(),
    entryNumber: z.number().int().positive()
  }),
  z.object({ format: z.literal('csv'), line: z.number().int().positive() })
])

/** Every movement a parser returns is checked against this, so the matcher can trust its input. */
export const bankMovementSchema = z.object({
  id: z.string().min(1),
  bookingDate: isoDate,
  valueDate: isoDate,
  amountCents: z.number().int().positive().refine(Number.isSafeInteger),
  currency: z.string().regex(/^[A-Z]{3}$/),
  counterparty: z.string().max(MAX_TEXT_LENGTH),
  reference: z.string().max(MAX_TEXT_LENGTH),
  reversal: z.boolean(),
  source: bankSourceSchema
})

/** What every import returns, whichever format it read. */
export interface BankStatementImport {
  format: 'camt053' | 'csv'
  credits: BankCredit[]
  debits: BankDebit[]
  /** Entries not booked yet (camt Sts PDNG/INFO, CSV status "Vorgemerkt"): left out, counted. */
  skippedPending: number
  /** Movements of amount 0 (some banks list fee notices that way): left out, counted. */
  skippedZero: number
  /** Earliest and latest booking date in the file (credits and debits), null for an empty file. */
  period: { from: string; to: string } | null
}

export type BankImportErrorCode =
  | 'too_large'
  | 'encoding'
  | 'empty'
  | 'unsafe_xml'
  | 'malformed_xml'
  | 'not_camt053'
  | 'invalid_entry'
  | 'csv_no_header'
  | 'csv_bad_row'
  | 'too_many_entries'
  | 'unknown_format'

/**
 * The one error the bank parsers throw. `code` is for the UI's translated text; the message names
 * what is wrong and where (entry number or line) in English, for the CLI and the log.
 */
export class BankImportError extends Error {
  readonly code: BankImportErrorCode
  constructor(code: BankImportErrorCode, message: string) {
    super(message)
    this.name = 'BankImportError'
    this.code = code
  }
}

/** Defaults that keep a hostile or mistaken file from taking the app down. */
export const BANK_IMPORT_LIMITS = {
  /**
   * A shop's month as camt.053 is well under 1 MB (an entry is 1–2 KB). 10 MB leaves room for a
   * busy account and keeps a parse within seconds on a slow machine; above it we refuse.
   */
  maxBytes: 10 * 1024 * 1024,
  maxEntries: 100_000
} as const

export interface BankImportLimits {
  maxBytes?: number
  maxEntries?: number
}

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/**
 * Reads an unsigned decimal amount (`intDigits[.fracDigits]`, already stripped of separators and
 * sign) into cents. More than two decimals are accepted only when the extra digits are zeros
 * (camt allows up to five: "12.50000"); anything that would need rounding is refused.
 * Returns null when the text is not such a number or does not fit a safe integer.
 */
export function decimalToCents(intDigits: string, fracDigits: string): Cents | null {
  if (!/^\d+$/.test(intDigits) || !/^\d*$/.test(fracDigits)) return null
  if (/[1-9]/.test(fracDigits.slice(2))) return null
  const cents = Number(intDigits + fracDigits.slice(0, 2).padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

/** The period a list of movements spans, by booking date. */
export function periodOf(movements: readonly BankMovement[]): { from: string; to: string } | null {
  if (movements.length === 0) return null
  let from = movements[0]!.bookingDate
  let to = from
  for (const m of movements) {
    if (m.bookingDate < from) from = m.bookingDate
    if (m.bookingDate > to) to = m.bookingDate
  }
  return { from, to }
}

/** Checks the parser output against the schema; a failure here is our bug, named as such. */
export function checkMovements(movements: BankMovement[], what: string): BankMovement[] {
  for (const m of movements) {
    const result = bankMovementSchema.safeParse(m)
    if (!result.success) {
      const issue = result.error.issues[0]
      throw new BankImportError(
        'invalid_entry',
        `${what} ${m.id}: field ${issue?.path.join('.') || '?'} is invalid (${issue?.message ?? 'unknown'})`
      )
    }
  }
  return movements
}

/** Gives each movement a unique id: its own reference when unique in the file, else `fallback`. */
export function assignIds<T extends { id: string }>(items: T[], fallback: (item: T, index: number) => string): T[] {
  const counts = new Map<string, number>()
  for (const item of items) if (item.id) counts.set(item.id, (counts.get(item.id) ?? 0) + 1)
  const used = new Set<string>()
  return items.map((item, index) => {
    let id = item.id && counts.get(item.id) === 1 ? item.id : fallback(item, index)
    while (used.has(id)) id = `${id}~`
    used.add(id)
    return { ...item, id }
  })
}

/** Collapses whitespace (banks wrap long text) and clips to MAX_TEXT_LENGTH. */
export function cleanText(text: string): string {
  const flat = text.slice(0, MAX_TEXT_LENGTH * 4).replace(/\s+/g, ' ').trim()
  return flat.length > MAX_TEXT_LENGTH ? `${flat.slice(0, MAX_TEXT_LENGTH - 1)}…` : flat
}

/** Strips a UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
