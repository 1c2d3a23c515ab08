/**
 * zod schemas for SecPaid replies (docs/secpaid-api.md#the-response-envelope,
 * docs/secpaid-api.md#data-types).
 *
 * Tolerant where the docs disagree (string or number amounts and ids, "true"/"false"/"1"/"0"/real
 * booleans, nullable/missing optional fields, unknown enum values kept verbatim), strict where
 * money is concerned: a row whose pay_id, amount, status or created_at cannot be read makes the
 * whole page a ProtocolError naming the row index and field. Silently dropping a row would make
 * month totals wrong without anyone noticing; a failed page is retried and then reported.
 *
 * These functions are pure: they return a result, the caller turns failures into ProtocolError
 * (with a redacted excerpt of the body).
 */
import { z } from 'zod'
import type { Cents, PayInTransaction, PayOutTransaction } from '@shared/domain'
import { AmountParseError, parseApiAmount } from '@shared/money'

export type WireResult<T> =
  | { ok: true; value: T }
  | { ok: false; detail: string; rowIndex: number | null; field: string | null }

// ---------------------------------------------------------------------------------------------
// Field parsers

function amountIssue(e: unknown): string {
  return e instanceof AmountParseError ? `invalid amount (${e.reason})` : 'invalid amount'
}

const amount = z.unknown().optional().transform((v, ctx): Cents => {
  try {
    return parseApiAmount(v)
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: amountIssue(e) })
    return z.NEVER
  }
})

const optionalAmount = z.unknown().optional().transform((v, ctx): Cents | null => {
  if (v === null || v === undefined || v === '') return null
  try {
    return parseApiAmount(v)
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: amountIssue(e) })
    return z.NEVER
  }
})

const TRUE_WORDS = new Set(['true', '1', 'yes'])
const FALSE_WORDS = new Set(['false', '0', 'no', ''])

/**
 * docs/secpaid-api.md#data-types: booleans are strings ("true"/"false", "Yes"/"No"); tolerate real
 * booleans and 1/0. Missing → false.
 */
const flag = z.unknown().optional().transform((v, ctx): boolean => {
  if (v === null || v === undefined) return false
  if (typeof v === 'boolean') return v
  if (v === 1) return true
  if (v === 0) return false
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase()
    if (TRUE_WORDS.has(s)) return true
    if (FALSE_WORDS.has(s)) return false
  }
  ctx.addIssue({ code: 'custom', message: 'not a boolean' })
  return z.NEVER
})

function idToString(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim()
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v)
  return null
}

/** docs/secpaid-api.md#data-types: ids are strings in replies but integers in some request tables. */
const requiredId = z.unknown().optional().transform((v, ctx): string => {
  const id = idToString(v)
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'missing or invalid id' })
    return z.NEVER
  }
  return id
})

const payId = requiredId.refine((id) => /^\d+$/.test(id), { message: 'pay_id is not a digit string' })

const optionalId = z.unknown().optional().transform((v, ctx): string | null => {
  if (v === null || v === undefined || v === '') return null
  const id = idToString(v)
  if (id === null) {
    ctx.addIssue({ code: 'custom', message: 'invalid id' })
    return z.NEVER
  }
  return id
})

const requiredText = z.string().trim().min(1)
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : String(v)))
/** Unknown enum values are kept; a missing value becomes '' (callers treat it as unknown). */
const enumText = z
  .string()
  .nullish()
  .transform((v) => v ?? '')

/**
 * `YYYY-MM-DD HH:MM:SS` (docs/secpaid-api.md#data-types). A `T` separator is tolerated and
 * normalised to a space.
 */
const timestamp = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/, { message: 'not YYYY-MM-DD HH:MM:SS' })
  .transform((v) => v.replace('T', ' '))

const optionalDate = z
  .string()
  .nullish()
  .transform((v) => (v === null || v === undefined || v === '' ? null : v))
  .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), { message: 'not YYYY-MM-DD' })

