/**
 * The month-end for every account at once: one summary row and one export file per account, each
 * from that account's own workspace (its cache, ledger, payouts, reviews, DATEV settings) and
 * nothing else. Local data only: no SecPaid call, so it works offline and never sends one shop's
 * request with another shop's key.
 */
import type { AccountExport, AccountMonthSummary, AcrossAccountsExportFormat } from '@shared/accounts'
import type { Language } from '@shared/views'
import { emptyTotals } from '../services/query'
import { OPEN_REQUEST_STATES } from '@shared/views'
import type { AccountTarget } from './account-targets'
import { describeFailure } from './app-errors'
import type { Workspace } from './workspace'
import { exportWorkspaceDatev, exportWorkspaceTransactions, wholeMonthFilter } from './workspace-exports'

/** Runs `work` on an account's workspace (the open one, or one opened just for this and closed). */
export type VisitAccount = <T>(target: AccountTarget, work: (ws: Workspace) => T) => T

export function summarizeAccountMonth(ws: Workspace, target: AccountTarget, month: string): AccountMonthSummary {
  const { rows, totals } = ws.engine.selectAll(wholeMonthFilter(month))
  const monthKeys = new Set(rows.map((r) => r.key))
  const monthPayIds = new Set(rows.map((r) => r.payId))
  const reviewed = ws.reviews.reviewedKeys(month).filter((k) => monthKeys.has(k)).length
  const openRequests = ws.refunds.list().filter((r) => monthPayIds.has(r.payId) && OPEN_REQUEST_STATES.includes(r.state)).length
  const payouts = ws.payouts.reconcile(month, rows).payouts
  return {
    accountId: target.id,
    name: target.name,
    env: target.env,
    dataAsOf: ws.cache.getMeta().lastSuccessfulSyncAt,
    totals,
    reviewed,
    entries: rows.length,
    openRefundRequests: openRequests,
    payouts: payouts.reduce((sum, p) => sum + p.payoutAmount, 0),
    payoutCount: payouts.length,
    problem: null
  }
}

/** The row of an account whose data could not be read: zeros, and why. */
export function unreadableAccountMonth(target: AccountTarget, error: unknown): AccountMonthSummary {
  return {
    accountId: target.id,
    name: target.name,
    env: target.env,
    dataAsOf: null,
    totals: emptyTotals(),
    reviewed: 0,
    entries: 0,
    openRefundRequests: 0,
    payouts: 0,
    payoutCount: 0,
    problem: describeFailure(error).cliMessage
  }
}

export function unreadableAccountExport(target: AccountTarget, error: unknown): AccountExport {
  const failure = describeFailure(error)
  return { accountId: target.id, name: target.name, env: target.env, file: null, problem: { code: failure.ipc.code ?? 'account_unreadable', message: failure.cliMessage } }
}

export function exportAccountMonth(
  ws: Workspace,
  target: AccountTarget,
  input: { month: string; format: AcrossAccountsExportFormat; language: Language; now: Date }
): AccountExport {
  const who = { accountId: target.id, name: target.name, env: target.env }
  try {
    if (input.format === 'datev') {
      const file = exportWorkspaceDatev(ws, input.month, input.now)
      return { ...who, file: { fileName: prefixed(target, file.fileName), mimeType: file.mimeType, base64: file.base64, entryCount: file.bookingCount }, problem: null }
    }
    const file = exportWorkspaceTransactions(ws, { filter: wholeMonthFilter(input.month), format: input.format, language: input.language, now: input.now })
    const base64 = Buffer.from(file.content, 'utf8').toString('base64')
    return { ...who, file: { fileName: prefixed(target, file.fileName), mimeType: file.mimeType, base64, entryCount: file.rowCount }, problem: null }
  } catch (error) {
    const failure = describeFailure(error)
    return { ...who, file: null, problem: { code: failure.ipc.code ?? failure.ipc.kind, message: failure.cliMessage } }
  }
}

/** One folder of files from several accounts: each file name starts with its account. */
function prefixed(target: AccountTarget, fileName: string): string {
  const label = (target.name ?? target.env)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40)
  return `${label || target.id}-${fileName}`
}
