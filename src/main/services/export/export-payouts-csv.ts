/**
 * The month's payouts against the days they cover, as CSV: one line per payout (covered day,
 * payout date, SecPaid's amounts, the net of the covered day's entries in the cache, the
 * difference and its likely cause), then the days without a payout. Its own file beside the
 * transactions CSV, whose one-table layout spreadsheets and scripts already parse.
 * Same dialects as the transactions export (csv-de: German Excel; csv: RFC 4180 with dots).
 */
import type { ExportFile, Language, PayoutCause, PayoutReconciliation, UncoveredCause } from '@shared/views'
import { num, text, type Cell } from './csv-cells'
import { CSV_DE, CSV_STANDARD, csvDocument, type CsvDialect } from './export-csv'
import { DEFAULT_STALE_AFTER_HOURS, isStale } from './export-transactions'
import { instantToBerlinWallClock } from '@shared/berlin-time'

interface PayoutCsvLabels {
  columns: readonly string[]
  causes: Record<PayoutCause, string>
  nextMonth: string
  uncoveredColumns: readonly string[]
  uncovered: Record<UncoveredCause, string>
  summary: { payoutsNet: string; monthNet: string; difference: string }
  fetched: string
  never: string
}

const DE: PayoutCsvLabels = {
  columns: ['Abgedeckter Tag', 'Auszahlung erstellt', 'Auszahlungs-ID', 'Referenz', 'Status', 'Auszahlungsbetrag', 'Gebühr', 'Netto laut SecPaid', 'Netto der Buchungen des Tages', 'Anzahl Buchungen', 'Abweichung', 'Wahrscheinliche Ursache', 'Gutschrift im Folgemonat'],
  causes: {
    matches: 'stimmt überein',
    pending: 'Auszahlung noch in Bearbeitung (Betrag kann sich ändern)',
    refunds_not_netted: 'Erstattungen/Rückbuchungen des Tages nicht verrechnet (separat eingezogen?)',
    no_rows_cached: 'keine Buchungen dieses Tages im Cache',
    unexplained: 'ungeklärt: mit SecPaid abgleichen'
  },
  nextMonth: 'ja',
  uncoveredColumns: ['Tag ohne Auszahlung', 'Anzahl Buchungen', 'Netto', 'Grund'],
  uncovered: { not_yet_due: 'noch nicht fällig', nothing_to_pay: 'nichts auszuzahlen (Netto ≤ 0)', missing: 'fehlt' },
  summary: { payoutsNet: 'Summe Auszahlungen (netto)', monthNet: 'Netto der Buchungen des Monats', difference: 'Differenz' },
  fetched: 'Auszahlungen abgerufen',
  never: 'nie'
}

const EN: PayoutCsvLabels = {
  columns: ['Covered day', 'Payout created', 'Payout id', 'Reference', 'Status', 'Payout amount', 'Fee', 'Net per SecPaid', "Net of the day's entries", 'Entries', 'Difference', 'Likely cause', 'Credited next month'],
  causes: {
    matches: 'matches',
    pending: 'payout still in progress (amount may change)',
    refunds_not_netted: "the day's refunds/disputes were not netted (collected separately?)",
    no_rows_cached: 'no entries of that day in the cache',
    unexplained: 'unexplained: compare with SecPaid'
  },
  nextMonth: 'yes',
  uncoveredColumns: ['Day without payout', 'Entries', 'Net', 'Reason'],
  uncovered: { not_yet_due: 'not due yet', nothing_to_pay: 'nothing to pay out (net ≤ 0)', missing: 'missing' },
  summary: { payoutsNet: 'Payouts (net)', monthNet: "Net of the month's entries", difference: 'Difference' },
  fetched: 'Payouts fetched',
  never: 'never'
}

export function exportPayoutsCsv(rec: PayoutReconciliation, format: 'csv-de' | 'csv', language: Language, now: Date): ExportFile {
  const d: CsvDialect = format === 'csv-de' ? CSV_DE : CSV_STANDARD
  const labels = format === 'csv-de' || language === 'de' ? DE : EN
  const money = (cents: number | null): Cell => num(cents === null ? null : d.amount(cents))
  const fetched = rec.payoutsSyncedAt === null ? labels.never : `${d.timestamp(instantToBerlinWallClock(new Date(rec.payoutsSyncedAt)))} (Europe/Berlin)`
  const lines: Cell[][] = [
    [text(labels.fetched), text(fetched)],
    [text(labels.summary.payoutsNet), money(rec.summary.payoutsNet)],
    [text(labels.summary.monthNet), money(rec.summary.monthNet)],
    [text(labels.summary.difference), money(rec.summary.difference)],
    [],
    labels.columns.map(text),
    ...rec.payouts.map((p) => [
      text(d.date(p.coveredDay)),
      text(d.timestamp(p.createdAt)),
      text(p.payoutId),
      text(p.transactionId),
      text(p.status),
      money(p.payoutAmount),
      money(p.fee),
      money(p.netAmount),
      money(p.coveredNet),
      num(String(p.coveredCount)),
      money(p.difference),
      text(labels.causes[p.cause]),
      text(p.paidInLaterMonth ? labels.nextMonth : '')
    ])
  ]
  if (rec.uncoveredDays.length > 0) {
    lines.push([], labels.uncoveredColumns.map(text))
    for (const u of rec.uncoveredDays) lines.push([text(d.date(u.day)), num(String(u.count)), money(u.net), text(labels.uncovered[u.cause])])
  }
  const content = csvDocument(lines, d)
  return {
    fileName: `secpaid-${rec.month}-payouts${format === 'csv' ? '-standard' : ''}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content,
    rowCount: rec.payouts.length,
    stale: isStale(rec.payoutsSyncedAt, now, DEFAULT_STALE_AFTER_HOURS)
  }
}
