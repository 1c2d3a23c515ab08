/**
 * The SecPaid v2 client (docs/secpaid-api.md#getpayintransactions,
 * docs/secpaid-api.md#refundpayment): input validation, client-side rate limiting, retries for the
 * idempotent list calls, exactly one attempt for refundPayment.
 *
 * Plain Node; everything (fetch, limiter, clock, sleep, random) is passed in.
 */
import type { Cents, PayInTransaction, PayOutTransaction } from '@shared/domain'
import { formatApiAmount } from '@shared/money'
import { DEFAULT_RETRY, computeBackoffMs, isRetryableListError, type RetryPolicy } from './backoff'
import { InvalidInputError, ProtocolError, RateLimited, type SecpaidEndpoint } from './errors'
import { createRateLimiter, type RateLimiter } from './rate-limiter'
import { classifyRefundRejection } from './refund-rejection'
import { realSleep, throwIfAborted, type Sleep } from './sleep'
import { createTransport, type BodyEncoding, type FetchLike, type RequestParams, type TransportReply } from './transport'
import { parsePayInPage, parsePayOutPage, type WireResult } from './wire-schemas'
import {
  checkDate,
  checkLimit,
  checkPage,
  checkPayId,
  checkRefundAmount,
  checkSearch,
  checkSince
} from './validate'

export interface SecpaidClientOptions {
  baseUrl: string
  apiKey: string
  fetch?: FetchLike
  /** Share one per (baseUrl, key); default: a private 60/min limiter. */
  limiter?: RateLimiter
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  sleep?: Sleep
  random?: () => number
  bodyEncoding?: BodyEncoding
  appVersion?: string
  now?: () => number
  /** Called before each list retry (for logs/progress); the error is already key-free. */
  onRetry?: (info: { endpoint: SecpaidEndpoint; retry: number; delayMs: number; error: Error }) => void
}

export interface PayInQuery {
  page?: number
  limit?: number
  /** Last N days (≥ 1); see validate.ts on why 0 is refused. */
  since?: number
  date?: string
  search?: string
  payId?: string
}

export interface PayOutQuery {
  page?: number
  limit?: number
  search?: string
  startDate?: string
  endDate?: string
}

export interface CallOptions {
  signal?: AbortSignal
}

export interface PayInResult {
  rows: PayInTransaction[]
  /** Informational only (docs/secpaid-api.md#totalrecords); pagination never trusts it. */
  totalRecords: number | null
  expectedPayout: Cents | null
  message: string
}

export interface PayOutResult {
  rows: PayOutTransaction[]
  totalRecords: number | null
}

export interface RefundInput {
  payId: string
  amount: Cents
  isFullRefund: boolean
  /** Not sent; lets "Invalid refund amount" be reported as `amount_exceeds` when it applies. */
  originalAmount?: Cents
}

export interface SecpaidClient {
  readonly baseUrl: string
  getPayInTransactions(query?: PayInQuery, options?: CallOptions): Promise<PayInResult>
  getPayOutTransactions(query?: PayOutQuery, options?: CallOptions): Promise<PayOutResult>
  /**
   * Exactly one HTTP attempt, never retried
   * (docs/architecture.md#a-refund-is-never-sent-twice-by-accident). On NetworkError with
   * `mayHaveReachedServer` (or ServerError/ProtocolError) the outcome is unknown — see
   * `refundOutcomeUnknown`.
   */
  refundPayment(input: RefundInput, options?: CallOptions): Promise<{ message: string }>
}

function unwrap<T>(result: WireResult<T>, reply: TransportReply): T {
  if (result.ok) return result.value
  throw new ProtocolError(result.detail, reply.status, reply.excerpt, result.rowIndex, result.field)
}

export function createSecpaidClient(options: SecpaidClientOptions): SecpaidClient {
  const transport = createTransport(options)
  const limiter = options.limiter ?? createRateLimiter()
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new RangeError('retry.attempts must be ≥ 1')
  const sleep = options.sleep ?? realSleep
  const random = options.random ?? Math.random

  /** Idempotent list call: limiter before every attempt, backoff with full jitter between. */
  async function listCall<T>(
    endpoint: SecpaidEndpoint,
    params: RequestParams,
    parse: (reply: TransportReply) => T,
    signal: AbortSignal | undefined
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal)
      await limiter.acquire(signal)
      try {
        const reply = await transport.post(endpoint, params, { signal })
        return parse(reply)
      } catch (err) {
        if (!isRetryableListError(err) || attempt >= policy.attempts) throw err
        const retryAfterMs = err instanceof RateLimited ? err.retryAfterMs : null
        const delayMs = computeBackoffMs(attempt, policy, random, retryAfterMs)
        if (delayMs === null) throw err
        // A 429 concerns everyone sharing this key: hold the shared limiter, not just this loop.
        if (err instanceof RateLimited) limiter.pauseFor(delayMs)
        options.onRetry?.({ endpoint, retry: attempt, delayMs, error: err as Error })
        await sleep(delayMs, signal)
      }
    }
  }

  return {
    baseUrl: transport.baseUrl,

    async getPayInTransactions(query = {}, { signal } = {}) {
      const params: RequestParams = {
        page: checkPage(query.page),
        limit: checkLimit(query.limit),
        since: checkSince(query.since),
        date: checkDate('date', query.date),
        search: checkSearch(query.search),
        pay_id: checkPayId(query.payId)
      }
      return listCall(
        'getPayInTransactions',
        params,
        (reply) => ({ ...unwrap(parsePayInPage(reply.body), reply), message: reply.envelope.message }),
        signal
      )
    },

    async getPayOutTransactions(query = {}, { signal } = {}) {
      const startDate = checkDate('startDate', query.startDate)
      const endDate = checkDate('endDate', query.endDate)
      if (startDate !== undefined && endDate !== undefined && startDate > endDate) {
        throw new InvalidInputError('endDate', 'is before startDate')
      }
      const params: RequestParams = {
        page: checkPage(query.page),
        limit: checkLimit(query.limit),
        search: checkSearch(query.search),
        start_date: startDate,
        end_date: endDate
      }
      return listCall('getPayOutTransactions', params, (reply) => unwrap(parsePayOutPage(reply.body), reply), signal)
    },

    async refundPayment(input, { signal } = {}) {
      const payId = checkPayId(input.payId)
      const amount = checkRefundAmount(input.amount)
      if (payId === undefined) throw new InvalidInputError('payId', 'is required')
      if (typeof input.isFullRefund !== 'boolean') throw new InvalidInputError('isFullRefund', 'must be a boolean')
      const params: RequestParams = {
        pay_id: payId,
        // docs/secpaid-api.md#refundpayment: required even for a full refund, plain decimal with '.'.
        refund_amount: formatApiAmount(amount),
        // "true" only for a full refund; for a partial one the flag is omitted
        // (documented default "false"; the how-to example omits it).
        // docs/secpaid-api.md#split-links-and-isfullrefund.
        isFullRefund: input.isFullRefund ? (options.bodyEncoding === 'json' ? true : 'true') : undefined
      }
      const context = { amountSent: amount, originalAmount: input.originalAmount }
      await limiter.acquire(signal)
      try {
        const reply = await transport.post('refundPayment', params, {
          signal,
          classifyRejection: (message) => classifyRefundRejection(message, context)
        })
        return { message: reply.envelope.message }
      } catch (err) {
        // Not retried, but other callers sharing the key should still back off.
        if (err instanceof RateLimited && err.retryAfterMs !== null) limiter.pauseFor(err.retryAfterMs)
        throw err
      }
    }
  }
}
