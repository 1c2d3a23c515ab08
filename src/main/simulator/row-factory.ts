/**
 * Builds stored pay-in rows in the wire shape (docs/secpaid-api.md#getpayintransactions): every
 * amount a 2-decimal string, booleans as "true"/"false" strings, ids as strings, created_at as
 * Berlin wall-clock.
 */
import type { Cents } from '@shared/domain'
import { formatApiAmount } from '@shared/money'
import { toBerlinWall } from './berlin-clock'
import type { StoredRow, WireBool } from './types'

/** Fixed account ids (UUID strings, docs/secpaid-api.md#data-types). One merchant account per simulator. */
export const SIM_USER_ID = 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe'
export const SIM_CREATOR_ID = '8654bacd-3d54-4010-869f-3fd9f4436b21'

export interface RowInput {
  payId: string
  createdAtMs: number
  amountCents: Cents
  serviceFeeCents: Cents
  pspFeeCents: Cents
  status: string
  note: string
  payoutStatus: string
  isSplit: boolean
  isDispute: boolean
  isRefund: boolean
  paymentMethod: string | null
  type: string
  /** The 10 alphanumerics after `YYYYMMDD-pi-` (docs/secpaid-api.md#data-types). */
  idSuffix: string
  /** toBerlinWall(createdAtMs) when the caller already has it. */
  createdAt?: string
}

/** One shared "YYYYMMDD-pi-" string per day (memory: 500k rows). */
let idPrefix = { day: '', prefix: '' }
function transactionIdPrefix(createdAt: string): string {
  const day = createdAt.slice(0, 10)
  if (day !== idPrefix.day) idPrefix = { day, prefix: `${day.slice(0, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-pi-` }
  return idPrefix.prefix
}

const wb = (b: boolean): WireBool => (b ? 'true' : 'false')

/**
 * formatApiAmount memoised for small amounts: fees and common prices repeat across hundreds of
 * thousands of rows, and sharing the strings keeps seed time and memory down.
 */
const amountStrings = new Map<Cents, string>()
export function amountString(cents: Cents): string {
  if (cents < -100_000 || cents > 100_000) return formatApiAmount(cents)
  let s = amountStrings.get(cents)
  if (s === undefined) {
    s = formatApiAmount(cents)
    amountStrings.set(cents, s)
  }
  return s
}

/**
 * Lowercased recipient_note, amount, transaction_id, payment_method for `search`
 * (docs/secpaid-api.md#getpayintransactions); built on first search.
 */
export function searchTextOf(row: StoredRow): string {
  if (row.searchText === undefined) {
    const w = row.wire
    row.searchText = `${w.recipient_note}\u0000${w.amount}\u0000${w.transaction_id}\u0000${w.payment_method ?? ''}`.toLowerCase()
  }
  return row.searchText
}

export function buildRow(input: RowInput, seq: number): StoredRow {
  const createdAt = input.createdAt ?? toBerlinWall(input.createdAtMs)
  const netCents = input.amountCents - input.serviceFeeCents - input.pspFeeCents
  const transactionId = transactionIdPrefix(createdAt) + input.idSuffix
  return {
    wire: {
      pay_id: input.payId,
      creator_id: SIM_CREATOR_ID,
      user_id: SIM_USER_ID,
      transaction_id: transactionId,
      amount: amountString(input.amountCents),
      net_amount: amountString(netCents),
      service_fee: amountString(input.serviceFeeCents),
      service_fee_psp: amountString(input.pspFeeCents),
      status: input.status,
      recipient_note: input.note,
      payout_status: input.payoutStatus,
      created_at: createdAt,
      is_split_link: wb(input.isSplit),
      is_dispute: wb(input.isDispute),
      is_refund: wb(input.isRefund),
      payment_method: input.paymentMethod,
      transaction_type: input.type
    },
    createdAtMs: input.createdAtMs,
    seq,
    amountCents: input.amountCents,
    netCents,
    feeCents: input.serviceFeeCents + input.pspFeeCents,
    searchText: undefined
  }
}

/**
 * A negative entry sharing the original's pay_id (our choices:
 * docs/secpaid-api.md#which-rows-carry-is_refund-and-the-sign-of-refund-entries): own
 * transaction_id, payment_method "N/A" (the dashboard shows N/A for refunds), fees "0.00",
 * net_amount = amount (negative), status "Success".
 */
export function buildEntryRow(
  original: StoredRow,
  type: 'Refund' | 'Dispute' | 'Dispute Refund',
  amountCents: Cents,
  createdAtMs: number,
  payoutStatus: string,
  idSuffix: string,
  seq: number
): StoredRow {
  return buildRow(
    {
      payId: original.wire.pay_id,
      createdAtMs,
      amountCents,
      serviceFeeCents: 0,
      pspFeeCents: 0,
      status: 'Success',
      note: original.wire.recipient_note,
      payoutStatus,
      isSplit: original.wire.is_split_link === 'true',
      isDispute: type !== 'Refund',
      isRefund: type === 'Refund',
      paymentMethod: 'N/A',
      type,
      idSuffix
    },
    seq
  )
}

/** Payouts lag the payment day; pay-ins older than this count as paid out. */
export const PAYOUT_LAG_DAYS = 3
