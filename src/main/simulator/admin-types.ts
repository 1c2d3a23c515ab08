/**
 * Types of the admin/control side. Shared by the in-process admin (admin.ts), the HTTP control
 * routes and the fetch-based control client, so all three stay in step.
 */
import { z } from 'zod'
import type { Faults, FaultPatch } from './faults'
import type { RequestLogEntry } from './request-log'
import type { SimulatorSnapshot } from './snapshot-types'
import type { DisputeState, PayInWireRow, RefundRequest, RefundRequestStatus } from './types'

export const PAYMENT_KINDS = [
  'refundable', // Success, refundable now, with no refund history at all
  'cancelled',
  'invoice',
  'dispute-open',
  'dispute-won',
  'dispute-lost',
  'refunded-partial',
  'refunded-full',
  'refund-pending',
  'refund-denied',
  'split',
  'status-pending'
] as const
export type PaymentKind = (typeof PAYMENT_KINDS)[number]

/** Internal facts about one payment that the API does not show (link state, invoice flag …). */
export interface PaymentInfo {
  payId: string
  amount: string
  status: string
  transactionType: string
  createdAt: string
  linkState: 'used' | 'cancelled'
  isInvoice: boolean
  dispute: DisputeState
  refunded: string
  remaining: string
  requests: RefundRequest[]
  rows: PayInWireRow[]
}

export interface SimulatorState {
  rows: number
  payments: number
  pendingRefundRequests: number
  approvedRefundRequests: number
  deniedRefundRequests: number
  /** Simulator clock as Berlin wall-clock, and its zone abbreviation. */
  now: string
  serverTime: 'CET' | 'CEST'
}

export const addPaymentSchema = z
  .object({
    amount: z.union([z.string(), z.number()]),
    recipient_note: z.string().max(500),
    payment_method: z.string().max(50).nullable(),
    transaction_type: z.enum(['Basic', 'Split', 'Personal QR'])
  })
  .partial()
  .strict()
export type AddPaymentInput = z.infer<typeof addPaymentSchema>

export const denySchema = z.object({ reason: z.string().min(1).max(1000) }).strict()

export interface RequestLogFilter {
  path?: string
  payId?: string
}

/** In-process admin; every method has a /__control/ route twin. */
export interface SimulatorAdmin {
  state(): SimulatorState
  requestLog(filter?: RequestLogFilter): RequestLogEntry[]
  clearRequestLog(): void
  refundRequests(status?: RefundRequestStatus): RefundRequest[]
  /** Adds the negative Refund entry at the simulator's now; returns it. */
  approveRefund(payId: string): PayInWireRow
  denyRefund(payId: string, reason: string): RefundRequest
  getFaults(): Faults
  setFaults(patch: FaultPatch): Faults
  /** Faults (and the rate window) back to defaults; data is kept. */
  reset(): void
  addPayment(input?: AddPaymentInput): PayInWireRow
  payments(filter?: { kind?: PaymentKind; limit?: number }): PaymentInfo[]
  payment(payId: string): PaymentInfo | null
  /** Everything changed since seeding (JSON-serialisable); startSimulator({ restore }) replays it. */
  snapshot(): SimulatorSnapshot
}

/** An admin operation that cannot be done (no pending request, bad input); HTTP status for the route. */
export class SimulatorAdminError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = 'SimulatorAdminError'
  }
}
