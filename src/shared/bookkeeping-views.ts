/**
 * What the month-end bookkeeping operations send to the renderer: the DATEV export file and the
 * bank-statement cross-check. Plain data (no zod): the preload and renderer import it as types.
 */
import type { Cents } from './domain'
import type { DatevSettings } from './datev-settings'

export interface DatevSettingsState {
  /** null until the bookkeeper has saved the DATEV settings for this environment's workspace. */
  settings: DatevSettings | null
}

/** A replaced character or a changed document number, grouped for a person (see docs/datev-export.md). */
export type DatevIssueSummary =
  | { kind: 'character'; original: string; replacement: string; count: number; firstLine: number }
  | { kind: 'belegfeld'; original: string; written: string; line: number }

export interface DatevExportFile {
  fileName: string
  mimeType: string
  /**
   * The file's bytes, base64. The file is Windows-1252, not UTF-8: a string would be re-encoded on
   * its way through IPC and the download, so the bytes travel as they are.
   */
  base64: string
  bookingCount: number
  /** Payouts booked (created in the month and approved). */
  payoutCount: number
  /** Payouts created in the month but not approved yet: not booked, no money has moved. */
  pendingPayoutCount: number
  /** Rows of the month not booked because their status is not Success, by status. */
  skipped: { status: string; count: number; amountCents: Cents }[]
  issues: DatevIssueSummary[]
  /** The cache is older than the stale limit (or never synced). */
  stale: boolean
}

export type BankCheckErrorCode =
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

export interface BankCheckResult {
  month: string
  format: 'camt053' | 'csv'
  /** camt.053: message version; CSV: encoding, delimiter and which header was used for which field. */
  recognised: {
    messageVersion?: string
    encoding?: string
    delimiter?: string
    headerLine?: number
    columns?: Record<string, string>
    currencyAssumed?: boolean
  }
  creditCount: number
  debitCount: number
  skippedPending: number
  period: { from: string; to: string } | null
  windowDays: number
  /** How many stored payouts were compared (those of the month and the days around it). */
  payoutCount: number
  matched: {
    payoutId: string
    creditId: string
    amountCents: Cents
    payoutDate: string
    bookingDate: string
    gapDays: number
    byReference: boolean
    ambiguous: boolean
  }[]
  unmatchedPayouts: { payoutId: string; payoutDate: string; amountCents: Cents; payoutStatus: string; cause: string }[]
  unmatchedCredits: { creditId: string; bookingDate: string; amountCents: Cents; counterparty: string; reference: string; cause: string }[]
}

/** Largest bank statement the renderer may send (bytes); the same as the bank parser's limit. */
export const BANK_STATEMENT_MAX_BYTES = 10 * 1024 * 1024
