/**
 * Public API of the DATEV export (plain Node; no electron import). docs/datev-export.md.
 *
 * One call per merchant account and month: `exportDatevMonth` turns that month's rows (and the
 * month's payouts, when known) into a DATEV "Buchungsstapel" file. The caller passes exactly the
 * rows whose created_at lies in the Berlin month, parsed settings, and the current time. Rows
 * whose money has not moved (status other than Success) are not booked but listed in `skipped`.
 */
import {
  buildDatevBookings,
  selectBookableRows,
  type DatevBooking,
  type DatevBookingRow,
  type DatevPayout,
  type DatevSkippedRow
} from './datev-bookings'
import { buildDatevFile, type DatevFile } from './datev-file'
import type { DatevSettings } from './datev-settings'

export interface DatevMonthExportInput {
  /** Berlin month "YYYY-MM". */
  month: string
  /** All rows of that month (every kind), e.g. the query index's rows for a month filter. */
  rows: readonly DatevBookingRow[]
  /** The month's payouts; omit while payouts are not known (the clearing account then keeps the month's net). */
  payouts?: readonly DatevPayout[]
  settings: DatevSettings
  now: Date
  accountLabel?: string
}

export interface DatevMonthExport extends DatevFile {
  bookings: DatevBooking[]
  /** Rows of the month not booked because their money has not moved (status other than Success). */
  skipped: DatevSkippedRow[]
}

export function exportDatevMonth(input: DatevMonthExportInput): DatevMonthExport {
  const { bookable, skipped } = selectBookableRows(input.rows)
  const bookings = buildDatevBookings({
    month: input.month,
    rows: bookable,
    payouts: input.payouts ?? [],
    accounts: input.settings.accounts
  })
  const file = buildDatevFile({
    month: input.month,
    bookings,
    settings: input.settings,
    createdAt: input.now,
    ...(input.accountLabel !== undefined ? { accountLabel: input.accountLabel } : {})
  })
  return { ...file, bookings, skipped }
}

export {
  buildDatevBookings,
  clearingEffect,
  DATEV_BOOKED_STATUS,
  DatevInputError,
  selectBookableRows,
  type DatevBooking,
  type DatevBookingKind,
  type DatevBookingRow,
  type DatevBookingsInput,
  type DatevPayout,
  type DatevSkippedRow
} from './datev-bookings'
export { buildDatevFile, formatUmsatz, type DatevFile, type DatevFileInput, type DatevIssue } from './datev-file'
export { datevFileName } from './datev-file-name'
export { summarizeDatevIssues, type DatevIssueGroup } from './datev-issues'
export { DATEV_COLUMNS } from './datev-format'
export {
  DATEV_CHARTS,
  DATEV_DEFAULT_ACCOUNTS,
  datevAccountsSchema,
  datevSettingsDefaults,
  datevSettingsSchema,
  type DatevAccounts,
  type DatevChart,
  type DatevSettings
} from './datev-settings'
export type { CharReplacement, CharReplacementReason } from './datev-text'
