/**
 * Matching open ledger requests to the negative Refund entries a sync brings in (the only way to
 * observe an approval: docs/secpaid-api.md#refund-and-dispute-entries). Pure.
 *
 * A request matches an entry with the same pay_id, of kind 'refund', not yet linked to any
 * request, created no earlier than the request minus CLOCK_SKEW_MS (our clock vs SecPaid's; entry
 * times are Berlin wall-clock, docs/secpaid-api.md#data-types). Exact amount first; otherwise the
 * earliest candidate (an admin may approve a different amount — the history says so). Requests are
 * served oldest first.
 */
import { berlinWallClockToInstant } from '@shared/berlin-time'
import type { RefundRequest, TransactionView } from '@shared/views'
import { otherAmountNote } from './history-event'

export const CLOCK_SKEW_MS = 10 * 60 * 1000

export interface RefundMatch {
  requestId: string
  entry: TransactionView
  exactAmount: boolean
  note: string | null
}

function instantMs(berlin: string): number | null {
  try {
    return berlinWallClockToInstant(berlin).getTime()
  } catch {
    return null
  }
}

export function matchRefundEntries(
  requests: readonly RefundRequest[],
  rowsByPayId: (payId: string) => readonly TransactionView[],
  alreadyLinked: ReadonlySet<string>
): RefundMatch[] {
  const linked = new Set(alreadyLinked)
  const matches: RefundMatch[] = []
  const candidates = requests
    .filter((r) => r.state === 'submitted' || r.state === 'outcome_unknown')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  for (const req of candidates) {
    const since = Date.parse(req.createdAt) - CLOCK_SKEW_MS
    const entries = rowsByPayId(req.payId)
      .filter((row) => row.payId === req.payId && row.kind === 'refund' && !linked.has(row.key))
      .map((row) => ({ row, at: instantMs(row.createdAt) }))
      .filter((e): e is { row: TransactionView; at: number } => e.at !== null && e.at >= since)
      .sort((a, b) => a.at - b.at)
    if (entries.length === 0) continue
    const exact = entries.find((e) => Math.abs(e.row.amount) === req.amount)
    const chosen = exact ?? entries[0]
    if (!chosen) continue
    linked.add(chosen.row.key)
    matches.push({
      requestId: req.id,
      entry: chosen.row,
      exactAmount: exact !== undefined,
      note: exact
        ? null
        : otherAmountNote(req.amount, Math.abs(chosen.row.amount))
    })
  }
  return matches
}
