/** The in-process admin: what SecPaid's admin team and a test harness can do. */
import { formatApiAmount, parseApiAmount } from '@shared/money'
import { toBerlinWall } from './berlin-clock'
import { nowMs, serverTime, type SimulatorCore } from './core'
import { defaultFaults, faultPatchSchema } from './faults'
import {
  addPaymentSchema,
  SimulatorAdminError,
  type AddPaymentInput,
  type PaymentInfo,
  type PaymentKind,
  type SimulatorAdmin
} from './admin-types'
import { buildSnapshot } from './snapshot'
import type { PaymentMeta, RefundRequest } from './types'

const copy = <T>(value: T): T => structuredClone(value)

function matchesKind(core: SimulatorCore, meta: PaymentMeta, kind: PaymentKind): boolean {
  const w = meta.original.wire
  const requests = core.store.requestsFor(meta.payId)
  switch (kind) {
    case 'refundable':
      return (
        w.status === 'Success' && meta.linkState === 'used' && !meta.isInvoice && meta.dispute === 'none' &&
        meta.refundedCents === 0 && requests.length === 0
      )
    case 'cancelled':
      return meta.linkState === 'cancelled'
    case 'invoice':
      return meta.isInvoice
    case 'dispute-open':
      return meta.dispute === 'open'
    case 'dispute-won':
      return meta.dispute === 'won'
    case 'dispute-lost':
      return meta.dispute === 'lost'
    case 'refunded-partial':
      return meta.refundedCents > 0 && meta.refundedCents < meta.original.amountCents
    case 'refunded-full':
      return meta.refundedCents > 0 && meta.refundedCents === meta.original.amountCents
    case 'refund-pending':
      return requests.some((r) => r.status === 'pending')
    case 'refund-denied':
      return requests.some((r) => r.status === 'denied')
    case 'split':
      return w.is_split_link === 'true'
    case 'status-pending':
      return w.status === 'Pending'
  }
}

function info(core: SimulatorCore, meta: PaymentMeta): PaymentInfo {
  const w = meta.original.wire
  return copy({
    payId: meta.payId,
    amount: w.amount,
    status: w.status,
    transactionType: w.transaction_type,
    createdAt: w.created_at,
    linkState: meta.linkState,
    isInvoice: meta.isInvoice,
    dispute: meta.dispute,
    refunded: formatApiAmount(meta.refundedCents),
    remaining: formatApiAmount(meta.original.amountCents - meta.refundedCents),
    requests: core.store.requestsFor(meta.payId),
    rows: core.store.rowsOf(meta).map((r) => r.wire)
  })
}

function pendingOrThrow(core: SimulatorCore, payId: string): RefundRequest {
  const request = core.store.pendingRequest(payId)
  if (!request) throw new SimulatorAdminError(404, `No pending refund request for pay_id ${payId}`)
  return request
}

function parseAddPayment(input: AddPaymentInput): Parameters<SimulatorCore['store']['addPayment']>[0] {
  let amountCents: number | undefined
  if (input.amount !== undefined) {
    try {
      amountCents = parseApiAmount(input.amount)
    } catch {
      throw new SimulatorAdminError(400, 'amount must be a decimal with at most 2 places')
    }
    if (amountCents <= 0) throw new SimulatorAdminError(400, 'amount must be > 0')
  }
  return {
    ...(amountCents !== undefined && { amountCents }),
    ...(input.recipient_note !== undefined && { recipientNote: input.recipient_note }),
    ...(input.payment_method !== undefined && { paymentMethod: input.payment_method }),
    ...(input.transaction_type !== undefined && { type: input.transaction_type })
  }
}

export function createAdmin(core: SimulatorCore): SimulatorAdmin {
  const { store } = core
  return {
    state: () => ({
      rows: store.rowCount,
      payments: store.payments.size,
      pendingRefundRequests: store.listRequests('pending').length,
      approvedRefundRequests: store.listRequests('approved').length,
      deniedRefundRequests: store.listRequests('denied').length,
      now: toBerlinWall(nowMs(core)),
      serverTime: serverTime(core)
    }),
    requestLog: (filter) => copy(core.requestLog.list(filter)),
    clearRequestLog: () => core.requestLog.clear(),
    refundRequests: (status) => copy(store.listRequests(status)),
    approveRefund(payId) {
      const request = pendingOrThrow(core, payId)
      const row = store.approve(request, parseApiAmount(request.amount), nowMs(core))
      core.logLine(`admin: approved refund ${request.amount} for pay_id ${payId}`)
      return copy(row.wire)
    },
    denyRefund(payId, reason) {
      const request = pendingOrThrow(core, payId)
      store.deny(request, reason, nowMs(core))
      core.logLine(`admin: denied refund for pay_id ${payId}`)
      return copy(request)
    },
    getFaults: () => copy(core.faults),
    setFaults(patch) {
      const parsed = faultPatchSchema.safeParse(patch)
      if (!parsed.success) throw new SimulatorAdminError(400, `Invalid faults: ${parsed.error.message}`)
      Object.assign(core.faults, parsed.data)
      return copy(core.faults)
    },
    reset() {
      core.faults = defaultFaults(core.initialRateLimit)
      core.rate.clear()
    },
    addPayment(input = {}) {
      const parsed = addPaymentSchema.safeParse(input)
      if (!parsed.success) throw new SimulatorAdminError(400, `Invalid payment: ${parsed.error.message}`)
      return copy(store.addPayment(parseAddPayment(parsed.data), nowMs(core)).wire)
    },
    payments({ kind, limit = 20 } = {}) {
      const out: PaymentInfo[] = []
      // Newest first, like the API.
      for (const row of store.sorted) {
        if (out.length >= limit) break
        const meta = store.payment(row.wire.pay_id)
        if (!meta || meta.original !== row) continue
        if (kind === undefined || matchesKind(core, meta, kind)) out.push(info(core, meta))
      }
      return out
    },
    payment(payId) {
      const meta = store.payment(payId)
      return meta ? info(core, meta) : null
    },
    snapshot: () => buildSnapshot(core)
  }
}
