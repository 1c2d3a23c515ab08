/** Human-readable tables and the stable JSON shapes of `secpaid-desk list|refunds --json`. */
import { formatMoney } from '@shared/money'
import type { RefundRequest, TransactionView } from '@shared/views'
import { terminalCell } from './terminal-text'

/** Stable JSON shape of one `list --json` row (README documents it). Amounts in cents and as decimal strings. */
export function transactionJson(row: TransactionView): Record<string, unknown> {
  return {
    key: row.key,
    payId: row.payId,
    transactionId: row.transactionId,
    createdAt: row.createdAt,
    kind: row.kind,
    transactionType: row.transactionType,
    status: row.status,
    paymentMethod: row.paymentMethod,
    recipientNote: row.recipientNote,
    amountCents: row.amount,
    netAmountCents: row.netAmount,
    serviceFeeCents: row.serviceFee,
    serviceFeePspCents: row.serviceFeePsp,
    refundState: row.refundState,
    refundedCents: row.refundedCents,
    pendingRefundCents: row.pendingRefundCents
  }
}

/** Stable JSON shape of one `refunds --json` entry. */
export function requestJson(r: RefundRequest): Record<string, unknown> {
  return {
    id: r.id,
    env: r.env,
    payId: r.payId,
    amountCents: r.amount,
    isFullRefund: r.isFullRefund,
    reason: r.reason,
    note: r.note,
    createdAt: r.createdAt,
    state: r.state,
    serverMessage: r.serverMessage,
    rejectionCode: r.rejectionCode,
    deniedReason: r.deniedReason,
    refundEntryKey: r.refundEntryKey,
    history: r.history
  }
}

export function table(headers: string[], rawRows: string[][], rightAligned: Set<number> = new Set()): string {
  // Cells may hold server text: one line each, no control characters (see terminal-text.ts).
  const rows = rawRows.map((r) => r.map(terminalCell))
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

export function transactionTable(rows: readonly TransactionView[]): string {
  return table(
    ['Date (Berlin)', 'Pay ID', 'Type', 'Status', 'Amount', 'Refund', 'Reference'],
    rows.map((r) => [
      r.createdAt,
      r.payId,
      r.transactionType,
      r.status,
      formatMoney(r.amount, 'en'),
      r.kind === 'payment' && r.refundState !== 'none' ? r.refundState : '',
      truncate(r.recipientNote, 40)
    ]),
    new Set([4])
  )
}

export function requestTable(requests: readonly RefundRequest[]): string {
  return table(
    ['Request ID', 'Created', 'Pay ID', 'Amount', 'Full', 'State', 'Server message / reason'],
    requests.map((r) => [
      r.id,
      r.createdAt.slice(0, 19).replace('T', ' '),
      r.payId,
      formatMoney(r.amount, 'en'),
      r.isFullRefund ? 'yes' : 'no',
      r.state,
      truncate(r.deniedReason ?? r.serverMessage ?? '', 50)
    ]),
    new Set([3])
  )
}

// Made on first use: making a Segmenter loads ICU's break rules (~7 ms), which every command
// paid at start-up while only a text too long for its column needs it.
let graphemes: Intl.Segmenter | undefined

/** One line of at most `max` characters; cut between whole characters, never inside an emoji or a surrogate pair. */
function truncate(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ')
  if (flat.length <= max) return flat
  let end = 0
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  for (const { segment, index } of graphemes.segment(flat)) {
    if (index + segment.length > max - 1) break
    end = index + segment.length
  }
  return `${flat.slice(0, end)}…`
}
