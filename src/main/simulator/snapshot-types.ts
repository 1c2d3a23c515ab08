/**
 * What a simulator snapshot holds (persistence across restarts of the in-process Demo simulator).
 * The seed data are a pure function of (seed, rows, anchor), so a snapshot is those three plus
 * an ordered log of everything that changed afterwards; startSimulator({ restore }) replays it.
 * JSON-serialisable; `at` values are ISO instants of the simulator clock when it happened.
 */
import { z } from 'zod'

export const SNAPSHOT_VERSION = 1

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time')
const wireBool = z.enum(['true', 'false'])

const payInWireRowSchema = z.strictObject({
  pay_id: z.string().regex(/^\d+$/),
  creator_id: z.string(),
  user_id: z.string(),
  transaction_id: z.string(),
  amount: z.string(),
  net_amount: z.string(),
  service_fee: z.string(),
  service_fee_psp: z.string(),
  status: z.string(),
  recipient_note: z.string(),
  payout_status: z.string(),
  created_at: z.string(),
  is_split_link: wireBool,
  is_dispute: wireBool,
  is_refund: wireBool,
  payment_method: z.string().nullable(),
  transaction_type: z.string()
})

/** The store-level input of addPayment (already parsed from the admin's AddPaymentInput). */
const newPaymentInputSchema = z.strictObject({
  amountCents: z.number().int().positive().optional(),
  recipientNote: z.string().optional(),
  paymentMethod: z.string().nullable().optional(),
  type: z.enum(['Basic', 'Split', 'Personal QR']).optional()
})

export const simulatorMutationSchema = z.discriminatedUnion('type', [
  /** refundPayment accepted a request (it is now pending). */
  z.strictObject({
    type: z.literal('refund-requested'),
    payId: z.string(),
    amount: z.string(),
    isFullRefund: z.boolean(),
    at: isoInstant
  }),
  /** The pending request of payId was approved; transactionId is the negative Refund entry's. */
  z.strictObject({
    type: z.literal('refund-approved'),
    payId: z.string(),
    at: isoInstant,
    transactionId: z.string()
  }),
  z.strictObject({
    type: z.literal('refund-denied'),
    payId: z.string(),
    reason: z.string(),
    at: isoInstant
  }),
  /** input = what was asked (replays the same random draws), row = what was created (authoritative). */
  z.strictObject({
    type: z.literal('payment-added'),
    input: newPaymentInputSchema,
    at: isoInstant,
    row: payInWireRowSchema
  })
])
export type SimulatorMutation = z.infer<typeof simulatorMutationSchema>

export const simulatorSnapshotSchema = z.strictObject({
  version: z.literal(SNAPSHOT_VERSION),
  seed: z.number().int(),
  rows: z.number().int().nonnegative(),
  /** ISO instant the seed data were generated relative to. */
  anchor: isoInstant,
  mutations: z.array(simulatorMutationSchema)
})
export type SimulatorSnapshot = z.infer<typeof simulatorSnapshotSchema>

/** Thrown for a snapshot that cannot be restored (unknown version, malformed, or not this simulator's). */
export class SimulatorSnapshotError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SimulatorSnapshotError'
  }
}

/** Validates an untrusted value (e.g. JSON read from a file) as a snapshot; throws SimulatorSnapshotError. */
export function parseSimulatorSnapshot(value: unknown): SimulatorSnapshot {
  const version: unknown = typeof value === 'object' && value !== null && 'version' in value ? value.version : undefined
  if (version !== SNAPSHOT_VERSION) {
    throw new SimulatorSnapshotError(`Unsupported simulator snapshot version ${JSON.stringify(version) ?? 'undefined'} (expected ${SNAPSHOT_VERSION})`)
  }
  const parsed = simulatorSnapshotSchema.safeParse(value)
  if (!parsed.success) throw new SimulatorSnapshotError(`Invalid simulator snapshot: ${z.prettifyError(parsed.error)}`)
  return parsed.data
}
