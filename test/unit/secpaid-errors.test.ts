import { describe, expect, it } from 'vitest'
import {
  ApiRejection,
  AuthError,
  InvalidInputError,
  NetworkError,
  ProtocolError,
  RateLimited,
  RequestAborted,
  ServerError,
  fetchAllPayIns,
  redact,
  refundOutcomeUnknown,
  toSafeJSON,
  type PayInResult
} from '../../src/main/services/secpaid'
import type { PayInTransaction } from '../../src/shared/domain'

const KEY = 'k3y/with+special&chars='

describe('redact', () => {
  it('removes raw, URL-encoded and JSON-escaped forms of the key', () => {
    const text = `a ${KEY} b ${encodeURIComponent(KEY)} c ${JSON.stringify(KEY)}`
    const out = redact(text, KEY)
    expect(out).not.toContain(KEY)
    expect(out).not.toContain(encodeURIComponent(KEY))
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(3)
    expect(redact('plain', '')).toBe('plain')
  })
})

describe('toSafeJSON', () => {
  it('serialises own primitive fields without stack or cause', () => {
    const json = toSafeJSON(new ApiRejection('refundPayment', 'dispute', 'Refund blocked by dispute', 200))
    expect(json).toEqual({
      name: 'ApiRejection',
      kind: 'rejection',
      message: 'SecPaid refused refundPayment: Refund blocked by dispute',
      endpoint: 'refundPayment',
      code: 'dispute',
      rawMessage: 'Refund blocked by dispute',
      httpStatus: 200
    })
    expect(toSafeJSON(new NetworkError(true, true, 'TIMEOUT'))).toMatchObject({ kind: 'network', timedOut: true, mayHaveReachedServer: true })
    expect(toSafeJSON(new RateLimited(3000))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 })
    expect(toSafeJSON(new ProtocolError('x', 200, 'ex', 3, 'amount'))).toMatchObject({ rowIndex: 3, field: 'amount' })
  })

  it('redacts the key from foreign errors', () => {
    expect(toSafeJSON(new Error(`boom ${KEY}`), KEY)).toEqual({ name: 'Error', kind: 'unknown', message: 'boom [REDACTED]' })
  })
})

describe('refundOutcomeUnknown', () => {
  it('is true only when the request may have been recorded', () => {
    expect(refundOutcomeUnknown(new NetworkError(false, true, 'UND_ERR_SOCKET'))).toBe(true)
    expect(refundOutcomeUnknown(new NetworkError(false, false, 'ECONNREFUSED'))).toBe(false)
    expect(refundOutcomeUnknown(new ServerError(502, ''))).toBe(true)
    expect(refundOutcomeUnknown(new ProtocolError('x', 200, ''))).toBe(true)
    expect(refundOutcomeUnknown(new RequestAborted())).toBe(true)
    expect(refundOutcomeUnknown(new AuthError('Please enter token'))).toBe(false)
    expect(refundOutcomeUnknown(new RateLimited(null))).toBe(false)
    expect(refundOutcomeUnknown(new InvalidInputError('amount', 'x'))).toBe(false)
    expect(refundOutcomeUnknown(new ApiRejection('refundPayment', 'invoice', 'x', 200))).toBe(false)
  })
})

describe('fetchAllPayIns (paging logic)', () => {
  function row(i: number, tx: string | null = `t${i}`): PayInTransaction {
    return {
      payId: String(i),
      transactionId: tx,
      creatorId: null,
      userId: null,
      amount: 100,
      netAmount: null,
      serviceFee: null,
      serviceFeePsp: null,
      status: 'Success',
      recipientNote: '',
      payoutStatus: null,
      createdAt: '2026-05-20 10:00:00',
      isSplitLink: false,
      isDispute: false,
      isRefund: false,
      paymentMethod: null,
      transactionType: 'Basic'
    }
  }
  const page = (rows: PayInTransaction[]): PayInResult => ({ rows, totalRecords: 999_999, expectedPayout: null, message: '' })

  it('stops on an empty page after full pages and drops rows repeated across pages', async () => {
    const pages = [
      [row(1), row(2)],
      [row(2), row(3)], // row 2 shifted down because a new payment arrived
      []
    ]
    const calls: Array<{ page?: number; limit?: number }> = []
    const result = await fetchAllPayIns(
      {
        getPayInTransactions: async (q = {}) => {
          calls.push({ page: q.page, limit: q.limit })
          return page(pages[(q.page ?? 1) - 1] ?? [])
        }
      },
      { since: 30 },
      { pageSize: 2 }
    )
    expect(calls).toEqual([
      { page: 1, limit: 2 },
      { page: 2, limit: 2 },
      { page: 3, limit: 2 }
    ])
    expect(result.rows.map((r) => r.payId)).toEqual(['1', '2', '3'])
    expect(result.duplicatesDropped).toBe(1)
    expect(result.totalRecords).toBe(999_999) // reported, not trusted
  })

  it('rejects page sizes above 1000', async () => {
    await expect(fetchAllPayIns({ getPayInTransactions: async () => page([]) }, {}, { pageSize: 1001 })).rejects.toBeInstanceOf(
      InvalidInputError
    )
  })
})
