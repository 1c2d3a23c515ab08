/**
 * Pure pieces of the month-end review: which rows a view shows, the filter sent to main (the
 * export uses the same one, so the file is exactly what the screen shows), freshness, daily sums.
 */
import { monthRange, nextMonth, previousMonth } from '@shared/berlin-time'
import type { Cents } from '@shared/domain'
import type { RowKind, TransactionFilter, TransactionView } from '@shared/views'

export const MONTH_VIEWS = ['all', 'payments', 'refunds'] as const
export type MonthView = (typeof MONTH_VIEWS)[number]

const VIEW_KINDS: Record<MonthView, RowKind[]> = {
  all: [],
  payments: ['payment'],
  refunds: ['refund', 'dispute_refund']
}

export function monthFilter(month: string, view: MonthView): TransactionFilter {
  return {
    period: { kind: 'month', month },
    kinds: VIEW_KINDS[view],
    statuses: [],
    amountMinCents: null,
    amountMaxCents: null,
    search: ''
  }
}

/** Same rule as main's export (export-transactions.ts): never synced or older than 24 h. */
export const STALE_AFTER_MS = 24 * 3_600_000

export function isStale(dataAsOf: string | null, now: Date): boolean {
  if (dataAsOf === null) return true
  const at = Date.parse(dataAsOf)
  return !Number.isFinite(at) || now.getTime() - at > STALE_AFTER_MS
}

/** "2026-01" → ["2026-01-01", …, "2026-01-31"] (calendar days; UTC math has no DST). */
export function monthDays(month: string): string[] {
  monthRange(month) // validates "YYYY-MM"
  const [y, m] = month.split('-').map(Number) as [number, number]
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)
}

export interface DaySums {
  date: string
  payInCount: number
  /** Positive payment rows (as the totals' gross pay-ins). */
  payIns: Cents
  refundCount: number
  /** Refund and dispute-refund entries, negative as the API sends them. */
  refunds: Cents
}

/** Per Berlin day of the month; every day present, quiet days with zeros. */
export function dailySums(month: string, rows: readonly TransactionView[]): DaySums[] {
  const byDay = new Map<string, DaySums>(
    monthDays(month).map((date) => [date, { date, payInCount: 0, payIns: 0, refundCount: 0, refunds: 0 }])
  )
  for (const row of rows) {
    const day = byDay.get(row.createdAt.slice(0, 10))
    if (!day) continue
    if (row.kind === 'payment' && row.amount > 0) {
      day.payInCount += 1
      day.payIns += row.amount
    } else if (row.kind === 'refund' || row.kind === 'dispute_refund') {
      day.refundCount += 1
      day.refunds += row.amount
    }
  }
  return [...byDay.values()]
}

export { nextMonth, previousMonth }
