/**
 * Deterministic seed data: same seed + same anchor ("now" of the generation; the clock at start
 * unless startSimulator got `anchor`) → same rows (docs/architecture.md#testing).
 *
 * Three passes keep this O(n) apart from one numeric sort (200k rows in well under 5 s):
 * 1. decide a "kind" per payment until the row budget is used (entries count against it);
 * 2. draw timestamps (denser in recent months) and sort them ascending;
 * 3. build payments in time order so pay_ids increase with time, plus their entries.
 */
import type { Cents } from '@shared/domain'
import { formatApiAmount } from '@shared/money'
import { DAY_MS, toBerlinWall } from './berlin-clock'
import { createPrng, deriveSeed, type Prng } from './prng'
import { buildEntryRow, buildRow, PAYOUT_LAG_DAYS } from './row-factory'
import { DENIAL_REASONS, pickAmountCents, pickFees, pickNote, pickPaymentMethod, pickPaymentType } from './seed-text'
import type { PaymentMeta, RefundRequest, StoredRow } from './types'

const enum Kind {
  Normal,
  RefundPartial,
  RefundFull,
  DisputeOpen,
  DisputeWon,
  DisputeLost,
  Cancelled,
  Invoice,
  RefundPending,
  RefundDenied
}

/** Cumulative probabilities of the special kinds; the rest is Normal. */
const KIND_RATES: ReadonlyArray<[Kind, number]> = [
  [Kind.RefundPartial, 0.012],
  [Kind.RefundFull, 0.01],
  [Kind.DisputeOpen, 0.002],
  [Kind.DisputeWon, 0.002],
  [Kind.DisputeLost, 0.002],
  [Kind.Cancelled, 0.008],
  [Kind.Invoice, 0.02],
  [Kind.RefundPending, 0.003],
  [Kind.RefundDenied, 0.003]
]
const SPECIAL_KINDS = KIND_RATES.map(([k]) => k)
const SPAN_DAYS = 456 // ~15 months
const MIN_AGE_MS = 120_000

function extraRows(kind: Kind): number {
  if (kind === Kind.DisputeLost) return 2
  if (kind === Kind.RefundPartial || kind === Kind.RefundFull || kind === Kind.DisputeOpen || kind === Kind.DisputeWon) return 1
  return 0
}

function drawKind(prng: Prng): Kind {
  let u = prng.next()
  for (const [kind, rate] of KIND_RATES) {
    if (u < rate) return kind
    u -= rate
  }
  return Kind.Normal
}

export interface SeedResult {
  rows: StoredRow[]
  payments: Map<string, PaymentMeta>
  requests: RefundRequest[]
  nextPayId: number
}

function planKinds(prng: Prng, rowBudget: number): Uint8Array {
  const kinds: Kind[] = []
  let used = 0
  // Guarantee every special case at least once so small test datasets exercise every rule.
  const forced = rowBudget >= 40 ? [...SPECIAL_KINDS] : []
  while (used < rowBudget) {
    let kind = forced.shift() ?? drawKind(prng)
    if (used + 1 + extraRows(kind) > rowBudget) kind = Kind.Normal
    kinds.push(kind)
    used += 1 + extraRows(kind)
  }
  const arr = Uint8Array.from(kinds)
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(prng.next() * (i + 1))
    const t = arr[i] ?? 0
    arr[i] = arr[j] ?? 0
    arr[j] = t
  }
  return arr
}

function drawTimes(prng: Prng, count: number, nowMs: number): Float64Array {
  const times = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const ageMs = MIN_AGE_MS + Math.pow(prng.next(), 1.6) * SPAN_DAYS * DAY_MS
    times[i] = Math.floor((nowMs - ageMs) / 1000) * 1000
  }
  return times.sort()
}

/** Mutable generation state; helpers below are plain functions (no per-row closures). */
interface Gen {
  prng: Prng
  nowMs: number
  paidBefore: number
  rows: StoredRow[]
  requests: RefundRequest[]
  nextRequestId: number
}

const payoutStatusAt = (g: Gen, ms: number): string => (ms < g.paidBefore ? 'Paid' : 'Pending')

/**
 * A time minDays…maxDays after fromMs; when that would reach "now", a random point between
 * fromMs and now instead (no bunching at now). Whole seconds, strictly after fromMs.
 */
function later(g: Gen, fromMs: number, minDays: number, maxDays: number): number {
  let t = fromMs + (minDays + g.prng.next() * (maxDays - minDays)) * DAY_MS
  if (t >= g.nowMs - 1000) t = fromMs + (g.nowMs - fromMs) * (0.1 + 0.8 * g.prng.next())
  return Math.max(fromMs + 1000, Math.floor(t / 1000) * 1000)
}

function addEntry(g: Gen, meta: PaymentMeta, type: 'Refund' | 'Dispute' | 'Dispute Refund', cents: Cents, atMs: number): StoredRow {
  const row = buildEntryRow(meta.original, type, cents, atMs, payoutStatusAt(g, atMs), g.prng.alnum(10), g.rows.length)
  g.rows.push(row)
  meta.entries.push(row)
  return row
}

