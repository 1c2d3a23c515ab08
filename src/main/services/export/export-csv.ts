/**
 * The two CSV dialects of the month-end export.
 *
 * - csv-de, "Excel (Deutsch)": UTF-8 BOM (German Excel otherwise reads the file as ANSI and
 *   breaks umlauts), `;` separator, CRLF, decimal comma without grouping (`-1234,56`: grouping
 *   dots would turn amounts into text), `dd.MM.yyyy` and `HH:mm:ss` in separate columns.
 * - csv, "standard": RFC 4180 — `,` separator, CRLF, `.` decimals, one ISO-like timestamp
 *   column `YYYY-MM-DD HH:MM:SS`, no BOM (importers and scripts treat a BOM as part of the
 *   first header name).
 *
 * Both start with a short preamble of `key<sep>value` lines — period, filter, data as of,
 * generated at, counts and sums, and a warning line when stale — then ONE empty line, then the
 * header row and the table. Readers that want only the table skip to the first empty line.
 * Times are Berlin wall clock as the API sent them (docs/secpaid-api.md#data-types).
 */
import { instantToBerlinWallClock } from '@shared/berlin-time'
import type { Cents } from '@shared/domain'
import { formatApiAmount } from '@shared/money'
import type { Totals, TransactionFilter, TransactionView } from '@shared/views'
import { encodeLine, num, text, type Cell } from './csv-cells'
import { describeFilter, describePeriod, type ExportLabels } from './export-labels'

export interface CsvDialect {
  separator: string
  bom: boolean
  /** Amount cell text for cents. */
  amount: (cents: Cents) => string
  /** "YYYY-MM-DD HH:MM:SS" → the date/time cells of a row. */
  timestampCells: (createdAt: string) => Cell[]
  /** "YYYY-MM-DD" → display date (preamble). */
  date: (d: string) => string
  /** "YYYY-MM-DD HH:MM:SS" → display timestamp (preamble). */
  timestamp: (ts: string) => string
}

const deDate = (d: string): string => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`

export const CSV_DE: CsvDialect = {
  separator: ';',
  bom: true,
  amount: (c) => formatApiAmount(c).replace('.', ','),
  timestampCells: (ts) => [text(deDate(ts.slice(0, 10))), text(ts.slice(11, 19))],
  date: deDate,
  timestamp: (ts) => `${deDate(ts.slice(0, 10))} ${ts.slice(11, 19)}`
}

export const CSV_STANDARD: CsvDialect = {
  separator: ',',
  bom: false,
  amount: formatApiAmount,
  timestampCells: (ts) => [text(ts)],
  date: (d) => d,
  timestamp: (ts) => ts
}

export interface CsvInput {
  rows: readonly TransactionView[]
  totals: Totals
  filter: TransactionFilter
  dataAsOf: string | null
  now: Date
  stale: boolean
  staleAfterHours: number
}

function rowCells(row: TransactionView, d: CsvDialect): Cell[] {
  const amountOrEmpty = (c: Cents | null): Cell => num(c === null ? null : d.amount(c))
  return [
    ...d.timestampCells(row.createdAt),
    text(row.payId),
    text(row.transactionId),
    text(row.recipientNote),
    text(row.transactionType),
    text(row.status),
    text(row.paymentMethod),
    num(d.amount(row.amount)),
    amountOrEmpty(row.netAmount),
    amountOrEmpty(row.serviceFee),
    amountOrEmpty(row.serviceFeePsp),
    // Refunded only means something on payments; empty on refund/dispute entries.
    amountOrEmpty(row.kind === 'payment' ? row.refundedCents : null),
    text(row.payoutStatus)
  ]
}

function preamble(input: CsvInput, d: CsvDialect, labels: ExportLabels): Cell[][] {
  const money = (c: Cents): Cell => num(d.amount(c))
  const t = input.totals
  const asOf = input.dataAsOf === null ? labels.neverSynced : `${d.timestamp(instantToBerlinWallClock(new Date(input.dataAsOf)))} (Europe/Berlin)`
  const lines: Cell[][] = [[text(labels.period), text(describePeriod(input.filter.period, labels, d.date))]]
  const filterText = describeFilter(input.filter, labels, d.amount)
  if (filterText !== null) lines.push([text(labels.filter), text(filterText)])
  lines.push(
    [text(labels.dataAsOf), text(asOf)],
    [text(labels.generatedAt), text(`${d.timestamp(instantToBerlinWallClock(input.now))} (Europe/Berlin)`)],
    [text(labels.count), num(String(t.count))],
    [text(labels.grossPayIns), money(t.grossPayIns)],
    [text(labels.refunds), money(t.refunds)],
    [text(labels.disputes), money(t.disputes)],
    [text(labels.disputeReturns), money(t.disputeReturns)],
    [text(labels.net), money(t.net)],
    [text(labels.fees), money(t.fees)],
    [text(labels.netAfterFees), money(t.netAfterFees)],
    [text(labels.payoutPerSecpaid), money(t.payoutPerSecpaid)],
    [text(labels.payoutDifference), money(t.payoutCheck.difference)]
  )
  if (input.stale) lines.push([text(labels.warning), text(labels.staleWarning(input.staleAfterHours))])
  return lines
}

export function buildCsv(input: CsvInput, d: CsvDialect, labels: ExportLabels): string {
  return csvDocument([...preamble(input, d, labels), [], labels.columns.map(text), ...input.rows.map((row) => rowCells(row, d))], d)
}

/** Records in the dialect: its separator, a BOM where it wants one, CRLF after every record (RFC 4180, the last too). */
export function csvDocument(records: readonly Cell[][], d: CsvDialect): string {
  return (d.bom ? '\uFEFF' : '') + records.map((cells) => encodeLine(cells, d.separator)).join('\r\n') + '\r\n'
}
