/**
 * Pairs SecPaid payouts with the bank credits that paid them, one to one, and says for everything
 * left over why it is probably left over.
 *
 * The rule (docs/bank-statements.md):
 * - A payout and a credit can pair when the amounts are equal to the cent, the currency is the
 *   payout currency, the credit is not a reversal, and the credit's booking date lies in the
 *   window: from the payout date to `windowDays` business days (Mon–Fri) after it.
 * - A reference naming the payout id (`referenceNamesPayout`) is the strong signal: such pairs
 *   are taken first.
 * - Then the smallest date gap, then the earliest credit, then the earliest payout, then ids —
 *   a total order, so the result does not depend on the order of the input.
 * - Pairs are taken greedily in that order; neither side is used twice. Afterwards no unpaired
 *   payout has an eligible unpaired credit left.
 */
import type { Cents } from '@shared/domain'
import { isCalendarDate, type BankCredit } from './bank-credit'

export interface PayoutForMatching {
  id: string
  /** `YYYY-MM-DD` the payout was created (sent). */
  createdDate: string
  /** `YYYY-MM-DD` of the day whose payments it bundles; used only when there is no created date. */
  requestDate?: string | null
  amountCents: Cents
  /** SecPaid's payout status (`Approved`, `InProgress` …), kept verbatim. */
  status: string
}

export interface MatchOptions {
  /**
   * Business days (Mon–Fri) after the payout date in which its credit is expected. Default 5:
   * a SEPA credit transfer arrives the next business day; 5 absorbs a payout created late in the
   * day, a long weekend and bank holidays, which we do not model.
   */
  windowDays?: number
  /** The currency of payouts; credits in another currency never pair. Default EUR. */
  currency?: string
  /**
   * The days the bank statement covers. Default: earliest to latest booking date of the credits.
   * Tells "not on this statement yet" apart from "missing".
   */
  statementPeriod?: { from: string; to: string } | null
}

export const DEFAULT_WINDOW_DAYS = 5

export type MatchKind = 'reference_and_amount' | 'amount_in_window'

export interface MatchedPair {
  payoutId: string
  creditId: string
  amountCents: Cents
  payoutDate: string
  bookingDate: string
  /** Calendar days from payout date to booking date (0 = same day). */
  gapDays: number
  /** Business days (Mon–Fri) from payout date to booking date. */
  gapBusinessDays: number
  kind: MatchKind
  /** True when either side had another eligible partner: worth a second look. */
  ambiguous: boolean
  payoutStatus: string
}

export type UnmatchedPayoutCause =
  /** The payout date lies outside the statement's days (and so does its whole window). */
  | 'outside_statement'
  /** SecPaid has not finished it (status other than Approved): no money sent yet. */
  | 'pending'
  /** The window reaches past the statement's last day: the credit may be on the next one. */
  | 'window_beyond_statement'
  /** A credit of that amount is in the window but was paired with another payout. */
  | 'credit_taken_by_other_payout'
  /** A credit of that amount exists, but outside the window. */
  | 'amount_outside_window'
  /** No credit of that amount anywhere on the statement. */
  | 'no_credit_of_amount'

export interface UnmatchedPayout {
  payoutId: string
  payoutDate: string
  amountCents: Cents
  payoutStatus: string
  cause: UnmatchedPayoutCause
  /** The nearest credit of the same amount, if any (for "outside window" and "taken"). */
  closestCredit: { creditId: string; bookingDate: string; gapDays: number } | null
}

export type UnmatchedCreditCause =
  /** A reversal (Storno) entry: not a payout. */
  | 'reversal'
  /** Not in the payout currency. */
  | 'other_currency'
  /** Its reference names a payout whose amount differs (a bank fee deducted, say). */
  | 'reference_names_payout_amount_differs'
  /** A payout of the same amount exists, but the credit is outside its window or it is paired. */
  | 'same_amount_payout_not_in_window'
  /** Nothing links it to a payout: another incoming payment. */
  | 'no_payout'

