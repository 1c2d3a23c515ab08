/** Text of `secpaid-desk bank-check` and the summary after `export --format datev` (English, like the CLI). */
import type { BankCheckResult, DatevExportFile } from '@shared/bookkeeping-views'
import { formatMoneyPlain } from '@shared/money'
import { terminalCell } from './terminal-text'

const eur = (cents: number): string => `${formatMoneyPlain(cents, 'en')} EUR`

const PAYOUT_CAUSE: Record<string, string> = {
  outside_statement: 'the payout date is outside the days this statement covers',
  pending: 'SecPaid has not approved the payout yet: no money sent',
  window_beyond_statement: 'the credit may be on the next statement (window reaches past its last day)',
  credit_taken_by_other_payout: 'a credit of this amount is in the window but belongs to another payout',
  amount_outside_window: 'a credit of this amount exists, but outside the window',
  no_credit_of_amount: 'no credit of this amount on the statement'
}

const CREDIT_CAUSE: Record<string, string> = {
  reversal: 'a reversal (Storno), not a payout',
  other_currency: 'not in EUR',
  reference_names_payout_amount_differs: 'names a payout, but the amount differs (bank fee?)',
  same_amount_payout_not_in_window: 'a payout of this amount exists, but not in the window',
  no_payout: 'no payout: another incoming payment'
}

export function datevSummaryLines(file: DatevExportFile): string[] {
  const lines: string[] = []
  if (file.pendingPayoutCount > 0) lines.push(`note: ${file.pendingPayoutCount} payout(s) of the month not approved yet: not booked.`)
  for (const s of file.skipped) lines.push(`note: ${s.count} row(s) with status "${terminalCell(s.status)}" not booked (${eur(s.amountCents)}): money not moved yet.`)
  for (const i of file.issues) {
    lines.push(
      i.kind === 'character'
        ? `note: "${terminalCell(i.original)}" written as "${terminalCell(i.replacement)}" ${i.count}× (first in line ${i.firstLine}).`
        : `note: document number "${terminalCell(i.original)}" written as "${terminalCell(i.written)}" (line ${i.line}).`
    )
  }
  return lines
}

export function bankCheckText(r: BankCheckResult): string {
  const out: string[] = []
  const what =
    r.format === 'camt053'
      ? `camt.053${r.recognised.messageVersion ? ` (version ${r.recognised.messageVersion})` : ''}`
      : `CSV (${r.recognised.encoding}, delimiter "${r.recognised.delimiter === '\t' ? 'tab' : r.recognised.delimiter}", header in line ${r.recognised.headerLine})`
  out.push(`Statement: ${what}, ${r.creditCount} credits, ${r.debitCount} debits${r.period ? `, ${r.period.from} to ${r.period.to}` : ''}.`)
  if (r.recognised.columns) {
    out.push(`Columns used: ${Object.entries(r.recognised.columns).map(([f, h]) => `${f} = "${terminalCell(h)}"`).join(', ')}`)
    if (r.recognised.currencyAssumed) out.push('No currency column: EUR assumed.')
  }
  if (r.skippedPending > 0) out.push(`${r.skippedPending} entries not booked yet (pending) were left out.`)
  out.push(`Payouts of ${r.month}: ${r.payoutCount}; window: ${r.windowDays} business days after the payout date.`)
  out.push('', `Matched (${r.matched.length}):`)
  for (const m of r.matched) {
    out.push(`  ${terminalCell(m.payoutId)}  ${eur(m.amountCents)}  payout ${m.payoutDate} → bank ${m.bookingDate} (+${m.gapDays} d)${m.byReference ? ', reference names the payout' : ''}${m.ambiguous ? ', check: another candidate existed' : ''}`)
  }
  out.push('', `Payouts without a bank credit (${r.unmatchedPayouts.length}):`)
  for (const u of r.unmatchedPayouts) {
    out.push(`  ${terminalCell(u.payoutId)}  ${eur(u.amountCents)}  ${u.payoutDate}  ${terminalCell(u.payoutStatus)}: ${PAYOUT_CAUSE[u.cause] ?? u.cause}`)
  }
  out.push('', `Bank credits without a payout (${r.unmatchedCredits.length}):`)
  for (const c of r.unmatchedCredits) {
    out.push(`  ${c.bookingDate}  ${eur(c.amountCents)}  ${terminalCell(c.counterparty)} – ${terminalCell(c.reference)}: ${CREDIT_CAUSE[c.cause] ?? c.cause}`)
  }
  return out.join('\n')
}
