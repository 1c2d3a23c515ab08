/**
 * Month-end export of the current view: CSV "Excel (Deutsch)", CSV standard,
 * JSON. Pure: rows and totals come from the query engine (`selectAll`), so the file always
 * matches what the totals bar showed. Works offline from the cache
 * (docs/architecture.md#offline-is-a-state-not-an-error), with an honest "data as of" and a stale
 * warning.
 */
import type { PayOutTransaction } from '@shared/domain'
import type { ExportFile, ExportFormat, Language, Totals, TransactionFilter, TransactionView } from '@shared/views'
import { buildCsv, CSV_DE, CSV_STANDARD } from './export-csv'
import { buildJson } from './export-json'
import { labelsFor, periodBounds } from './export-labels'
import { exportFileName } from './export-file-name'

export interface ExportOptions {
  rows: readonly TransactionView[]
  totals: Totals
  filter: TransactionFilter
  format: ExportFormat
  language: Language
  /** Last successful sync (ISO-8601) or null if never synced. */
  dataAsOf: string | null
  now: Date
  staleAfterHours?: number
  /** Stored payouts; the JSON export carries those whose covered day lies in the period. */
  payouts?: readonly PayOutTransaction[]
}

export const DEFAULT_STALE_AFTER_HOURS = 24

/** Never synced, an unparsable time, or older than the limit: the file says so. */
export function isStale(dataAsOf: string | null, now: Date, staleAfterHours: number): boolean {
  if (dataAsOf === null) return true
  const at = Date.parse(dataAsOf)
  if (!Number.isFinite(at)) return true
  return now.getTime() - at > staleAfterHours * 3_600_000
}

export function exportTransactions(opts: ExportOptions): ExportFile {
  const staleAfterHours = opts.staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS
  const stale = isStale(opts.dataAsOf, opts.now, staleAfterHours)
  const base = { rows: opts.rows, totals: opts.totals, filter: opts.filter, dataAsOf: opts.dataAsOf, now: opts.now, stale }
  const fileName = exportFileName(opts.filter, opts.format)
  if (opts.format === 'json') {
    const payouts = payoutsInPeriod(opts.payouts ?? [], opts.filter)
    return { fileName, mimeType: 'application/json', content: buildJson({ ...base, payouts }), rowCount: opts.rows.length, stale }
  }
  const dialect = opts.format === 'csv-de' ? CSV_DE : CSV_STANDARD
  const content = buildCsv({ ...base, staleAfterHours }, dialect, labelsFor(opts.format, opts.language))
  return { fileName, mimeType: 'text/csv;charset=utf-8', content, rowCount: opts.rows.length, stale }
}

/** Payouts whose covered day (request_date, else the creation day) lies in the filter's period. */
function payoutsInPeriod(payouts: readonly PayOutTransaction[], filter: TransactionFilter): PayOutTransaction[] {
  const { from, to } = periodBounds(filter.period)
  return payouts.filter((p) => {
    const day = p.requestDate ?? p.createdAt.slice(0, 10)
    return (from === null || day >= from) && (to === null || day <= to)
  })
}
