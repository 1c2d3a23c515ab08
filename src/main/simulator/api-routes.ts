/**
 * The three SecPaid v2 endpoints the app uses, as pure functions of (state, params) → envelope.
 * HTTP concerns (auth, faults, rate limit, status codes) live in api-pipeline.ts.
 */
import { formatApiAmount } from '@shared/money'
import { isValidDay } from './berlin-clock'
import { errorEnvelope, LIST_OK, okEnvelope, type Envelope } from './envelope'
import { queryPayIns } from './pay-in-query'
import type { PayoutBook } from './payouts'
import { REFUND_MESSAGES, submitRefund } from './refund-rules'
import type { Params } from './request-body'
import type { SimulatorStore } from './store'

export interface ApiContext {
  store: SimulatorStore
  payouts: PayoutBook
  nowMs: number
  serverTime: string
}

export const MAX_LIMIT = 1000

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** Non-negative integer from "10" or 10; undefined when absent or malformed. */
function readInt(value: unknown): number | undefined {
  const text = scalar(value)
  return text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : undefined
}

/**
 * page < 1 → 1. limit absent/0 → default. docs/secpaid-api.md#limit-above-1000: limit > 1000 is
 * clamped to 1000 (not rejected) — the old docs example sent 10000, so a strict server would break
 * it.
 */
function paging(params: Params, defaultLimit: number): { page: number; limit: number } {
  const page = Math.max(1, readInt(params['page']) ?? 1)
  const limit = Math.min(MAX_LIMIT, readInt(params['limit']) || defaultLimit)
  return { page, limit }
}

function readDay(params: Params, name: string): { ok: true; value?: string } | { ok: false; error: string } {
  const value = scalar(params[name])
  if (value === undefined) return { ok: true }
  // docs/secpaid-api.md#malformed-dates: we answer ResponseCode 0 rather than silently ignoring it.
  return isValidDay(value) ? { ok: true, value } : { ok: false, error: `The ${name} must be a valid date in the format YYYY-MM-DD` }
}

export function getPayInTransactions(ctx: ApiContext, params: Params): Envelope {
  const date = readDay(params, 'date')
  if (!date.ok) return errorEnvelope(date.error, ctx.serverTime)
  const sinceText = scalar(params['since'])
  const since = readInt(params['since'])
  if (sinceText !== undefined && since === undefined) return errorEnvelope('The since must be an integer', ctx.serverTime)
  const payIdText = scalar(params['pay_id'])
  const search = scalar(params['search'])?.toLowerCase()
  const result = queryPayIns(
    ctx.store,
    {
      ...paging(params, 200),
      ...(search !== undefined && { search }),
      ...(date.value !== undefined && { date: date.value }),
      ...(since !== undefined && { sinceDays: since }),
      ...(payIdText !== undefined && { payId: payIdText })
    },
    ctx.nowMs
  )
  // docs/secpaid-api.md#totalrecords: totalRecords = total matching count (for pagination), not the
  // page size.
  return okEnvelope(ctx.serverTime, LIST_OK, {
    data: result.rows,
    totalRecords: result.total,
    expected_payout: formatApiAmount(result.expectedPayoutCents)
  })
}

export function refundPayment(ctx: ApiContext, params: Params): Envelope {
  const outcome = submitRefund(ctx.store, params, ctx.nowMs)
  // docs/secpaid-api.md#refundpayment: success carries no data and no request id.
  return outcome.ok ? okEnvelope(ctx.serverTime, REFUND_MESSAGES.success) : errorEnvelope(outcome.message, ctx.serverTime)
}

export function getPayOutTransactions(ctx: ApiContext, params: Params): Envelope {
  const start = readDay(params, 'start_date')
  if (!start.ok) return errorEnvelope(start.error, ctx.serverTime)
  const end = readDay(params, 'end_date')
  if (!end.ok) return errorEnvelope(end.error, ctx.serverTime)
  const search = scalar(params['search'])?.toLowerCase()
  const { rows } = ctx.payouts.query(
    {
      ...paging(params, 10),
      ...(search !== undefined && { search }),
      ...(start.value !== undefined && { startDate: start.value }),
      ...(end.value !== undefined && { endDate: end.value })
    },
    ctx.nowMs
  )
  // The payout example has no totalRecords; we match it.
  return okEnvelope(ctx.serverTime, LIST_OK, { data: rows })
}

export const API_ROUTES: Readonly<Record<string, (ctx: ApiContext, params: Params) => Envelope>> = {
  getPayInTransactions,
  refundPayment,
  getPayOutTransactions
}
