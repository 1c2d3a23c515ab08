/**
 * Simulator persistence across restarts (Demo environment): seed data anchored to a fixed instant
 * independent of the live clock, and snapshot/restore of every change made after seeding.
 */
import { afterAll, describe, expect, it } from 'vitest'
import {
  createSimulatorControlClient,
  REFUND_MESSAGES,
  SimulatorSnapshotError,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type SimulatorSnapshot
} from '../../src/main/simulator'

const ANCHOR = new Date('2026-05-20T16:56:08Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const ROWS = 2000

type Json = Record<string, unknown>
type Row = Record<string, string | null>

const running: RunningSimulator[] = []
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()))
})

async function start(opts: SimulatorOptions): Promise<RunningSimulator> {
  const sim = await startSimulator({ rows: ROWS, rateLimitPerMinute: null, ...opts })
  running.push(sim)
  return sim
}

async function post(sim: RunningSimulator, path: string, params: Record<string, string>): Promise<Json> {
  const res = await fetch(sim.baseUrl + path, {
    method: 'POST',
    headers: { token: sim.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString()
  })
  return (await res.json()) as Json
}
const payIns = async (sim: RunningSimulator, params: Record<string, string>): Promise<Json> => post(sim, 'getPayInTransactions', params)
const rowsOf = (j: Json): Row[] => j['data'] as Row[]
const refund = (sim: RunningSimulator, payId: string, amount: string): Promise<Json> =>
  post(sim, 'refundPayment', { pay_id: payId, refund_amount: amount })

describe('anchor', () => {
  it('same seed + anchor under different clocks → identical seed rows', async () => {
    const a = await start({ anchor: ANCHOR, now: () => new Date(ANCHOR.getTime() + 5 * 60_000) })
    const b = await start({ anchor: ANCHOR, now: () => new Date(ANCHOR.getTime() + 40 * DAY) })
    const c = await start({ anchor: ANCHOR, now: () => new Date('2027-01-10T09:00:00Z') }) // CET
    const pageA = await payIns(a, { limit: '1000' })
    const pageB = await payIns(b, { limit: '1000' })
    const pageC = await payIns(c, { limit: '1000' })
    expect(rowsOf(pageA)).toHaveLength(1000)
    expect(pageB).toEqual(pageA)
    expect(rowsOf(pageC)).toEqual(rowsOf(pageA))
    expect(pageC['totalRecords']).toBe(pageA['totalRecords'])
    expect(pageC['ServerTime']).toBe('CET')
    expect(a.admin.refundRequests()).toEqual(c.admin.refundRequests())
  })

  it('without anchor the seed is relative to the clock at start, as before', async () => {
    const unanchored = await start({ now: () => ANCHOR })
    const anchored = await start({ anchor: ANCHOR, now: () => new Date(ANCHOR.getTime() + 3 * DAY) })
    const other = await start({ now: () => new Date(ANCHOR.getTime() + 3 * DAY) })
    expect(rowsOf(await payIns(anchored, { limit: '200' }))).toEqual(rowsOf(await payIns(unanchored, { limit: '200' })))
    expect(rowsOf(await payIns(other, { limit: '200' }))).not.toEqual(rowsOf(await payIns(unanchored, { limit: '200' })))
  })

  it('since filters, ServerTime and refund timestamps follow the live clock, not the anchor', async () => {
    let clock = ANCHOR.getTime()
    const sim = await start({ anchor: ANCHOR, now: () => new Date(clock) })
    expect(Number((await payIns(sim, { since: '2' }))['totalRecords'])).toBeGreaterThan(0)
    clock += 60 * DAY
    expect((await payIns(sim, { since: '2' }))['totalRecords']).toBe(0)
    const payId = sim.admin.payments({ kind: 'refundable', limit: 1 })[0]!.payId
    expect((await refund(sim, payId, '0.50'))['Result']).toBe('True')
    expect(sim.admin.refundRequests('pending').find((r) => r.payId === payId)?.requestedAt).toBe('2026-07-19 18:56:08')
    expect(sim.admin.state().now).toBe('2026-07-19 18:56:08')
  })

  it('refuses an invalid anchor', async () => {
    await expect(startSimulator({ rows: 10, anchor: new Date('nope') })).rejects.toThrow(/anchor/)
  })
})

describe('snapshot / restore', () => {
  let clock1 = ANCHOR.getTime() + HOUR
  const seen: SimulatorSnapshot[] = []
  let sim1: RunningSimulator
  let snapshot: SimulatorSnapshot
  let approvedTxId = ''
  const addedPayIds: string[] = []
  let ids: { approved: string; denied: string; pending: string }

  it('records refund request, approval, denial and added payments; onMutation fires after each', async () => {
    sim1 = await start({ anchor: ANCHOR, now: () => new Date(clock1), onMutation: (s) => seen.push(s) })
    expect(sim1.admin.snapshot()).toEqual({ version: 1, seed: 42, rows: ROWS, anchor: ANCHOR.toISOString(), mutations: [] })
    const [a, b, c] = sim1.admin.payments({ kind: 'refundable', limit: 3 })
    if (!a || !b || !c) throw new Error('not enough refundable payments')
    ids = { approved: a.payId, denied: b.payId, pending: c.payId }
    expect((await refund(sim1, a.payId, a.amount))['Result']).toBe('True')
    clock1 += 90_000
    approvedTxId = sim1.admin.approveRefund(a.payId).transaction_id
    expect((await refund(sim1, b.payId, '1.00'))['Result']).toBe('True')
    clock1 += 1_500
    sim1.admin.denyRefund(b.payId, 'Outside the refund window')
    expect((await refund(sim1, c.payId, '0.99'))['Result']).toBe('True')
    clock1 += 61_000
    addedPayIds.push(sim1.admin.addPayment({ amount: '12.34', recipient_note: 'Restart test' }).pay_id)
    addedPayIds.push(sim1.admin.addPayment().pay_id)
    // A rejected request is no change.
    expect((await refund(sim1, c.payId, '0.99'))['ResponseMsg']).toBe(REFUND_MESSAGES.duplicate)

    snapshot = JSON.parse(JSON.stringify(sim1.admin.snapshot())) as SimulatorSnapshot
    expect(await createSimulatorControlClient(sim1.controlUrl).snapshot()).toEqual(snapshot)
    expect(snapshot.mutations.map((m) => m.type)).toEqual([
      'refund-requested', 'refund-approved', 'refund-requested', 'refund-denied', 'refund-requested', 'payment-added', 'payment-added'
    ])
    expect(seen).toHaveLength(7)
    expect(seen[0]!.mutations).toHaveLength(1)
    expect(seen.at(-1)).toEqual(snapshot)
    expect(snapshot.mutations[1]).toMatchObject({ type: 'refund-approved', payId: ids.approved, transactionId: approvedTxId })
  })

  it('a restored simulator answers identically, with the same ids, under a later clock', async () => {
    let clock2 = clock1 + 2 * DAY
    const restored: SimulatorSnapshot[] = []
    const sim2 = await start({ anchor: ANCHOR, now: () => new Date(clock2), restore: snapshot, onMutation: (s) => restored.push(s) })
    expect(restored).toHaveLength(0) // replay is not a new change
    for (const payId of [ids.approved, ids.denied, ids.pending, ...addedPayIds]) {
      expect(rowsOf(await payIns(sim2, { pay_id: payId })), payId).toEqual(rowsOf(await payIns(sim1, { pay_id: payId })))
    }
    expect(rowsOf(await payIns(sim2, { limit: '100' }))).toEqual(rowsOf(await payIns(sim1, { limit: '100' })))
    expect(sim2.admin.refundRequests()).toEqual(sim1.admin.refundRequests())
    expect(sim2.admin.refundRequests('pending')).toEqual(sim1.admin.refundRequests('pending'))
    expect(sim2.admin.payment(ids.approved)).toEqual(sim1.admin.payment(ids.approved))
    expect(sim2.admin.state()).toMatchObject({ ...sim1.admin.state(), now: expect.any(String) })

    const entry = rowsOf(await payIns(sim2, { pay_id: ids.approved })).find((r) => r['transaction_type'] === 'Refund')
    expect(entry?.['transaction_id']).toBe(approvedTxId)
    expect(sim2.admin.payment(addedPayIds[0]!)?.rows[0]).toMatchObject({ amount: '12.34', recipient_note: 'Restart test' })

    expect(await refund(sim2, ids.pending, '0.99')).toEqual(await refund(sim1, ids.pending, '0.99'))
    expect((await refund(sim2, ids.pending, '0.99'))['ResponseMsg']).toBe(REFUND_MESSAGES.duplicate)
    expect(sim2.admin.snapshot()).toEqual(snapshot)

    // The random stream continues in step: the next change gives the same ids on both.
    clock2 = clock1
    expect(sim2.admin.addPayment()).toEqual(sim1.admin.addPayment())
    sim1.admin.approveRefund(ids.pending)
    expect(sim2.admin.approveRefund(ids.pending)).toEqual(sim1.admin.payment(ids.pending)?.rows[0])
    expect(restored).toHaveLength(2)
    expect(restored.at(-1)).toEqual(sim1.admin.snapshot())
  })

  it('a restore without anchor uses the snapshot\'s anchor', async () => {
    const sim3 = await start({ now: () => new Date(ANCHOR.getTime() + 9 * DAY), restore: snapshot })
    expect(sim3.admin.snapshot()).toEqual(snapshot)
    expect(sim3.admin.payment(addedPayIds[1]!)?.rows).toEqual((await payIns(sim1, { pay_id: addedPayIds[1]! }))['data'])
  })

  it('refuses a snapshot that does not match the options, an unknown version or a malformed one', async () => {
    const opts = { rows: ROWS, anchor: ANCHOR, rateLimitPerMinute: null }
    await expect(startSimulator({ ...opts, seed: 7, restore: snapshot })).rejects.toThrow(/does not match.*seed 42 ≠ 7/)
    await expect(startSimulator({ ...opts, rows: 1999, restore: snapshot })).rejects.toThrow(/rows 2000 ≠ 1999/)
    await expect(startSimulator({ ...opts, anchor: new Date(ANCHOR.getTime() + 1000), restore: snapshot })).rejects.toThrow(
      SimulatorSnapshotError
    )
    await expect(startSimulator({ ...opts, anchor: new Date(ANCHOR.getTime() + 1000), restore: snapshot })).rejects.toThrow(/anchor/)
    const future = { ...snapshot, version: 2 } as unknown as SimulatorSnapshot
    await expect(startSimulator({ ...opts, restore: future })).rejects.toThrow(/Unsupported simulator snapshot version 2/)
    const malformed = { ...snapshot, mutations: [{ type: 'refund-exploded', payId: '1' }] } as unknown as SimulatorSnapshot
    await expect(startSimulator({ ...opts, restore: malformed })).rejects.toThrow(/Invalid simulator snapshot/)
    const foreign: SimulatorSnapshot = { ...snapshot, mutations: [{ type: 'refund-denied', payId: '999999', reason: 'x', at: ANCHOR.toISOString() }] }
    await expect(startSimulator({ ...opts, restore: foreign })).rejects.toThrow(/mutation #1 .*no pending request/)
    const twice: SimulatorSnapshot = { ...snapshot, mutations: [...snapshot.mutations, snapshot.mutations[1]!] }
    await expect(startSimulator({ ...opts, restore: twice })).rejects.toThrow(/mutation #8/)
  })
})
