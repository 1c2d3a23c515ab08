/**
 * One simulator server, several merchants told apart only by their API key (as on SecPaid): each
 * key sees its own pay-ins and payouts, may refund only its own payments, and the request log says
 * whose key a request carried. The accounts tests build on this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REFUND_MESSAGES, startSimulator, type RunningSimulator } from '../../src/main/simulator'

const NOW = new Date('2026-05-20T16:56:08Z')
type Row = Record<string, string>

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ rows: 400, now: () => NOW, rateLimitPerMinute: null, merchants: [{ seed: 7, rows: 150 }] })
})
afterAll(() => sim.close())

async function call(key: string, endpoint: string, params: Record<string, string>): Promise<{ ResponseCode: number; ResponseMsg: string; data?: Row[] }> {
  const res = await fetch(sim.baseUrl + endpoint, { method: 'POST', headers: { token: key }, body: new URLSearchParams(params) })
  return (await res.json()) as { ResponseCode: number; ResponseMsg: string; data?: Row[] }
}

async function allPayIds(key: string): Promise<Set<string>> {
  const ids = new Set<string>()
  for (let page = 1; ; page++) {
    const body = await call(key, 'getPayInTransactions', { page: String(page), limit: '100' })
    const rows = body.data ?? []
    for (const row of rows) ids.add(String(row['pay_id']))
    if (rows.length < 100) return ids
  }
}

describe('several merchants on one server', () => {
  it('gives every merchant its own key and its own pay-ins', async () => {
    const second = sim.merchants[0]?.apiKey
    expect(second).toBeDefined()
    expect(second).not.toBe(sim.apiKey)
    const first = await allPayIds(sim.apiKey)
    const other = await allPayIds(second!)
    expect(first.size).toBeGreaterThan(50)
    expect(other.size).toBeGreaterThan(20)
    for (const id of other) expect(first.has(id)).toBe(false)
  })

  it("refuses a refund of another merchant's payment and logs whose key was sent", async () => {
    const mine = sim.admin.payments({ kind: 'refundable', limit: 1 })[0]!
    sim.admin.clearRequestLog()
    const foreign = await call(sim.merchants[0]!.apiKey, 'refundPayment', { pay_id: mine.payId, refund_amount: '1.00' })
    expect(foreign.ResponseCode).toBe(0)
    expect(foreign.ResponseMsg).not.toBe(REFUND_MESSAGES.success)
    const own = await call(sim.apiKey, 'refundPayment', { pay_id: mine.payId, refund_amount: '1.00' })
    expect(own.ResponseCode).toBe(1)
    const log = sim.admin.requestLog({ path: 'refundPayment' })
    expect(log.map((e) => e.merchant)).toEqual([1, 0])
  })

  it('answers an unknown key as a wrong key and logs no merchant', async () => {
    sim.admin.clearRequestLog()
    const body = await call('sim_not-a-merchant', 'getPayInTransactions', { page: '1', limit: '1' })
    expect(body.ResponseCode).toBe(0)
    expect(sim.admin.requestLog({}).map((e) => e.merchant)).toEqual([null])
  })
})