// ---------------------------------------------------------------------------------------------
// Envelope (docs/secpaid-api.md#the-response-envelope)

export interface Envelope {
  responseCode: number
  /** `Result` read as a boolean; missing → derived from ResponseCode. */
  result: boolean
  message: string
  serverTime: string | null
  /** Both ResponseCode == 1 and Result == "True" (the docs advise checking both). */
  success: boolean
}

const envelopeSchema = z.object({
  ResponseCode: z.union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/)
      .transform(Number)
  ]),
  Result: z
    .union([z.string(), z.boolean()])
    .nullish()
    .transform((v) => (typeof v === 'string' ? v.trim().toLowerCase() === 'true' : v)),
  ResponseMsg: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? '' : String(v))),
  ServerTime: z
    .string()
    .nullish()
    .transform((v) => v ?? null)
})

export function parseEnvelope(body: unknown): WireResult<Envelope> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, detail: 'reply is not a JSON object', rowIndex: null, field: null }
  }
  const quick = readEnvelopeFast(body as Record<string, unknown>)
  if (quick !== UNSURE) return { ok: true, value: quick }
  const r = envelopeSchema.safeParse(body)
  if (!r.success) return failure(r.error, null, 'envelope')
  return { ok: true, value: envelopeOf(r.data.ResponseCode, r.data.Result, r.data.ResponseMsg, r.data.ServerTime) }
}

function envelopeOf(ResponseCode: number, Result: boolean | null | undefined, ResponseMsg: string, ServerTime: string | null): Envelope {
  const result = Result ?? ResponseCode === 1
  return { responseCode: ResponseCode, result, message: ResponseMsg, serverTime: ServerTime, success: ResponseCode === 1 && result }
}

/**
 * The envelope as `envelopeSchema` reads it, for the usual shapes (an integer code, a string or
 * boolean Result); anything else goes to the schema. Every reply passes here: the schema's first
 * use costs its compilation, a CLI sync of a few pages pays that in full.
 */
function readEnvelopeFast(body: Record<string, unknown>): Envelope | typeof UNSURE {
  const code = body['ResponseCode']
  if (typeof code !== 'number' || !Number.isSafeInteger(code)) return UNSURE
  const r = body['Result']
  let result: boolean | null
  if (typeof r === 'string') result = r.trim().toLowerCase() === 'true'
  else if (typeof r === 'boolean') result = r
  else if (r === null || r === undefined) result = null
  else return UNSURE
  const m = body['ResponseMsg']
  const message = typeof m === 'string' ? m : m === null || m === undefined ? '' : typeof m === 'number' && Number.isFinite(m) ? String(m) : UNSURE
  if (message === UNSURE) return UNSURE
  const t = body['ServerTime']
  if (t !== null && t !== undefined && typeof t !== 'string') return UNSURE
  return envelopeOf(code, result, message, t ?? null)
}

// ---------------------------------------------------------------------------------------------
// Rows (docs/secpaid-api.md#getpayintransactions, docs/secpaid-api.md#getpayouttransactions)

const payInRowSchema = z
  .object({
    pay_id: payId,
    transaction_id: optionalId,
    creator_id: optionalId,
    user_id: optionalId,
    amount,
    net_amount: optionalAmount,
    service_fee: optionalAmount,
    service_fee_psp: optionalAmount,
    status: requiredText,
    recipient_note: optionalText,
    payout_status: optionalText,
    created_at: timestamp,
    is_split_link: flag,
    is_dispute: flag,
    is_refund: flag,
    payment_method: optionalText,
    transaction_type: enumText
  })
  .transform(
    (r): PayInTransaction => ({
      payId: r.pay_id,
      transactionId: r.transaction_id,
      creatorId: r.creator_id,
      userId: r.user_id,
      amount: r.amount,
      netAmount: r.net_amount,
      serviceFee: r.service_fee,
      serviceFeePsp: r.service_fee_psp,
      status: r.status,
      recipientNote: r.recipient_note ?? '',
      payoutStatus: r.payout_status,
      createdAt: r.created_at,
      isSplitLink: r.is_split_link,
      isDispute: r.is_dispute,
      isRefund: r.is_refund,
      paymentMethod: r.payment_method,
      transactionType: r.transaction_type
    })
  )

