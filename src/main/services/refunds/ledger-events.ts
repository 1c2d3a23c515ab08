/**
 * The refund ledger's event vocabulary (docs/architecture.md#a-refund-is-never-sent-twice-by-accident).
 *
 * The store (storage/refund-ledger-store.ts) only knows the envelope
 * `{ v: 1, requestId, at, type, data }`; this module defines what `data` holds for each `type`.
 * Events are facts, appended in order and never rewritten: the current state of a request is a
 * fold over its events (ledger-model.ts). An event `type` we do not know (written by a newer app
 * version) is kept in the file and skipped by the fold, never a crash (forward compatibility).
 *
 * Nothing here may hold the API key (docs/architecture.md#the-api-key-never-leaves-main): only ids,
 * amounts, our own words and the server's ResponseMsg (which the client has already passed through
 * redact()).
 */
import { z } from 'zod'
import { ENVIRONMENTS } from '@shared/domain'
import { REFUND_REASONS } from '@shared/views'

/** Structurally identical to the store's `LedgerEvent`; kept here so the model stays store-agnostic. */
export interface LedgerEvent {
  v: 1
  requestId: string
  /** ISO 8601 instant with offset. */
  at: string
  type: string
  data: Record<string, unknown>
}

const osUser = z.string().min(1).max(200)
/**
 * How long a text in a ledger line may be when READ. Deliberately above the input limits
 * (shared/text-limits.ts): the file format is a contract with every ledger ever written, and the
 * CLI used to journal notes of up to 1000 characters; a stricter parser would drop those lines.
 */
const LEDGER_TEXT_MAX = 2000
const ledgerText = z.string().max(LEDGER_TEXT_MAX)
const optionalNote = ledgerText.nullable().optional()

/** The process that journaled a request and sends it (writer-identity.ts). */
export const writerData = z.object({
  pid: z.number().int().positive(),
  hostname: z.string().min(1).max(255),
  /** The writer process's start (ISO 8601): tells it apart from a later process with the same pid. */
  startedAt: z.iso.datetime({ offset: true })
})

/** A new request, journaled (fsync) BEFORE refundPayment is called. State: submitting. */
export const requestedData = z.object({
  env: z.enum(ENVIRONMENTS),
  // Reading stays lenient (1–20 digits, the old IPC limit) so older ledgers still parse; new
  // requests are checked against PAY_ID_PATTERN (1–18 digits) before anything is journaled.
  payId: z.string().regex(/^\d{1,20}$/),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  isFullRefund: z.boolean(),
  reason: z.enum(REFUND_REASONS),
  /** The user's note (local only, never sent to SecPaid). */
  note: ledgerText.nullable(),
  /** The original payment's reference, for lists. */
  recipientNote: ledgerText.nullable(),
  osUser,
  /** Who sends it. Optional: ledgers written before this field existed must still parse. */
  writer: writerData.optional()
})

/**
 * SecPaid accepted the request (ResponseCode 1): awaiting admin review
 * (docs/secpaid-api.md#the-review-of-a-refund-request).
 */
export const submittedData = z.object({ serverMessage: z.string().max(4000), osUser, note: optionalNote })

/**
 * Definitely not recorded by SecPaid: an API validation refusal (code from classifyRefundRejection)
 * or a local/transport code: 'auth', 'rate_limited', 'not_sent', 'invalid_input'.
 */
export const rejectedData = z.object({
  code: z.string().min(1).max(100),
  serverMessage: z.string().max(4000),
  osUser,
  note: optionalNote
})

/** Sent, but no usable reply (timeout, dropped connection, 5xx, garbled reply, app closed). */
export const outcomeUnknownData = z.object({
  errorKind: z.string().min(1).max(100),
  message: z.string().max(4000),
  osUser,
  note: optionalNote
})

/** A negative Refund entry was seen and linked (osUser 'system' when found by a sync). */
export const refundedData = z.object({
  refundEntryKey: z.string().min(1).max(500),
  osUser,
  note: optionalNote
})

/**
 * The user marked it denied, with the reason SecPaid gave them (no API reports denials,
 * docs/secpaid-api.md#the-review-of-a-refund-request).
 */
export const deniedData = z.object({ reason: ledgerText.min(1), osUser })

/**
 * Audit-only: the user pressed "check again". Does not change the state. `result` says what
 * happened next ('no_refund_entry_yet', 'resubmitting' — written before the deliberate re-send).
 */
export const recheckData = z.object({ result: z.string().min(1).max(200), osUser, note: optionalNote })

export const LEDGER_EVENT_SCHEMAS = {
  requested: requestedData,
  submitted: submittedData,
  rejected: rejectedData,
  outcome_unknown: outcomeUnknownData,
  refunded: refundedData,
  denied: deniedData,
  recheck: recheckData
} as const

export type LedgerEventType = keyof typeof LEDGER_EVENT_SCHEMAS
export type LedgerEventData<T extends LedgerEventType> = z.infer<(typeof LEDGER_EVENT_SCHEMAS)[T]>

export function isKnownEventType(type: string): type is LedgerEventType {
  return Object.prototype.hasOwnProperty.call(LEDGER_EVENT_SCHEMAS, type)
}

/** Builds an event, validating its data on the way in so we never journal something we cannot read back. */
export function makeLedgerEvent<T extends LedgerEventType>(
  type: T,
  requestId: string,
  at: Date,
  data: LedgerEventData<T>
): LedgerEvent {
  const parsed = LEDGER_EVENT_SCHEMAS[type].parse(data) as Record<string, unknown>
  // Drop `undefined` optionals so the JSON line stays minimal and stable.
  const clean: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(parsed)) if (v !== undefined) clean[k] = v
  return { v: 1, requestId, at: at.toISOString(), type, data: clean }
}

export type ParsedLedgerEvent =
  | { [T in LedgerEventType]: { type: T; requestId: string; at: string; data: LedgerEventData<T> } }[LedgerEventType]
  | { type: 'unknown'; rawType: string; requestId: string; at: string }

/** Parses one event's data; `{ error }` when a known type carries data we cannot read. */
export function parseLedgerEvent(event: LedgerEvent): ParsedLedgerEvent | { error: string } {
  if (!isKnownEventType(event.type)) {
    return { type: 'unknown', rawType: event.type, requestId: event.requestId, at: event.at }
  }
  const result = LEDGER_EVENT_SCHEMAS[event.type].safeParse(event.data)
  if (!result.success) return { error: `invalid ${event.type} data: ${result.error.issues[0]?.message ?? 'unknown'}` }
  return { type: event.type, requestId: event.requestId, at: event.at, data: result.data } as ParsedLedgerEvent
}