export interface UnmatchedCredit {
  creditId: string
  bookingDate: string
  amountCents: Cents
  counterparty: string
  reference: string
  cause: UnmatchedCreditCause
  closestPayout: { payoutId: string; payoutDate: string; amountCents: Cents; gapDays: number } | null
}

export interface PayoutMatchResult {
  matched: MatchedPair[]
  unmatchedPayouts: UnmatchedPayout[]
  unmatchedCredits: UnmatchedCredit[]
  windowDays: number
  statementPeriod: { from: string; to: string } | null
}

// ---- calendar arithmetic on YYYY-MM-DD (UTC days: no time zone enters a calendar date) ----

const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function isWeekday(day: number): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** `date` plus `n` business days (Mon–Fri); a weekend start counts from the next Monday. */
export function addBusinessDays(date: string, n: number): string {
  let day = dayNumber(date)
  let left = n
  while (left > 0) {
    day += 1
    if (isWeekday(day)) left -= 1
  }
  return fromDayNumber(day)
}

/** Business days in (from, to]; negative when `to` is before `from`. */
export function businessDaysBetween(from: string, to: string): number {
  const a = dayNumber(from)
  const b = dayNumber(to)
  if (b < a) return -businessDaysBetween(to, from)
  let count = 0
  for (let day = a + 1; day <= b; day++) if (isWeekday(day)) count += 1
  return count
}

function calendarGap(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}

/**
 * Whether a bank reference names the payout. The id must stand as its own token (no letter or
 * digit glued to either side), so payout "21005" is not found in "Rechnung 210055". Banks wrap
 * remittance text at fixed widths, which can put a space inside an id ("20261109- po-GH78"); a
 * distinctive id (8+ characters, not only digits) is therefore also found with whitespace inside.
 * Case never matters.
 */
export function referenceNamesPayout(reference: string, payoutId: string): boolean {
  return payoutIdPattern(payoutId)?.test(reference) ?? false
}

const patternCache = new Map<string, RegExp | null>()