const payOutRowSchema = z
  .object({
    payout_id: requiredId,
    user_id: optionalId,
    transaction_id: optionalId,
    payout_amount: amount,
    service_fee: optionalAmount,
    net_amount: optionalAmount,
    payout_status: enumText,
    request_date: optionalDate,
    created_at: timestamp,
    is_split_link: flag,
    is_dispute: flag,
    is_refund: flag,
    transaction_type: enumText
  })
  .transform(
    (r): PayOutTransaction => ({
      payoutId: r.payout_id,
      userId: r.user_id,
      transactionId: r.transaction_id,
      payoutAmount: r.payout_amount,
      serviceFee: r.service_fee,
      netAmount: r.net_amount,
      payoutStatus: r.payout_status,
      requestDate: r.request_date,
      createdAt: r.created_at,
      isSplitLink: r.is_split_link,
      isDispute: r.is_dispute,
      isRefund: r.is_refund,
      transactionType: r.transaction_type
    })
  )

// ---------------------------------------------------------------------------------------------
// Fast path for pay-in rows. A full sync reads 200k rows; zod costs an issue list, a result object
// and a stripped copy per row, which the GC then pays for. `readPayInRowFast` reads a row straight
// into its PayInTransaction with no other allocation, and accepts only what `payInRowSchema`
// accepts, converted identically (test/unit/secpaid-wire-fast.test.ts compares both over odd
// inputs). Anything it is not sure about — a malformed row, a number where a string is usual —
// goes to the schema, which then decides, so acceptance and error messages are the schema's.

/** Not a row value: "let the schema decide". */
export const UNSURE = Symbol('unsure')
type Maybe<T> = T | typeof UNSURE

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57
}

/** `parseApiAmount` for the plain shapes (-?digits(.d{1,2})?, at most 13 integer digits). */
function fastAmount(raw: unknown): Maybe<Cents> {
  // Payout amounts come as JSON numbers (docs/secpaid-api.md#getpayouttransactions): read through
  // the same shortest decimal text parseApiAmount reads them as ("1e+21" and the like fall to it).
  const v = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw
  if (typeof v !== 'string') return UNSURE
  const n = v.length
  let i = 0
  const negative = n > 0 && v.charCodeAt(0) === 45
  if (negative) i = 1
  let euros = 0
  const intStart = i
  while (i < n && isDigitCode(v.charCodeAt(i))) euros = euros * 10 + (v.charCodeAt(i++) - 48)
  const intDigits = i - intStart
  // 13 digits of euros keep cents within the safe-integer range; longer ones go to the slow path.
  if (intDigits === 0 || intDigits > 13) return UNSURE
  let cents = euros * 100
  if (i < n) {
    if (v.charCodeAt(i) !== 46) return UNSURE
    const fracDigits = n - i - 1
    if (fracDigits < 1 || fracDigits > 2) return UNSURE
    const d1 = v.charCodeAt(i + 1)
    if (!isDigitCode(d1)) return UNSURE
    cents += (d1 - 48) * 10
    if (fracDigits === 2) {
      const d2 = v.charCodeAt(i + 2)
      if (!isDigitCode(d2)) return UNSURE
      cents += d2 - 48
    }
  }
  // "-0.00" gives 0, not negative zero (as parseApiAmount).
  return negative && cents !== 0 ? -cents : cents
}

function fastOptionalAmount(v: unknown): Maybe<Cents | null> {
  if (v === null || v === undefined || v === '') return null
  return fastAmount(v)
}

