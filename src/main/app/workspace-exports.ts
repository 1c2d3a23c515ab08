/**
 * A workspace's files for a period: the transaction export (CSV dialects, JSON) and the DATEV
 * month. Used for the open account (the Month-end screen, the CLI) and for every account at once
 * (month-across-accounts.ts), so both give the same file for the same data.
 */
import type { DatevExportFile } from '@shared/bookkeeping-views'
import type { ExportFile, ExportFormat, Language, TransactionFilter } from '@shared/views'
import { exportTransactions } from '../services/export'
import { readDatevSettings } from '../services/settings/datev-settings-store'
import { AppError } from './app-errors'
import { buildDatevMonthExport } from './datev-month-export'
import type { Workspace } from './workspace'

/** Every entry of a Berlin month: what the month-end works on. */
export function wholeMonthFilter(month: string): TransactionFilter {
  return { period: { kind: 'month', month }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
}

export function exportWorkspaceTransactions(
  ws: Workspace,
  input: { filter: TransactionFilter; format: ExportFormat; language: Language; now: Date }
): ExportFile {
  const { rows, totals } = ws.engine.selectAll(input.filter)
  const dataAsOf = ws.cache.getMeta().lastSuccessfulSyncAt
  return exportTransactions({ rows, totals, ...input, dataAsOf, payouts: ws.payouts.list() })
}

export function exportWorkspaceDatev(ws: Workspace, month: string, now: Date): DatevExportFile {
  const settings = readDatevSettings(ws.dir)
  if (settings === null) {
    throw new AppError('precondition', 'The DATEV settings are missing. Enter them in Settings → DATEV first.', 'datev_settings_missing')
  }
  return buildDatevMonthExport({
    month,
    rows: ws.index.monthRows(month).map((r) => r.view),
    payouts: ws.payouts.list(),
    settings,
    dataAsOf: ws.cache.getMeta().lastSuccessfulSyncAt,
    now
  })
}
