// The SecPaid client against the real simulator on loopback: every endpoint, pagination,
// every refund rule.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatApiAmount, parseApiAmount } from '../../src/shared/money'
import {
  createSimulatorControlClient,
  startSimulator,
  type PaymentKind,
  type RunningSimulator,
  type SimulatorControlClient
} from '../../src/main/simulator'
import { ApiRejection, fetchAllPayIns, payInRowKey, type SecpaidClient } from '../../src/main/services/secpaid'
import { SIM_KEY, caught, makeClient } from './client-helpers'

let sim: RunningSimulator
let control: SimulatorControlClient
let client: SecpaidClient

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7, rows: 2500, apiKey: SIM_KEY, rateLimitPerMinute: null })
  control = createSimulatorControlClient(sim.controlUrl)
  client = makeClient(sim.baseUrl).client
})
afterAll(async () => {
  await sim.close()
})
beforeEach(async () => {
  await control.reset()
  await control.clearRequestLog()
})

describe('getPayInTransactions', () => {
  it('returns parsed rows, totals and the message', async () => {
    const page = await client.getPayInTransactions({ page: 1, limit: 50 })
    expect(page.rows).toHaveLength(50)
    expect(page.message).toMatch(/List retri/)
    expect(page.totalRecords).toBeGreaterThanOrEqual(2500)
    expect(page.expectedPayout).not.toBeNull()
    for (const row of page.rows) {
      expect(row.payId).toMatch(/^\d+$/)
      expect(Number.isSafeInteger(row.amount)).toBe(true)
      expect(row.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    }
    const [log] = await control.requestLog({ path: 'getPayInTransactions' })
    expect(log).toMatchObject({ method: 'POST', encoding: 'form', params: { page: '1', limit: '50' }, token: '[REDACTED]' })
  })

  it('filters by pay_id and matches the simulator amount exactly', async () => {
    const [payment] = await control.payments({ kind: 'refundable', limit: 1 })
    if (!payment) throw new Error('no refundable payment seeded')
    const page = await client.getPayInTransactions({ payId: payment.payId })
    expect(page.rows.length).toBeGreaterThanOrEqual(1)
    expect(page.rows.every((r) => r.payId === payment.payId)).toBe(true)
    expect(page.rows[0]?.amount).toBe(parseApiAmount(payment.amount))
  })

  it('passes since, date and search', async () => {
    const recent = await client.getPayInTransactions({ since: 3, limit: 1000 })
    const all = await client.getPayInTransactions({ limit: 1000 })
    expect(recent.rows.length).toBeLessThan(all.rows.length)
    const day = all.rows[0]?.createdAt.slice(0, 10) ?? ''
    const oneDay = await client.getPayInTransactions({ date: day, limit: 1000 })
    expect(oneDay.rows.length).toBeGreaterThan(0)
    expect(oneDay.rows.every((r) => r.createdAt.startsWith(day))).toBe(true)
    const txId = all.rows[0]?.transactionId ?? ''
    const found = await client.getPayInTransactions({ search: txId })
    expect(found.rows.map((r) => r.transactionId)).toContain(txId)
  })
})

describe('fetchAllPayIns', () => {
  it('reads every page at limit 1000 until a short page, without duplicates', async () => {
    const progress: Array<{ pages: number; rows: number }> = []
    const state = await control.state()
    const result = await fetchAllPayIns(client, {}, { onProgress: (p) => progress.push(p) })
    expect(state.rows).toBeGreaterThanOrEqual(2500)
    expect(result.pages).toBe(Math.floor(state.rows / 1000) + 1)
    expect(result.rows).toHaveLength(state.rows)
    expect(result.duplicatesDropped).toBe(0)
    expect(new Set(result.rows.map(payInRowKey)).size).toBe(state.rows)
    expect(progress.map((p) => p.pages)).toEqual([1, 2, 3])
    expect(progress.at(-1)?.rows).toBe(state.rows)
    const log = await control.requestLog({ path: 'getPayInTransactions' })
    expect(log.map((e) => e.params['page'])).toEqual(['1', '2', '3'])
    expect(log.every((e) => e.params['limit'] === '1000')).toBe(true)
  })

  it('stops with a typed error at maxPages', async () => {
    const err = await caught(fetchAllPayIns(client, {}, { maxPages: 2 }))
    expect(err).toMatchObject({ kind: 'pagination_limit', maxPages: 2, rowsSoFar: 2000 })
  })
})

describe('getPayOutTransactions', () => {
  it('returns parsed payouts with number fees', async () => {
    const page = await client.getPayOutTransactions({ limit: 20 })
    expect(page.rows.length).toBeGreaterThan(0)
    for (const row of page.rows) {
      expect(row.payoutId).toMatch(/\S/)
      expect(Number.isSafeInteger(row.payoutAmount)).toBe(true)
      expect(row.serviceFee === null || Number.isSafeInteger(row.serviceFee)).toBe(true)
    }
    const first = page.rows[0]
    if (!first?.requestDate) throw new Error('no request_date')
    const ranged = await client.getPayOutTransactions({ startDate: first.requestDate, endDate: first.requestDate, limit: 100 })
    expect(ranged.rows.every((r) => r.requestDate === first.requestDate)).toBe(true)
    const [log] = (await control.requestLog({ path: 'getPayOutTransactions' })).slice(-1)
    expect(log?.params).toMatchObject({ start_date: first.requestDate, end_date: first.requestDate })
  })
})

describe('refundPayment', () => {
  async function onePayment(kind: PaymentKind, index = 0) {
    const list = await control.payments({ kind, limit: index + 1 })
    const p = list[index]
    if (!p) throw new Error(`no ${String(kind)} payment seeded`)
    return p
  }

  it('submits a partial refund (no isFullRefund) and SecPaid records it as pending', async () => {
    const p = await onePayment('refundable', 0)
    const cents = parseApiAmount(p.amount)
    const res = await client.refundPayment({ payId: p.payId, amount: cents - 1, isFullRefund: false })
    expect(res.message).toMatch(/success/i)
    const [entry] = await control.requestLog({ path: 'refundPayment', payId: p.payId })
    // docs/secpaid-api.md#refundpayment: partial → only pay_id and refund_amount.
    expect(entry?.params).toEqual({ pay_id: p.payId, refund_amount: formatApiAmount(cents - 1) })
    const pending = await control.refundRequests('pending')
    expect(pending.find((r) => r.payId === p.payId)).toMatchObject({ isFullRefund: false })
  })

  it('submits a full refund with isFullRefund=true and the exact amount', async () => {
    const p = await onePayment('refundable', 1)
    await client.refundPayment({ payId: p.payId, amount: parseApiAmount(p.amount), isFullRefund: true })
    const [entry] = await control.requestLog({ path: 'refundPayment', payId: p.payId })
    expect(entry?.params).toEqual({ pay_id: p.payId, refund_amount: p.amount, isFullRefund: 'true' })
    const pending = await control.refundRequests('pending')
    expect(pending.find((r) => r.payId === p.payId)).toMatchObject({ isFullRefund: true, amount: p.amount })
  })

  it('works with a JSON body too', async () => {
    const p = await onePayment('refundable', 2)
    const { client: jsonClient } = makeClient(sim.baseUrl, { bodyEncoding: 'json' })
    await jsonClient.refundPayment({ payId: p.payId, amount: parseApiAmount(p.amount), isFullRefund: true })
    const [entry] = await control.requestLog({ path: 'refundPayment', payId: p.payId })
    expect(entry).toMatchObject({ encoding: 'json', params: { pay_id: p.payId, refund_amount: p.amount, isFullRefund: true } })
  })

  it('maps every simulator refusal to its code', async () => {
    const cases: Array<[PaymentKind, string]> = [
      ['cancelled', 'link_cancelled'],
      ['invoice', 'invoice'],
      ['dispute-open', 'dispute'],
      ['dispute-won', 'dispute'],
      ['refund-pending', 'duplicate_pending']
    ]
    for (const [kind, code] of cases) {
      const p = await onePayment(kind)
      const err = await caught(client.refundPayment({ payId: p.payId, amount: 1, isFullRefund: false }))
      expect(err, kind).toBeInstanceOf(ApiRejection)
      expect(err, kind).toMatchObject({ code, endpoint: 'refundPayment', httpStatus: 200 })
    }
    const missing = await caught(client.refundPayment({ payId: '999999999', amount: 100, isFullRefund: false }))
    expect(missing).toMatchObject({ code: 'not_found', rawMessage: 'Link not found' })
  })

  it('reports "Invalid refund amount" as amount_exceeds when the caller says the original amount', async () => {
    const p = await onePayment('refundable', 3)
    const original = parseApiAmount(p.amount)
    const plain = await caught(client.refundPayment({ payId: p.payId, amount: original + 1, isFullRefund: false }))
    expect(plain).toMatchObject({ code: 'invalid_amount', rawMessage: 'Invalid refund amount' })
    const withContext = await caught(
      client.refundPayment({ payId: p.payId, amount: original + 1, isFullRefund: false, originalAmount: original })
    )
    expect(withContext).toMatchObject({ code: 'amount_exceeds', rawMessage: 'Invalid refund amount' })
  })

  it('a second request for the same payment is a duplicate', async () => {
    const p = await onePayment('refundable', 4)
    await client.refundPayment({ payId: p.payId, amount: 100, isFullRefund: false })
    const err = await caught(client.refundPayment({ payId: p.payId, amount: 100, isFullRefund: false }))
    expect(err).toMatchObject({ code: 'duplicate_pending' })
  })

  // docs/secpaid-api.md#business-errors-and-http-status
  it('rejections keep their code when the server uses a 4xx status', async () => {
    await control.setFaults({ errorHttpStatus: 422 })
    const p = await onePayment('cancelled')
    const err = await caught(client.refundPayment({ payId: p.payId, amount: 1, isFullRefund: false }))
    expect(err).toMatchObject({ kind: 'rejection', code: 'link_cancelled', httpStatus: 422 })
  })
})