function fastFlag(v: unknown): Maybe<boolean> {
  if (v === 'false' || v === false || v === null || v === undefined) return false
  if (v === 'true' || v === true) return true
  if (typeof v !== 'string') return UNSURE
  const s = v.trim().toLowerCase()
  if (TRUE_WORDS.has(s)) return true
  if (FALSE_WORDS.has(s)) return false
  return UNSURE
}

function fastRequiredId(v: unknown): Maybe<string> {
  if (typeof v !== 'string') return UNSURE
  const id = v.trim()
  return id === '' ? UNSURE : id
}

function fastOptionalId(v: unknown): Maybe<string | null> {
  if (v === null || v === undefined || v === '') return null
  return fastRequiredId(v)
}

function fastPayId(v: unknown): Maybe<string> {
  const id = fastRequiredId(v)
  if (id === UNSURE) return UNSURE
  for (let i = 0; i < id.length; i++) if (!isDigitCode(id.charCodeAt(i))) return UNSURE
  return id
}

function fastOptionalText(v: unknown): Maybe<string | null> {
  if (v === null || v === undefined || v === '') return null
  return typeof v === 'string' ? v : UNSURE
}

/** The `timestamp` schema: trimmed `YYYY-MM-DD[ T]HH:MM:SS`, a `T` normalised to a space. */
function fastTimestamp(v: unknown): Maybe<string> {
  if (typeof v !== 'string') return UNSURE
  const s = v.trim()
  if (s.length !== 19) return UNSURE
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i)
    const ok = i === 4 || i === 7 ? c === 45 : i === 10 ? c === 32 || c === 84 : i === 13 || i === 16 ? c === 58 : isDigitCode(c)
    if (!ok) return UNSURE
  }
  return s.charCodeAt(10) === 84 ? s.replace('T', ' ') : s
}

function fastEnumText(v: unknown): Maybe<string> {
  if (v === null || v === undefined) return ''
  return typeof v === 'string' ? v : UNSURE
}

/**
 * The last value read of the columns that repeat from row to row (one account's UUIDs, a few
 * types). JSON.parse makes a new string of every value longer than a few characters, so 200k
 * rows of one account held 400k copies of its two UUIDs (~22 MB) that the garbage collector
 * copied twice during a first sync. A value equal to the last one is kept as that one string.
 */
export interface RepeatedValues {
  creatorId: string | null
  userId: string | null
  transactionType: string
}

export const noRepeatedValues = (): RepeatedValues => ({ creatorId: null, userId: null, transactionType: '' })

/** The row as `payInRowSchema` would give it, or UNSURE; `seen` (one page's rows) shares repeats. */
export function readPayInRowFast(raw: unknown, seen: RepeatedValues = noRepeatedValues()): PayInTransaction | typeof UNSURE {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return UNSURE
  const r = raw as Record<string, unknown>
  const payId = fastPayId(r['pay_id'])
  const transactionId = fastOptionalId(r['transaction_id'])
  const creatorId = fastOptionalId(r['creator_id'])
  const userId = fastOptionalId(r['user_id'])
  const amount = fastAmount(r['amount'])
  const netAmount = fastOptionalAmount(r['net_amount'])
  const serviceFee = fastOptionalAmount(r['service_fee'])
  const serviceFeePsp = fastOptionalAmount(r['service_fee_psp'])
  const statusRaw = r['status']
  const status = typeof statusRaw === 'string' ? statusRaw.trim() : ''
  const note = fastOptionalText(r['recipient_note'])
  const payoutStatus = fastOptionalText(r['payout_status'])
  const createdAt = fastTimestamp(r['created_at'])
  const isSplitLink = fastFlag(r['is_split_link'])
  const isDispute = fastFlag(r['is_dispute'])
  const isRefund = fastFlag(r['is_refund'])
  const paymentMethod = fastOptionalText(r['payment_method'])
  const transactionType = fastEnumText(r['transaction_type'])
  if (
    payId === UNSURE || transactionId === UNSURE || creatorId === UNSURE || userId === UNSURE ||
    amount === UNSURE || netAmount === UNSURE || serviceFee === UNSURE || serviceFeePsp === UNSURE ||
    status === '' || note === UNSURE || payoutStatus === UNSURE || createdAt === UNSURE ||
    isSplitLink === UNSURE || isDispute === UNSURE || isRefund === UNSURE ||
    paymentMethod === UNSURE || transactionType === UNSURE
  ) {
    return UNSURE
  }
  // Same field order as the schema's transform: one object shape for every row.
  return {
    payId, transactionId,
    creatorId: creatorId === seen.creatorId ? seen.creatorId : (seen.creatorId = creatorId),
    userId: userId === seen.userId ? seen.userId : (seen.userId = userId),
    amount, netAmount, serviceFee, serviceFeePsp, status,
    recipientNote: note ?? '', payoutStatus, createdAt, isSplitLink, isDispute, isRefund, paymentMethod,
    transactionType: transactionType === seen.transactionType ? seen.transactionType : (seen.transactionType = transactionType)
  }
}