function payoutIdPattern(payoutId: string): RegExp | null {
  const cached = patternCache.get(payoutId)
  if (cached !== undefined) return cached
  const id = payoutId.trim()
  let pattern: RegExp | null = null
  if (id !== '') {
    const chars = Array.from(id, (ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    const wrappable = id.length >= 8 && /\D/.test(id)
    const body = chars.join(wrappable ? '\\s*' : '')
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu')
  }
  // Bounded: one entry per payout id seen; a month has a few dozen.
  if (patternCache.size > 10_000) patternCache.clear()
  patternCache.set(payoutId, pattern)
  return pattern
}

function payoutDateOf(p: PayoutForMatching): string {
  return p.createdDate || p.requestDate || ''
}

function isPaidStatus(status: string): boolean {
  return status.trim().toLowerCase() === 'approved'
}

interface Edge {
  payout: PayoutForMatching
  credit: BankCredit
  payoutDate: string
  gapDays: number
  byReference: boolean
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The total order of candidate pairs; see the module comment. */
function compareEdges(a: Edge, b: Edge): number {
  return (
    Number(b.byReference) - Number(a.byReference) ||
    a.gapDays - b.gapDays ||
    compareStrings(a.credit.bookingDate, b.credit.bookingDate) ||
    compareStrings(a.payoutDate, b.payoutDate) ||
    compareStrings(a.payout.id, b.payout.id) ||
    compareStrings(a.credit.id, b.credit.id)
  )
}

function assertUniqueIds(items: readonly { id: string }[], what: string): void {
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`matchPayoutsToBank: duplicate ${what} id "${item.id}"`)
    seen.add(item.id)
  }
}

/** Matches payouts to bank credits. Pure and deterministic; see the module comment for the rule. */
export function matchPayoutsToBank(
  payouts: readonly PayoutForMatching[],
  credits: readonly BankCredit[],
  opts: MatchOptions = {}
): PayoutMatchResult {
  const windowDays = opts.windowDays ?? DEFAULT_WINDOW_DAYS
  if (!Number.isInteger(windowDays) || windowDays < 0) throw new Error(`matchPayoutsToBank: windowDays must be a whole number ≥ 0`)
  const currency = opts.currency ?? 'EUR'
  for (const p of payouts) {
    if (!isCalendarDate(payoutDateOf(p))) throw new Error(`matchPayoutsToBank: payout "${p.id}" has no YYYY-MM-DD date`)
  }
  assertUniqueIds(payouts, 'payout')
  assertUniqueIds(credits, 'credit')
  const period = opts.statementPeriod !== undefined ? opts.statementPeriod : periodOfCredits(credits)

  const eligibleCredits = credits.filter((c) => !c.reversal && c.currency === currency)
  const creditsByAmount = groupBy(eligibleCredits, (c) => c.amountCents)

  // Every eligible pair, once.
  const edges: Edge[] = []
  for (const payout of payouts) {
    const payoutDate = payoutDateOf(payout)
    const windowEnd = addBusinessDays(payoutDate, windowDays)
    for (const credit of creditsByAmount.get(payout.amountCents) ?? []) {
      if (credit.bookingDate < payoutDate || credit.bookingDate > windowEnd) continue
      edges.push({
        payout,
        credit,
        payoutDate,
        gapDays: calendarGap(payoutDate, credit.bookingDate),
        byReference: referenceNamesPayout(credit.reference, payout.id)
      })
    }
  }
  edges.sort(compareEdges)

  const candidatesOfPayout = countBy(edges, (e) => e.payout.id)
  const candidatesOfCredit = countBy(edges, (e) => e.credit.id)
  const usedPayouts = new Set<string>()
  const usedCredits = new Set<string>()
  const matched: MatchedPair[] = []
  for (const edge of edges) {
    if (usedPayouts.has(edge.payout.id) || usedCredits.has(edge.credit.id)) continue
    usedPayouts.add(edge.payout.id)
    usedCredits.add(edge.credit.id)
    matched.push({
      payoutId: edge.payout.id,
      creditId: edge.credit.id,
      amountCents: edge.payout.amountCents,
      payoutDate: edge.payoutDate,
      bookingDate: edge.credit.bookingDate,
      gapDays: edge.gapDays,
      gapBusinessDays: businessDaysBetween(edge.payoutDate, edge.credit.bookingDate),
      kind: edge.byReference ? 'reference_and_amount' : 'amount_in_window',
      ambiguous: (candidatesOfPayout.get(edge.payout.id) ?? 0) > 1 || (candidatesOfCredit.get(edge.credit.id) ?? 0) > 1,
      payoutStatus: edge.payout.status
    })
  }

  const unmatchedPayouts = payouts
    .filter((p) => !usedPayouts.has(p.id))
    .map((p) => explainPayout(p, windowDays, period, creditsByAmount, usedCredits))
  const unmatchedCredits = credits
    .filter((c) => !usedCredits.has(c.id))
    .map((c) => explainCredit(c, currency, payouts))

  matched.sort((a, b) => compareStrings(a.payoutDate, b.payoutDate) || compareStrings(a.payoutId, b.payoutId))
  unmatchedPayouts.sort((a, b) => compareStrings(a.payoutDate, b.payoutDate) || compareStrings(a.payoutId, b.payoutId))
  unmatchedCredits.sort((a, b) => compareStrings(a.bookingDate, b.bookingDate) || compareStrings(a.creditId, b.creditId))
  return { matched, unmatchedPayouts, unmatchedCredits, windowDays, statementPeriod: period }
}

function explainPayout(
  payout: PayoutForMatching,
  windowDays: number,
  period: { from: string; to: string } | null,
  creditsByAmount: Map<number, BankCredit[]>,
  usedCredits: Set<string>
): UnmatchedPayout {
  const payoutDate = payoutDateOf(payout)
  const windowEnd = addBusinessDays(payoutDate, windowDays)
  const sameAmount = creditsByAmount.get(payout.amountCents) ?? []
  const nearest = [...sameAmount].sort(
    (a, b) =>
      Math.abs(calendarGap(payoutDate, a.bookingDate)) - Math.abs(calendarGap(payoutDate, b.bookingDate)) ||
      compareStrings(a.bookingDate, b.bookingDate) ||
      compareStrings(a.id, b.id)
  )[0]
  const takenInWindow = sameAmount.some((c) => c.bookingDate >= payoutDate && c.bookingDate <= windowEnd && usedCredits.has(c.id))
  let cause: UnmatchedPayoutCause
  if (period !== null && (windowEnd < period.from || payoutDate > period.to)) cause = 'outside_statement'
  else if (!isPaidStatus(payout.status)) cause = 'pending'
  else if (takenInWindow) cause = 'credit_taken_by_other_payout'
  else if (period !== null && windowEnd > period.to) cause = 'window_beyond_statement'
  else if (nearest !== undefined) cause = 'amount_outside_window'
  else cause = 'no_credit_of_amount'
  return {
    payoutId: payout.id,
    payoutDate,
    amountCents: payout.amountCents,
    payoutStatus: payout.status,
    cause,
    closestCredit: nearest
      ? { creditId: nearest.id, bookingDate: nearest.bookingDate, gapDays: calendarGap(payoutDate, nearest.bookingDate) }
      : null
  }
}

function explainCredit(credit: BankCredit, currency: string, payouts: readonly PayoutForMatching[]): UnmatchedCredit {
  const base = {
    creditId: credit.id,
    bookingDate: credit.bookingDate,
    amountCents: credit.amountCents,
    counterparty: credit.counterparty,
    reference: credit.reference
  }
  const describe = (p: PayoutForMatching): NonNullable<UnmatchedCredit['closestPayout']> => ({
    payoutId: p.id,
    payoutDate: payoutDateOf(p),
    amountCents: p.amountCents,
    gapDays: calendarGap(payoutDateOf(p), credit.bookingDate)
  })
  const byGap = (a: PayoutForMatching, b: PayoutForMatching): number =>
    Math.abs(calendarGap(payoutDateOf(a), credit.bookingDate)) - Math.abs(calendarGap(payoutDateOf(b), credit.bookingDate)) ||
    compareStrings(payoutDateOf(a), payoutDateOf(b)) ||
    compareStrings(a.id, b.id)
  if (credit.reversal) return { ...base, cause: 'reversal', closestPayout: null }
  if (credit.currency !== currency) return { ...base, cause: 'other_currency', closestPayout: null }
  const named = payouts.filter((p) => referenceNamesPayout(credit.reference, p.id)).sort(byGap)[0]
  if (named !== undefined && named.amountCents !== credit.amountCents) {
    return { ...base, cause: 'reference_names_payout_amount_differs', closestPayout: describe(named) }
  }
  const sameAmount = payouts.filter((p) => p.amountCents === credit.amountCents).sort(byGap)[0]
  if (sameAmount !== undefined) return { ...base, cause: 'same_amount_payout_not_in_window', closestPayout: describe(sameAmount) }
  return { ...base, cause: 'no_payout', closestPayout: null }
}

function periodOfCredits(credits: readonly BankCredit[]): { from: string; to: string } | null {
  if (credits.length === 0) return null
  let from = credits[0]!.bookingDate
  let to = from
  for (const c of credits) {
    if (c.bookingDate < from) from = c.bookingDate
    if (c.bookingDate > to) to = c.bookingDate
  }
  return { from, to }
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const map = new Map<string, number>()
  for (const item of items) map.set(key(item), (map.get(key(item)) ?? 0) + 1)
  return map
}
