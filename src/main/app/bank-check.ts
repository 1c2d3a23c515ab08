/**
 * The bank-statement cross-check of one month: the statement's credits against the stored payouts
 * of the month and the days before it (a payout created on the 30th is credited in the next
 * month). Nothing is stored: it is a check the bookkeeper repeats with each statement.
 */
import type { BankCheckResult } from '@shared/bookkeeping-views'
import type { PayOutTransaction } from '@shared/domain'
import { importBankStatement, reconcileBankStatement, type BankImport, type PayoutForMatching } from '../services/bank'
import { payoutDate } from './datev-month-export'

/** The readers' error, for the caller that loaded this module (module-loaders.ts) to tell apart. */
export { BankImportError } from '../services/bank'

/** Days before the month whose payouts may be credited in it (longer than the 5-business-day window). */
const LEAD_DAYS = 10

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function checkBankStatement(input: { month: string; bytes: Uint8Array; payouts: readonly PayOutTransaction[] }): BankCheckResult {
  const statement = importBankStatement(input.bytes)
  const from = shiftDays(`${input.month}-01`, -LEAD_DAYS)
  const candidates: PayoutForMatching[] = []
  for (const p of input.payouts) {
    const date = payoutDate(p)
    if (date === null || date < from || date.slice(0, 7) > input.month) continue
    candidates.push({ id: p.payoutId, createdDate: date, requestDate: p.requestDate, amountCents: p.payoutAmount, status: p.payoutStatus })
  }
  const result = reconcileBankStatement(statement, candidates)
  const inMonth = new Set(candidates.filter((c) => c.createdDate.slice(0, 7) === input.month).map((c) => c.id))
  return {
    month: input.month,
    format: statement.format,
    recognised: recognised(statement),
    creditCount: statement.credits.length,
    debitCount: statement.debits.length,
    skippedPending: statement.skippedPending,
    period: statement.period,
    windowDays: result.windowDays,
    payoutCount: inMonth.size,
    matched: result.matched.map((m) => ({
      payoutId: m.payoutId,
      creditId: m.creditId,
      amountCents: m.amountCents,
      payoutDate: m.payoutDate,
      bookingDate: m.bookingDate,
      gapDays: m.gapDays,
      byReference: m.kind === 'reference_and_amount',
      ambiguous: m.ambiguous
    })),
    // A payout of the days before the month that is not on this statement was on the previous one.
    unmatchedPayouts: result.unmatchedPayouts
      .filter((u) => inMonth.has(u.payoutId))
      .map((u) => ({ payoutId: u.payoutId, payoutDate: u.payoutDate, amountCents: u.amountCents, payoutStatus: u.payoutStatus, cause: u.cause })),
    unmatchedCredits: result.unmatchedCredits.map((c) => ({
      creditId: c.creditId,
      bookingDate: c.bookingDate,
      amountCents: c.amountCents,
      counterparty: c.counterparty,
      reference: c.reference,
      cause: c.cause
    }))
  }
}

function recognised(s: BankImport): BankCheckResult['recognised'] {
  if (s.format === 'camt053') return { messageVersion: s.messageVersion }
  const columns: Record<string, string> = {}
  for (const [field, header] of Object.entries(s.columns)) if (header !== undefined) columns[field] = header
  return { encoding: s.encoding, delimiter: s.delimiter, headerLine: s.headerLine, columns, currencyAssumed: s.currencyAssumed }
}