/** `optionalDate`: missing or '' → null, else exactly YYYY-MM-DD (not trimmed, as the schema). */
function fastOptionalDate(v: unknown): Maybe<string | null> {
  if (v === null || v === undefined || v === '') return null
  if (typeof v !== 'string' || v.length !== 10) return UNSURE
  for (let i = 0; i < 10; i++) {
    const c = v.charCodeAt(i)
    if (!(i === 4 || i === 7 ? c === 45 : isDigitCode(c))) return UNSURE
  }
  return v
}

/**
 * The row as `payOutRowSchema` would give it, or UNSURE (the pay-in fast path's rules). A sync's
 * payout fetch is one page of a few hundred rows; through zod alone that page cost more than
 * all the pay-in pages of an incremental sync.
 */
export function readPayOutRowFast(raw: unknown): PayOutTransaction | typeof UNSURE {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return UNSURE
  const r = raw as Record<string, unknown>
  const payoutId = fastRequiredId(r['payout_id'])
  const userId = fastOptionalId(r['user_id'])
  const transactionId = fastOptionalId(r['transaction_id'])
  const payoutAmount = fastAmount(r['payout_amount'])
  const serviceFee = fastOptionalAmount(r['service_fee'])
  const netAmount = fastOptionalAmount(r['net_amount'])
  const payoutStatus = fastEnumText(r['payout_status'])
  const requestDate = fastOptionalDate(r['request_date'])
  const createdAt = fastTimestamp(r['created_at'])
  const isSplitLink = fastFlag(r['is_split_link'])
  const isDispute = fastFlag(r['is_dispute'])
  const isRefund = fastFlag(r['is_refund'])
  const transactionType = fastEnumText(r['transaction_type'])
  if (
    payoutId === UNSURE || userId === UNSURE || transactionId === UNSURE || payoutAmount === UNSURE ||
    serviceFee === UNSURE || netAmount === UNSURE || payoutStatus === UNSURE || requestDate === UNSURE ||
    createdAt === UNSURE || isSplitLink === UNSURE || isDispute === UNSURE || isRefund === UNSURE ||
    transactionType === UNSURE
  ) {
    return UNSURE
  }
  // Same field order as the schema's transform.
  return {
    payoutId, userId, transactionId, payoutAmount, serviceFee, netAmount, payoutStatus, requestDate, createdAt,
    isSplitLink, isDispute, isRefund, transactionType
  }
}

/** Reads one payout row through the schema only (the reference for `readPayOutRowFast`). */
export function parsePayOutRowWithSchema(raw: unknown): WireResult<PayOutTransaction> {
  const r = payOutRowSchema.safeParse(raw)
  return r.success ? { ok: true, value: r.data } : failure(r.error, 0, 'row')
}

