/**
 * The simulator's data: pay-in rows (sorted once, newest first), per-payment metadata, and the
 * refund request ledger SecPaid keeps server-side (invisible through the API:
 * docs/secpaid-api.md#the-review-of-a-refund-request).
 */
import type { Cents } from '@shared/domain'
import { formatApiAmount, parseApiAmount } from '@shared/money'
import { berlinDay, toBerlinWall } from './berlin-clock'
import { createPrng, deriveSeed, type Prng } from './prng'
import { buildEntryRow, buildRow, type RowInput } from './row-factory'
import { generateSeedData } from './seed-data'
import { pickAmountCents, pickFees, pickNote, pickPaymentMethod, pickPaymentType, type PaymentType } from './seed-text'
import type { SimulatorMutation } from './snapshot-types'
import type { PayInWireRow, PaymentMeta, RefundRequest, RefundRequestStatus, StoredRow } from './types'

/** Newest first; equal instants: later-inserted first (stable; SecPaid does not document ties). */
export function compareNewestFirst(a: StoredRow, b: StoredRow): number {
  return b.createdAtMs - a.createdAtMs || b.seq - a.seq
}

export interface NewPaymentInput {
  amountCents?: Cents
  recipientNote?: string
  paymentMethod?: string | null
  type?: PaymentType
}

export class SimulatorStore {
  /** All pay-in rows, sorted newest first. */
  readonly sorted: StoredRow[]
  readonly payments: Map<string, PaymentMeta>
  readonly requests: RefundRequest[]
  private readonly requestsByPayId = new Map<string, RefundRequest[]>()
  /** Bumped on every change; lets derived data (payouts) cache safely. */
  version = 0
  /** Every change since seeding, in order (snapshot.ts persists and replays it). */
  readonly mutations: SimulatorMutation[] = []
  /** Called after each change is logged. */
  onMutation: ((mutation: SimulatorMutation) => void) | undefined
  private nextSeq: number
  private nextPayId: number
  private nextRequestId: number
  private readonly prng: Prng

  /** Seed data are generated relative to anchorMs (the clock's value at start, unless anchored). */
  constructor(seed: number, rows: number, anchorMs: number, firstPayId?: number) {
    const data = generateSeedData(seed, rows, anchorMs, firstPayId)
    this.sorted = data.rows.sort(compareNewestFirst)
    this.payments = data.payments
    this.requests = data.requests
    this.nextSeq = data.rows.length
    this.nextPayId = data.nextPayId
    this.nextRequestId = data.requests.length + 1
    for (const r of this.requests) this.indexRequest(r)
    this.prng = createPrng(deriveSeed(seed, 2))
  }

  get rowCount(): number {
    return this.sorted.length
  }

  /** The original payment behind a pay_id; entries share it, so this also resolves entries. */
  payment(payId: string): PaymentMeta | undefined {
    return this.payments.get(payId)
  }

  /** All rows of one pay_id (payment + its entries), newest first. */
  rowsOf(meta: PaymentMeta): StoredRow[] {
    return [meta.original, ...meta.entries].sort(compareNewestFirst)
  }

  requestsFor(payId: string): RefundRequest[] {
    return this.requestsByPayId.get(payId) ?? []
  }

  pendingRequest(payId: string): RefundRequest | undefined {
    return this.requestsFor(payId).find((r) => r.status === 'pending')
  }

  private indexRequest(request: RefundRequest): void {
    const list = this.requestsByPayId.get(request.payId)
    if (list) list.push(request)
    else this.requestsByPayId.set(request.payId, [request])
  }

  listRequests(status?: RefundRequestStatus): RefundRequest[] {
    return status ? this.requests.filter((r) => r.status === status) : [...this.requests]
  }

  addRequest(payId: string, amountCents: Cents, isFullRefund: boolean, nowMs: number): RefundRequest {
    const request: RefundRequest = {
      id: this.nextRequestId++,
      payId,
      amount: formatApiAmount(amountCents),
      isFullRefund,
      status: 'pending',
      requestedAt: toBerlinWall(nowMs),
      decidedAt: null,
      reason: null,
      refundTransactionId: null
    }
    this.requests.push(request)
    this.indexRequest(request)
    this.version++
    this.record({ type: 'refund-requested', payId, amount: request.amount, isFullRefund, at: iso(nowMs) })
    return request
  }

  private record(mutation: SimulatorMutation): void {
    this.mutations.push(mutation)
    this.onMutation?.(mutation)
  }

