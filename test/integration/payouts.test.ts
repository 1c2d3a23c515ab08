/**
 * Payouts against the simulator over loopback: fetched, kept offline, and reconciled with the
 * pay-ins they bundle — under both payout policies the API leaves open (refunds netted into the
 * day's payout, or left out of it).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { previousMonth } from '../../src/shared/berlin-time'
import { createTransactionIndex } from '../../src/main/services/query'
import { createPayoutService, openPayoutStore } from '../../src/main/services/payouts'
import { fetchAllPayIns } from '../../src/main/services/secpaid'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { SIM_KEY, makeClient } from './client-helpers'

const NOW = new Date('2026-11-20T10:00:00Z')
let sim: RunningSimulator | null = null
const dirs: string[] = []

afterEach(async () => {
  await sim?.close()
  sim = null
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function setUp(refunds: 'netted' | 'debited'): Promise<{ dir: string; service: ReturnType<typeof createPayoutService>; monthRows: (m: string) => import('../../src/shared/views').TransactionView[] }> {
  sim = await startSimulator({ seed: 7, rows: 3000, apiKey: SIM_KEY, rateLimitPerMinute: null, now: () => NOW, payouts: { refunds } })
  const { client } = makeClient(sim.baseUrl)
  const index = createTransactionIndex()
  index.upsert((await fetchAllPayIns(client, {})).rows)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payouts-'))
  dirs.push(dir)
  const engine = createConfEngine()
  const service = createPayoutService({
    store: openPayoutStore({ dir, engine, now: () => NOW }),
    getClient: () => client,
    now: () => NOW
  })
  const synced = await service.sync('2025-01-01')
  expect(synced).toBeGreaterThan(100)
  return { dir, service, monthRows: (m) => index.monthRows(m).map((r) => r.view) }
}

describe('payouts', () => {
  it('refunds netted: every approved payout equals the net of the day it covers; the summary adds up', async () => {
    const { service, monthRows } = await setUp('netted')
    const month = previousMonth('2026-11')
    const rec = service.reconcile(month, monthRows(month))
    expect(rec.payouts.length).toBeGreaterThan(20)
    for (const line of rec.payouts) expect(line).toMatchObject({ cause: 'matches', difference: 0 })
    // The last day(s) of October are paid out in November: flagged, their credit lands there.
    expect(rec.payouts.at(-1)?.paidInLaterMonth).toBe(true)
    expect(rec.summary.paidLater.count).toBeGreaterThan(0)
    const sumDiffs = rec.payouts.reduce((s, l) => s + l.difference, 0)
    expect(rec.summary.difference).toBe(sumDiffs - rec.summary.uncovered.cents)
  })

  it('refunds debited separately: the payouts of days with refunds differ by exactly those refunds, and say so', async () => {
    const { service, monthRows } = await setUp('debited')
    const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']
    const lines = months.flatMap((m) => service.reconcile(m, monthRows(m)).payouts)
    const notNetted = lines.filter((l) => l.cause === 'refunds_not_netted')
    expect(notNetted.length).toBeGreaterThan(0)
    for (const l of notNetted) {
      // Recomputed here from the entries: the payout is short of exactly the day's refund and dispute entries.
      const outgoing = monthRows(l.coveredDay.slice(0, 7))
        .filter((v) => v.createdAt.startsWith(l.coveredDay) && v.status === 'Success' && v.kind !== 'payment')
        .reduce((sum, v) => sum + (v.netAmount ?? v.amount), 0)
      expect(outgoing).not.toBe(0)
      expect(l.difference).toBe(-outgoing)
    }
    // Days without refund or dispute entries still match to the cent.
    expect(lines.filter((l) => l.cause === 'matches').length).toBeGreaterThan(notNetted.length)
    expect(lines.filter((l) => l.cause === 'unexplained')).toEqual([])
  })

  it('the current month: recent days without a payout are "not yet due", and the payouts are kept offline', async () => {
    const { dir, service, monthRows } = await setUp('netted')
    const rec = service.reconcile('2026-11', monthRows('2026-11'))
    expect(rec.uncoveredDays.length).toBeGreaterThan(0)
    expect(rec.uncoveredDays.every((d) => d.cause === 'not_yet_due')).toBe(true)
    expect(rec.uncoveredDays.at(-1)?.day).toBe('2026-11-20')
    // Reopened without a client (offline): the same payouts, the same answer.
    const offline = createPayoutService({
      store: openPayoutStore({ dir, engine: createConfEngine(), now: () => NOW }),
      getClient: () => null,
      now: () => NOW
    })
    expect(offline.list()).toEqual(service.list())
    expect(offline.reconcile('2026-11', monthRows('2026-11'))).toEqual(rec)
  })

  it('an older day whose refunds and disputes exceed its pay-ins is "nothing to pay", never "missing"', async () => {
    const { service, monthRows } = await setUp('netted')
    const months = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']
    const uncovered = months.flatMap((m) => service.reconcile(m, monthRows(m)).uncoveredDays)
    // The simulator creates no payout for a day whose net is not positive; every such day says why.
    for (const d of uncovered) expect(d.cause).toBe(d.net <= 0 ? 'nothing_to_pay' : 'missing')
    expect(uncovered.filter((d) => d.cause === 'missing')).toEqual([])
    // The seeded months have such days (three, with these seeds): the rule is exercised.
    expect(uncovered.filter((d) => d.cause === 'nothing_to_pay').length).toBeGreaterThan(0)
  })

  it('an unreadable payouts file is set aside, not deleted, and the store starts empty', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payouts-'))
    dirs.push(dir)
    fs.writeFileSync(path.join(dir, 'payouts.json'), '{"schemaVersion":1,"payouts":[{')
    const store = openPayoutStore({ dir, engine: createConfEngine(), now: () => NOW })
    expect(store.all()).toEqual([])
    expect(store.notices).toEqual([expect.objectContaining({ code: 'file_set_aside', params: expect.objectContaining({ file: 'payouts' }) })])
    expect(fs.readdirSync(dir).some((f) => f.startsWith('payouts.corrupt-'))).toBe(true)
  })
})