/** Reads the envelope through the schema only (the reference for the envelope's fast path). */
export function parseEnvelopeWithSchema(body: Record<string, unknown>): WireResult<Envelope> {
  const r = envelopeSchema.safeParse(body)
  if (!r.success) return failure(r.error, null, 'envelope')
  return { ok: true, value: envelopeOf(r.data.ResponseCode, r.data.Result, r.data.ResponseMsg, r.data.ServerTime) }
}

/** Reads one pay-in row through the schema only (the reference the fast path is tested against). */
export function parsePayInRowWithSchema(raw: unknown): WireResult<PayInTransaction> {
  const r = payInRowSchema.safeParse(raw)
  return r.success ? { ok: true, value: r.data } : failure(r.error, 0, 'row')
}

function failure(error: z.ZodError, rowIndex: number | null, where: string): WireResult<never> {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null
  const what = issue?.message ?? 'invalid'
  const at = rowIndex === null ? where : `row ${rowIndex}`
  return {
    ok: false,
    detail: field ? `${at}, field ${field}: ${what}` : `${at}: ${what}`,
    rowIndex,
    field
  }
}

/**
 * `data` missing or null → no rows (docs/secpaid-api.md#reading-a-reply); anything but an array is
 * a wrong shape.
 */
function parseRows<T>(body: Record<string, unknown>, schema: z.ZodType<T>, fast?: (raw: unknown) => T | typeof UNSURE): WireResult<T[]> {
  const data = body['data']
  if (data === undefined || data === null) return { ok: true, value: [] }
  if (!Array.isArray(data)) {
    return { ok: false, detail: '`data` is not an array', rowIndex: null, field: 'data' }
  }
  const rows = new Array<T>(data.length)
  for (let i = 0; i < data.length; i++) {
    const quick = fast === undefined ? UNSURE : fast(data[i])
    if (quick !== UNSURE) {
      rows[i] = quick
      continue
    }
    const r = schema.safeParse(data[i])
    if (!r.success) return failure(r.error, i, 'row')
    rows[i] = r.data
  }
  return { ok: true, value: rows }
}

/**
 * `totalRecords`: integer or numeric string; absent in the new reference
 * (docs/secpaid-api.md#totalrecords) → null.
 */
function parseCount(v: unknown): WireResult<number | null> {
  if (v === undefined || v === null || v === '') return { ok: true, value: null }
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return { ok: true, value: n }
  return { ok: false, detail: '`totalRecords` is not a count', rowIndex: null, field: 'totalRecords' }
}

export interface PayInPage {
  rows: PayInTransaction[]
  totalRecords: number | null
  expectedPayout: Cents | null
}

export function parsePayInPage(body: Record<string, unknown>): WireResult<PayInPage> {
  const seen = noRepeatedValues()
  const rows = parseRows(body, payInRowSchema, (raw) => readPayInRowFast(raw, seen))
  if (!rows.ok) return rows
  const total = parseCount(body['totalRecords'])
  if (!total.ok) return total
  const quick = fastOptionalAmount(body['expected_payout'])
  if (quick !== UNSURE) return { ok: true, value: { rows: rows.value, totalRecords: total.value, expectedPayout: quick } }
  const payout = optionalAmount.safeParse(body['expected_payout'])
  if (!payout.success) {
    return { ok: false, detail: '`expected_payout` is not an amount', rowIndex: null, field: 'expected_payout' }
  }
  return { ok: true, value: { rows: rows.value, totalRecords: total.value, expectedPayout: payout.data } }
}

export interface PayOutPage {
  rows: PayOutTransaction[]
  totalRecords: number | null
}

export function parsePayOutPage(body: Record<string, unknown>): WireResult<PayOutPage> {
  const rows = parseRows(body, payOutRowSchema, readPayOutRowFast)
  if (!rows.ok) return rows
  const total = parseCount(body['totalRecords'])
  if (!total.ok) return total
  return { ok: true, value: { rows: rows.value, totalRecords: total.value } }
}