function addHistory(g: Gen, kind: Kind, meta: PaymentMeta): void {
  const { prng } = g
  const createdAtMs = meta.original.createdAtMs
  const amountCents = meta.original.amountCents
  if (kind === Kind.RefundPartial || kind === Kind.RefundFull) {
    const refundCents = kind === Kind.RefundFull ? amountCents : Math.max(1, Math.round(amountCents * (0.1 + prng.next() * 0.8)))
    const at = later(g, createdAtMs, 1, 20)
    const entry = addEntry(g, meta, 'Refund', -refundCents, at)
    meta.refundedCents = refundCents
    g.requests.push({
      id: g.nextRequestId++,
      payId: meta.payId,
      amount: formatApiAmount(refundCents),
      isFullRefund: kind === Kind.RefundFull,
      status: 'approved',
      requestedAt: toBerlinWall(Math.max(createdAtMs + 1000, at - prng.int(1, 5) * DAY_MS)),
      decidedAt: entry.wire.created_at,
      reason: null,
      refundTransactionId: entry.wire.transaction_id
    })
  } else if (kind === Kind.DisputeOpen || kind === Kind.DisputeWon || kind === Kind.DisputeLost) {
    const at = later(g, createdAtMs, 2, 30)
    addEntry(g, meta, 'Dispute', -amountCents, at)
    // Merchant won: the withheld amount comes back as a positive "Dispute Refund" entry.
    if (kind === Kind.DisputeLost) addEntry(g, meta, 'Dispute Refund', amountCents, later(g, at, 5, 40))
  } else if (kind === Kind.RefundPending || kind === Kind.RefundDenied) {
    const full = prng.chance(0.5)
    const requestedMs = later(g, createdAtMs, 0, 10)
    g.requests.push({
      id: g.nextRequestId++,
      payId: meta.payId,
      amount: formatApiAmount(full ? amountCents : Math.max(1, Math.round(amountCents / 2))),
      isFullRefund: full,
      status: kind === Kind.RefundPending ? 'pending' : 'denied',
      requestedAt: toBerlinWall(requestedMs),
      decidedAt: kind === Kind.RefundDenied ? toBerlinWall(later(g, requestedMs, 1, 10)) : null,
      reason: kind === Kind.RefundDenied ? prng.pick(DENIAL_REASONS) : null,
      refundTransactionId: null
    })
  }
}

function disputeOf(kind: Kind): PaymentMeta['dispute'] {
  if (kind === Kind.DisputeOpen) return 'open'
  if (kind === Kind.DisputeWon) return 'won'
  return kind === Kind.DisputeLost ? 'lost' : 'none'
}

/** pay_ids of the primary merchant start above this; extra merchants get their own ranges. */
export const FIRST_PAY_ID = 40_000

export function generateSeedData(seed: number, rowBudget: number, nowMs: number, firstPayId = FIRST_PAY_ID): SeedResult {
  const prng = createPrng(deriveSeed(seed, 1))
  const kinds = planKinds(prng, rowBudget)
  const times = drawTimes(prng, kinds.length, nowMs)
  const g: Gen = { prng, nowMs, paidBefore: nowMs - PAYOUT_LAG_DAYS * DAY_MS, rows: [], requests: [], nextRequestId: 1 }
  const payments = new Map<string, PaymentMeta>()
  let payIdNum = firstPayId

  for (let i = 0; i < kinds.length; i++) {
    const kind = (kinds[i] ?? Kind.Normal) as Kind
    const createdAtMs = times[i] ?? nowMs
    const createdAt = toBerlinWall(createdAtMs)
    payIdNum += prng.int(1, 3)
    const payId = String(payIdNum)
    const type = kind === Kind.Invoice ? 'Basic' : pickPaymentType(prng)
    const amountCents = pickAmountCents(prng)
    const method = pickPaymentMethod(prng)
    const fees = pickFees(prng, amountCents, method)
    const recent = nowMs - createdAtMs < 2 * DAY_MS
    const pending = kind === Kind.Normal && (recent ? prng.chance(0.15) : prng.chance(0.005))
    const original = buildRow(
      {
        payId,
        createdAtMs,
        createdAt,
        amountCents,
        serviceFeeCents: fees.service,
        pspFeeCents: fees.psp,
        status: pending ? 'Pending' : 'Success',
        note: pickNote(prng, kind === Kind.Invoice ? 'Invoice' : type, 10_000 + i, createdAt),
        payoutStatus: pending ? 'Pending' : payoutStatusAt(g, createdAtMs),
        isSplit: type === 'Split',
        isDispute: kind === Kind.DisputeOpen || kind === Kind.DisputeWon || kind === Kind.DisputeLost,
        // docs/secpaid-api.md#which-rows-carry-is_refund-and-the-sign-of-refund-entries: we set
        // is_refund "true" on the original too once a refund was approved.
        isRefund: kind === Kind.RefundPartial || kind === Kind.RefundFull,
        paymentMethod: method,
        type,
        idSuffix: prng.alnum(10)
      },
      g.rows.length
    )
    g.rows.push(original)
    const meta: PaymentMeta = {
      payId,
      original,
      entries: [],
      linkState: kind === Kind.Cancelled ? 'cancelled' : 'used',
      isInvoice: kind === Kind.Invoice,
      dispute: disputeOf(kind),
      refundedCents: 0
    }
    payments.set(payId, meta)
    if (kind !== Kind.Normal) addHistory(g, kind, meta)
  }
  return { rows: g.rows, payments, requests: g.requests, nextPayId: payIdNum + 1 }
}
