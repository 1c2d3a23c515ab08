/**
 * refundPayment against the simulator: every validation rule with its message (refunds page +
 * docs/secpaid-api.md#rejections), the pending/approve/deny lifecycle, and the request log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulatorControlClient, REFUND_MESSAGES, SimulatorAdminError, startSimulator, type RunningSimulator } from '../../src/main/simulator'

const NOW = new Date('2026-05-20T16:56:08Z')
type Json = Record<string, unknown>

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ rows: 5000, now: () => NOW, rateLimitPerMinute: null })
})
afterAll(() => sim.close())

async function refund(params: Record<string, string>, json = false): Promise<{ status: number; body: Json }> {
  const res = await fetch(sim.baseUrl + 'refundPayment', {
    method: 'POST',
    headers: { token: sim.apiKey, 'Content-Type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(params) : new URLSearchParams(params).toString()
  })
  return { status: res.status, body: (await res.json()) as Json }
}
const failWith = (message: string) => ({ ResponseCode: 0, ResponseMsg: message, Result: 'False', ServerTime: 'CEST' })
const OK = { ResponseCode: 1, ResponseMsg: REFUND_MESSAGES.success, Result: 'True', ServerTime: 'CEST' }

function pick(kind: Parameters<RunningSimulator['admin']['payments']>[0] extends infer F ? F extends { kind?: infer K } ? K : never : never, index = 0) {
  const p = sim.admin.payments({ kind, limit: index + 1 })[index]
  if (!p) throw new Error(`no seeded payment of kind ${String(kind)}`)
  return p
}

async function payInRows(payId: string): Promise<Array<Record<string, string>>> {
  const res = await fetch(sim.baseUrl + 'getPayInTransactions', { method: 'POST', headers: { token: sim.apiKey }, body: new URLSearchParams({ pay_id: payId }) })
  return ((await res.json()) as { data: Array<Record<string, string>> }).data
}

describe('refundPayment validation', () => {
  it('missing fields', async () => {
    expect((await refund({ refund_amount: '1.00' })).body).toEqual(failWith('Please enter pay_id'))
    expect((await refund({ pay_id: '', refund_amount: '1.00' })).body).toEqual(failWith('Please enter pay_id'))
    expect((await refund({ pay_id: pick('refundable').payId })).body).toEqual(failWith('Please enter refund_amount'))
  })

  it('invalid amounts', async () => {
    const { payId } = pick('refundable')
    for (const amount of ['abc', '0', '0.00', '-5.00', '1.234', '1,50', '1e2']) {
      const r = await refund({ pay_id: payId, refund_amount: amount })
      expect(r.status).toBe(200)
      expect(r.body, amount).toEqual(failWith('Invalid refund amount'))
    }
  })

  it('unknown pay_id → "Link not found"', async () => {
    expect((await refund({ pay_id: '999999999', refund_amount: '1.00' })).body).toEqual(failWith('Link not found'))
    expect((await refund({ pay_id: 'abc', refund_amount: '1.00' })).body).toEqual(failWith('Link not found'))
  })

  it('more than the original amount → "Invalid refund amount"', async () => {
    const p = pick('refundable', 1)
    const over = (Math.round(Number(p.amount) * 100) + 1) / 100
    expect((await refund({ pay_id: p.payId, refund_amount: over.toFixed(2) })).body).toEqual(failWith('Invalid refund amount'))
  })

  it('cancelled link, invoice-type link, open and won dispute are blocked; a dispute the merchant won is not', async () => {
    expect((await refund({ pay_id: pick('cancelled').payId, refund_amount: '1.00' })).body).toEqual(failWith('Link is cancelled'))
    expect((await refund({ pay_id: pick('invoice').payId, refund_amount: '1.00' })).body).toEqual(failWith('Cannot refund invoice-type links'))
    expect((await refund({ pay_id: pick('dispute-open').payId, refund_amount: '1.00' })).body).toEqual(failWith('Refund blocked by dispute'))
    expect((await refund({ pay_id: pick('dispute-won').payId, refund_amount: '1.00' })).body).toEqual(failWith('Refund blocked by dispute'))
    const lost = pick('dispute-lost')
    expect((await refund({ pay_id: lost.payId, refund_amount: '1.00' })).body).toEqual(OK)
    const invoice = pick('invoice')
    const rows = await payInRows(invoice.payId)
    expect(rows[0]).toMatchObject({ transaction_type: 'Basic' })
    expect(rows[0]!['recipient_note']).toMatch(/^(Rechnung|Invoice)/)
  })

  it('a seeded pending request and a fresh duplicate → "Refund already requested"', async () => {
    expect((await refund({ pay_id: pick('refund-pending').payId, refund_amount: '1.00' })).body).toEqual(failWith('Refund already requested'))
    const p = pick('refundable', 2)
    expect((await refund({ pay_id: p.payId, refund_amount: '1.00' })).body).toEqual(OK)
    expect((await refund({ pay_id: p.payId, refund_amount: '1.00' })).body).toEqual(failWith('Refund already requested'))
    // Even an invalid amount reads as a duplicate while one is pending (blind resend safety).
    expect((await refund({ pay_id: p.payId, refund_amount: '999999.00' })).body).toEqual(failWith('Refund already requested'))
  })
})

describe('refund lifecycle', () => {
  it('success has no data and creates a pending request; approve adds a negative entry with the same pay_id', async () => {
    const p = pick('refundable', 3)
    const r = await refund({ pay_id: p.payId, refund_amount: p.amount, isFullRefund: 'true' })
    expect(r.body).toEqual(OK)
    expect(Object.keys(r.body)).not.toContain('data')
    const pending = sim.admin.refundRequests('pending').filter((q) => q.payId === p.payId)
    expect(pending).toMatchObject([{ amount: p.amount, isFullRefund: true, status: 'pending', requestedAt: '2026-05-20 18:56:08' }])
    expect(await payInRows(p.payId)).toHaveLength(1) // nothing visible until approved

    const row = sim.admin.approveRefund(p.payId)
    expect(row).toMatchObject({
      pay_id: p.payId,
      amount: '-' + p.amount,
      net_amount: '-' + p.amount,
      service_fee: '0.00',
      service_fee_psp: '0.00',
      transaction_type: 'Refund',
      is_refund: 'true',
      payment_method: 'N/A',
      created_at: '2026-05-20 18:56:08'
    })
    const rows = await payInRows(p.payId)
    expect(rows.map((x) => x['transaction_type'])).toEqual(['Refund', p.transactionType])
    expect(rows[1]!['is_refund']).toBe('true')
    expect(rows[0]!['transaction_id']).not.toBe(rows[1]!['transaction_id'])
    // Fully refunded: nothing left.
    expect((await refund({ pay_id: p.payId, refund_amount: '0.01' })).body).toEqual(failWith('Invalid refund amount'))
    expect(sim.admin.refundRequests('approved').some((q) => q.payId === p.payId && q.refundTransactionId === row.transaction_id)).toBe(true)
  })

  it('after a partial approval only the remaining amount can be requested (JSON body, numeric amount)', async () => {
    const p = sim.admin.payments({ kind: 'refundable', limit: 50 }).find((x) => Number(x.amount) >= 10)!
    const res = await fetch(sim.baseUrl + 'refundPayment', {
      method: 'POST',
      headers: { token: sim.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ pay_id: Number(p.payId), refund_amount: 5, isFullRefund: false })
    })
    expect(await res.json()).toEqual(OK)
    sim.admin.approveRefund(p.payId)
    const remaining = (Math.round(Number(p.amount) * 100) - 500) / 100
    expect((await refund({ pay_id: p.payId, refund_amount: (remaining + 0.01).toFixed(2) })).body).toEqual(failWith('Invalid refund amount'))
    expect((await refund({ pay_id: p.payId, refund_amount: remaining.toFixed(2) })).body).toEqual(OK)
    expect(sim.admin.payment(p.payId)).toMatchObject({ refunded: '5.00', remaining: remaining.toFixed(2) })
  })

  it('a seeded partially refunded payment: its entries share the pay_id, which resolves to the original', async () => {
    const p = sim.admin.payments({ kind: 'refunded-partial', limit: 100 }).find((x) => x.requests.every((q) => q.status === 'approved'))!
    const rows = await payInRows(p.payId)
    expect(rows.some((x) => x['transaction_type'] === 'Refund')).toBe(true)
    expect((await refund({ pay_id: p.payId, refund_amount: p.amount })).body).toEqual(failWith('Invalid refund amount'))
    expect((await refund({ pay_id: p.payId, refund_amount: p.remaining })).body).toEqual(OK)
    const full = pick('refunded-full')
    expect((await refund({ pay_id: full.payId, refund_amount: '0.01' })).body).toEqual(failWith('Invalid refund amount'))
  })

  it('deny records the reason and allows a new request', async () => {
    const p = pick('refundable', 5)
    expect((await refund({ pay_id: p.payId, refund_amount: '1.00' })).body).toEqual(OK)
    const denied = sim.admin.denyRefund(p.payId, 'Goods not returned')
    expect(denied).toMatchObject({ status: 'denied', reason: 'Goods not returned', decidedAt: '2026-05-20 18:56:08' })
    expect(await payInRows(p.payId)).toHaveLength(1)
    expect((await refund({ pay_id: p.payId, refund_amount: '1.00' })).body).toEqual(OK)
    expect(() => sim.admin.approveRefund(pick('refundable', 6).payId)).toThrow(SimulatorAdminError)
  })

  it('the control client drives the same lifecycle over HTTP', async () => {
    const control = createSimulatorControlClient(sim.controlUrl)
    const p = (await control.payments({ kind: 'refundable', limit: 8 }))[7]!
    expect((await refund({ pay_id: p.payId, refund_amount: '2.00' })).body).toEqual(OK)
    const pending = await control.refundRequests('pending')
    expect(pending.some((q) => q.payId === p.payId)).toBe(true)
    const row = await control.approveRefund(p.payId)
    expect(row).toMatchObject({ pay_id: p.payId, amount: '-2.00', transaction_type: 'Refund' })
    await expect(control.approveRefund(p.payId)).rejects.toMatchObject({ status: 404 })
    await expect(control.denyRefund(p.payId, 'x')).rejects.toMatchObject({ status: 404 })
    expect((await refund({ pay_id: p.payId, refund_amount: '1.00' })).body).toEqual(OK)
    expect(await control.denyRefund(p.payId, 'Refund window expired')).toMatchObject({ status: 'denied' })
    const info = await control.payment(p.payId)
    expect(info?.requests.map((q) => q.status)).toEqual(['approved', 'denied'])
    expect(await control.payment('1')).toBeNull()
  })
})

describe('request log', () => {
  it('records every refundPayment call with params and status, never the token', async () => {
    const control = createSimulatorControlClient(sim.controlUrl)
    const p = pick('refundable', 9)
    await refund({ pay_id: p.payId, refund_amount: '1.00' })
    await refund({ pay_id: p.payId, refund_amount: '1.00', token: 'smuggled' })
    const log = await control.requestLog({ path: 'refundPayment', payId: p.payId })
    expect(log).toHaveLength(2)
    expect(log[0]).toMatchObject({ path: 'refundPayment', method: 'POST', token: '[REDACTED]', httpStatus: 200, responseCode: 1, params: { pay_id: p.payId, refund_amount: '1.00' } })
    expect(log[1]).toMatchObject({ responseCode: 0, params: { token: '[REDACTED]' } })
    expect(JSON.stringify(await control.requestLog())).not.toContain(sim.apiKey)
    expect(JSON.stringify(await control.requestLog())).not.toContain('smuggled')
  })
})
