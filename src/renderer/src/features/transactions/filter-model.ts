/** The transaction filter as the toolbar edits it, plus the presets and sort defaults. */
import { currentBerlinMonth, previousMonth } from '@shared/berlin-time'
import type { PeriodFilter, RowKind, SortColumn, TransactionFilter, TransactionQuery } from '@shared/views'

export const DEFAULT_FILTER: TransactionFilter = {
  period: { kind: 'all' },
  kinds: [],
  statuses: [],
  amountMinCents: null,
  amountMaxCents: null,
  search: ''
}

export const DEFAULT_SORT: TransactionQuery['sort'] = { column: 'createdAt', direction: 'desc' }

export const ROW_KINDS: readonly RowKind[] = ['payment', 'refund', 'dispute', 'dispute_refund']

export type PeriodPreset = 'all' | 'thisMonth' | 'lastMonth' | 'month' | 'range'

export function thisMonth(now = new Date()): string {
  return currentBerlinMonth(now)
}

export function lastMonth(now = new Date()): string {
  return previousMonth(currentBerlinMonth(now))
}

/** Which preset the select shows for a period (a stored "month" may equal this/last month). */
export function presetOf(period: PeriodFilter, now = new Date()): PeriodPreset {
  if (period.kind === 'all') return 'all'
  if (period.kind === 'range') return 'range'
  if (period.month === thisMonth(now)) return 'thisMonth'
  if (period.month === lastMonth(now)) return 'lastMonth'
  return 'month'
}

export function isRefundsOnly(filter: TransactionFilter): boolean {
  return filter.kinds.length === 1 && filter.kinds[0] === 'refund'
}

export function isDefaultFilter(filter: TransactionFilter): boolean {
  return JSON.stringify(filter) === JSON.stringify(DEFAULT_FILTER)
}

export function toggleSort(sort: TransactionQuery['sort'], column: SortColumn): TransactionQuery['sort'] {
  if (sort.column !== column) return { column, direction: column === 'createdAt' || column === 'amount' ? 'desc' : 'asc' }
  return { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
}