  /**
   * Approval adds the negative Refund entry "now" and flags the original (our choice,
   * docs/secpaid-api.md#refund-and-dispute-entries). `transactionId` (snapshot replay) overrides
   * the drawn one; the draw still happens so the random stream stays in step.
   */
  approve(request: RefundRequest, amountCents: Cents, nowMs: number, transactionId?: string): StoredRow {
    const meta = this.payments.get(request.payId)
    if (!meta) throw new Error(`No payment ${request.payId}`)
    const at = Math.floor(nowMs / 1000) * 1000
    const row = buildEntryRow(meta.original, 'Refund', -amountCents, at, 'Pending', this.prng.alnum(10), this.nextSeq++)
    if (transactionId !== undefined) row.wire.transaction_id = transactionId
    meta.entries.push(row)
    meta.refundedCents += amountCents
    meta.original.wire.is_refund = 'true'
    this.insert(row)
    request.status = 'approved'
    request.decidedAt = row.wire.created_at
    request.refundTransactionId = row.wire.transaction_id
    this.record({ type: 'refund-approved', payId: request.payId, at: iso(nowMs), transactionId: row.wire.transaction_id })
    return row
  }

  deny(request: RefundRequest, reason: string, nowMs: number): void {
    request.status = 'denied'
    request.reason = reason
    request.decidedAt = toBerlinWall(nowMs)
    this.version++
    this.record({ type: 'refund-denied', payId: request.payId, reason, at: iso(nowMs) })
  }

  /**
   * A new successful payment "now" (incremental sync tests). `recorded` (snapshot replay) is the
   * row created originally: it wins over the random draws, which still happen to keep the stream in step.
   */
  addPayment(input: NewPaymentInput, nowMs: number, recorded?: PayInWireRow): StoredRow {
    const payId = recorded?.pay_id ?? String(this.nextPayId)
    this.nextPayId = Math.max(this.nextPayId, Number(payId)) + 1
    const at = Math.floor(nowMs / 1000) * 1000
    const amountCents = input.amountCents ?? pickAmountCents(this.prng)
    const method = input.paymentMethod === undefined ? pickPaymentMethod(this.prng) : input.paymentMethod
    const type = input.type ?? pickPaymentType(this.prng)
    const fees = pickFees(this.prng, amountCents, method)
    const drawn: RowInput = {
      payId,
      createdAtMs: at,
      amountCents,
      serviceFeeCents: fees.service,
      pspFeeCents: fees.psp,
      status: 'Success',
      note: input.recipientNote ?? pickNote(this.prng, type, 90_000 + this.nextSeq, berlinDay(at)),
      payoutStatus: 'Pending',
      isSplit: type === 'Split',
      isDispute: false,
      isRefund: false,
      paymentMethod: method,
      type,
      idSuffix: this.prng.alnum(10)
    }
    const row = buildRow(recorded ? rowInputFromWire(recorded, at) : drawn, this.nextSeq++)
    if (recorded) row.wire.transaction_id = recorded.transaction_id
    this.payments.set(payId, {
      payId,
      original: row,
      entries: [],
      linkState: 'used',
      isInvoice: false,
      dispute: 'none',
      refundedCents: 0
    })
    this.insert(row)
    this.record({ type: 'payment-added', input: { ...input }, at: iso(nowMs), row: { ...row.wire } })
    return row
  }

  /** Binary insertion keeps `sorted` valid without re-sorting (new rows are usually first). */
  private insert(row: StoredRow): void {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const probe = this.sorted[mid]
      if (probe && compareNewestFirst(probe, row) <= 0) lo = mid + 1
      else hi = mid
    }
    this.sorted.splice(lo, 0, row)
    this.version++
  }
}

const iso = (ms: number): string => new Date(ms).toISOString()

function rowInputFromWire(w: PayInWireRow, createdAtMs: number): RowInput {
  return {
    payId: w.pay_id,
    createdAtMs,
    createdAt: w.created_at,
    amountCents: parseApiAmount(w.amount),
    serviceFeeCents: parseApiAmount(w.service_fee),
    pspFeeCents: parseApiAmount(w.service_fee_psp),
    status: w.status,
    note: w.recipient_note,
    payoutStatus: w.payout_status,
    isSplit: w.is_split_link === 'true',
    isDispute: w.is_dispute === 'true',
    isRefund: w.is_refund === 'true',
    paymentMethod: w.payment_method,
    type: w.transaction_type,
    idSuffix: w.transaction_id.slice(-10)
  }
}
