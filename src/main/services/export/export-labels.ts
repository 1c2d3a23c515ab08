/**
 * Words of the exports. csv-de ("Excel (Deutsch)") is always German; the standard CSV follows
 * the chosen language; JSON keys are fixed English (a stable machine format).
 */
import type { Language, PeriodFilter, RowKind, TransactionFilter } from '@shared/views'

export interface ExportLabels {
  columns: readonly string[]
  period: string
  filter: string
  dataAsOf: string
  generatedAt: string
  count: string
  grossPayIns: string
  refunds: string
  disputes: string
  disputeReturns: string
  net: string
  fees: string
  netAfterFees: string
  payoutPerSecpaid: string
  payoutDifference: string
  warning: string
  staleWarning: (hours: number) => string
  neverSynced: string
  allData: string
  kinds: Record<RowKind, string>
  statuses: string
  amount: string
  search: string
}

const DE: ExportLabels = {
  columns: ['Datum', 'Uhrzeit', 'Pay-ID', 'Transaktions-ID', 'Referenz', 'Typ', 'Status', 'Zahlungsart', 'Betrag', 'Netto', 'Gebühr SecPaid', 'Gebühr PSP', 'Erstattet', 'Auszahlung'],
  period: 'Zeitraum',
  filter: 'Filter',
  dataAsOf: 'Stand der Daten',
  generatedAt: 'Erstellt am',
  count: 'Anzahl',
  grossPayIns: 'Summe Zahlungen',
  refunds: 'Summe Erstattungen (Abgang)',
  disputes: 'Summe Rückbuchungen (Abgang)',
  disputeReturns: 'Summe zurückerhaltene Rückbuchungen',
  net: 'Netto (Zahlungen + Erstattungen + Rückbuchungen + zurückerhaltene)',
  fees: 'Summe Gebühren',
  netAfterFees: 'Netto nach Gebühren (Netto − Gebühren)',
  payoutPerSecpaid: 'Auszahlungsbetrag laut SecPaid (Summe Netto-Spalte)',
  payoutDifference: 'Differenz laut SecPaid − Netto nach Gebühren',
  warning: 'WARNUNG',
  staleWarning: (h) => `Die Daten sind älter als ${h} Stunden oder wurden nie synchronisiert – vor der Abgabe bitte synchronisieren.`,
  neverSynced: 'nie synchronisiert',
  allData: 'alle Daten im Cache',
  kinds: { payment: 'Zahlungen', refund: 'Erstattungen', dispute: 'Rückbuchungen', dispute_refund: 'Rückbuchungs-Erstattungen' },
  statuses: 'Status',
  amount: 'Betrag',
  search: 'Suche'
}

const EN: ExportLabels = {
  columns: ['Created (Europe/Berlin)', 'Pay ID', 'Transaction ID', 'Reference', 'Type', 'Status', 'Payment method', 'Amount', 'Net', 'SecPaid fee', 'PSP fee', 'Refunded', 'Payout status'],
  period: 'Period',
  filter: 'Filter',
  dataAsOf: 'Data as of',
  generatedAt: 'Generated at',
  count: 'Count',
  grossPayIns: 'Gross pay-ins',
  refunds: 'Refunds (money out)',
  disputes: 'Disputes (money out)',
  disputeReturns: 'Disputes returned',
  net: 'Net (pay-ins + refunds + disputes + returned)',
  fees: 'Fees',
  netAfterFees: 'Net after fees (net - fees)',
  payoutPerSecpaid: 'Payout amount per SecPaid (sum of Net column)',
  payoutDifference: 'Difference per SecPaid - net after fees',
  warning: 'WARNING',
  staleWarning: (h) => `The data is older than ${h} hours or was never synced - sync before handing this in.`,
  neverSynced: 'never synced',
  allData: 'all cached data',
  kinds: { payment: 'payments', refund: 'refunds', dispute: 'disputes', dispute_refund: 'dispute refunds' },
  statuses: 'status',
  amount: 'amount',
  search: 'search'
}

/** Standard-CSV headers in German (same order as EN: one timestamp column). */
const DE_STANDARD_COLUMNS = ['Erstellt (Europe/Berlin)', ...DE.columns.slice(2)]

export function labelsFor(format: 'csv-de' | 'csv', language: Language): ExportLabels {
  if (format === 'csv-de') return DE
  return language === 'de' ? { ...DE, columns: DE_STANDARD_COLUMNS } : EN
}

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Last day of a "YYYY-MM" month as "YYYY-MM-DD". */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`
}

/** Inclusive first/last Berlin day of a period; null bounds for 'all'. */
export function periodBounds(period: PeriodFilter): { from: string | null; to: string | null } {
  if (period.kind === 'month') return { from: `${period.month}-01`, to: lastDayOfMonth(period.month) }
  if (period.kind === 'range') return { from: period.from, to: period.to }
  return { from: null, to: null }
}

export function describePeriod(period: PeriodFilter, labels: ExportLabels, formatDate: (d: string) => string): string {
  const { from, to } = periodBounds(period)
  if (from === null || to === null) return labels.allData
  const range = `${formatDate(from)} - ${formatDate(to)}`
  return period.kind === 'month' ? `${period.month} (${range})` : range
}

/** Non-period filters in words, or null when none is active (the export is the whole period). */
export function describeFilter(filter: TransactionFilter, labels: ExportLabels, formatAmount: (c: number) => string): string | null {
  const parts: string[] = []
  if (filter.kinds.length > 0) parts.push(filter.kinds.map((k) => labels.kinds[k]).join(' + '))
  if (filter.statuses.length > 0) parts.push(`${labels.statuses}: ${filter.statuses.join(', ')}`)
  if (filter.amountMinCents !== null || filter.amountMaxCents !== null) {
    const lo = filter.amountMinCents === null ? '…' : formatAmount(filter.amountMinCents)
    const hi = filter.amountMaxCents === null ? '…' : formatAmount(filter.amountMaxCents)
    parts.push(`${labels.amount} ${lo} .. ${hi}`)
  }
  if (filter.search.trim() !== '') parts.push(`${labels.search} "${filter.search.trim()}"`)
  return parts.length > 0 ? parts.join('; ') : null
}
