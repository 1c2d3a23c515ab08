/**
 * The DATEV export of one month of the active workspace: the month's rows (every kind) and the
 * payouts created in the month, through the pure exporter (services/export/datev).
 *
 * Which payouts: a payout is booked on the day the bank receives it, which is its created date
 * (the day SecPaid sends it) — not the day whose pay-ins it covers. Only approved payouts are
 * booked: one still in progress has moved no money. docs/datev-export.md#in-the-app.
 */
import { berlinDateOf } from '@shared/berlin-time'
import type { DatevExportFile } from '@shared/bookkeeping-views'
import type { PayOutTransaction } from '@shared/domain'
import type { TransactionView } from '@shared/views'
import type { DatevSettings } from '@shared/datev-settings'
import { DEFAULT_STALE_AFTER_HOURS, isStale } from '../services/export'
import { exportDatevMonth, summarizeDatevIssues, type DatevPayout } from '../services/export/datev'

export function isBookedPayout(p: PayOutTransaction): boolean {
  return p.payoutStatus.trim().toLowerCase() === 'approved'
}

export function payoutDate(p: PayOutTransaction): string | null {
  try {
    return berlinDateOf(p.createdAt)
  } catch {
    return null
  }
}

export function buildDatevMonthExport(input: {
  month: string
  rows: readonly TransactionView[]
  payouts: readonly PayOutTransaction[]
  settings: DatevSettings
  dataAsOf: string | null
  now: Date
}): DatevExportFile {
  const ofMonth = input.payouts.filter((p) => payoutDate(p)?.slice(0, 7) === input.month)
  const booked = ofMonth.filter((p) => isBookedPayout(p) && p.payoutAmount !== 0)
  const payouts: DatevPayout[] = booked.map((p) => ({ id: p.payoutId, date: payoutDate(p) as string, amountCents: p.payoutAmount }))
  const out = exportDatevMonth({ month: input.month, rows: input.rows, payouts, settings: input.settings, now: input.now })
  const skipped = new Map<string, { status: string; count: number; amountCents: number }>()
  for (const s of out.skipped) {
    const entry = skipped.get(s.status) ?? { status: s.status, count: 0, amountCents: 0 }
    entry.count++
    entry.amountCents += s.signedAmount
    skipped.set(s.status, entry)
  }
  return {
    fileName: out.fileName,
    mimeType: 'text/csv',
    base64: out.bytes.toString('base64'),
    bookingCount: out.bookingCount,
    payoutCount: booked.length,
    pendingPayoutCount: ofMonth.filter((p) => !isBookedPayout(p)).length,
    skipped: [...skipped.values()],
    issues: summarizeDatevIssues(out.issues).map((g) =>
      g.kind === 'character'
        ? { kind: 'character', original: g.original, replacement: g.replacement, count: g.count, firstLine: g.firstLine }
        : g
    ),
    stale: isStale(input.dataAsOf, input.now, DEFAULT_STALE_AFTER_HOURS)
  }
}
