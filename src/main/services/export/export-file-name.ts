/**
 * File names from the filter: `secpaid-2026-05-refunds.csv`, `secpaid-2026-05-01_2026-05-20.csv`,
 * `secpaid-all.json`. The standard CSV gets `-standard` so it never overwrites the Excel file
 * of the same view. Only [a-z0-9-_.] ends up in the name (safe on every file system).
 */
import type { ExportFormat, RowKind, TransactionFilter } from '@shared/views'

const KIND_SLUG: Record<RowKind, string> = {
  payment: 'payments',
  refund: 'refunds',
  dispute: 'disputes',
  dispute_refund: 'dispute-refunds'
}

const ORDER: readonly RowKind[] = ['payment', 'refund', 'dispute', 'dispute_refund']

export function exportFileName(filter: TransactionFilter, format: ExportFormat): string {
  const { period } = filter
  const parts = ['secpaid']
  if (period.kind === 'month') parts.push(period.month)
  else if (period.kind === 'range') parts.push(`${period.from}_${period.to}`)
  else parts.push('all')
  const kinds = ORDER.filter((k) => filter.kinds.includes(k))
  if (kinds.length > 0 && kinds.length < ORDER.length) parts.push(kinds.map((k) => KIND_SLUG[k]).join('-'))
  if (format === 'csv') parts.push('standard')
  const name = parts.join('-').replace(/[^a-zA-Z0-9._-]/g, '_')
  return `${name}.${format === 'json' ? 'json' : 'csv'}`
}
