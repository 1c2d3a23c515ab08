/**
 * A cold open's rows stay out of the index's lookup maps until something needs them (`addNew` on
 * an empty index, then `mapStep` or any lookup or change). Whatever happens in between — more
 * months read, ledger changes, slices of mapping, reads, lookups, sync pages — the index must
 * answer exactly as one built with `upsert` from the start: the same counts, sizes, views (refund
 * values included), base order, months, statuses and groups; and its version must move whenever
 * what a read returns moved (the query engine's caches are keyed on it).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { RefundRequest } from '../../src/shared/views'
import { createTransactionIndex, type TransactionIndex } from '../../src/main/services/query/transaction-index'
import { encodeRow } from '../../src/main/services/storage/transaction-shard-codec'
import { transactionKey } from '../../src/main/services/storage/transaction-cache'

const TYPES = ['Basic', 'Refund', 'Dispute', 'Dispute Refund', 'Something new']

const rowArb: fc.Arbitrary<PayInTransaction> = fc
  .record({
    pay: fc.integer({ min: 1, max: 10 }),
    // A small id space, and rows without an id: repeated keys within and across batches happen.
    id: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null, freq: 6 }),
    amount: fc.integer({ min: -9_000, max: 20_000 }),
    month: fc.constantFrom('2026-03', '2026-04', '2026-05'),
    day: fc.integer({ min: 10, max: 12 }),
    type: fc.constantFrom(...TYPES),
    status: fc.constantFrom('Success', 'Refunded', 'Pending')
  })
  .map((r) => ({
    payId: `P${r.pay}`,
    transactionId: r.id === null ? null : `pi_${r.id}`,
    creatorId: null,
    userId: 'u1',
    amount: r.amount,
    netAmount: r.amount - 100,
    serviceFee: 60,
    serviceFeePsp: 40,
    status: r.status,
    recipientNote: `Order ${r.pay}`,
    payoutStatus: null,
    createdAt: `${r.month}-${r.day} 09:00:00`,
    isSplitLink: false,
    isDispute: r.type.startsWith('Dispute'),
    isRefund: r.type === 'Refund',
    paymentMethod: 'card',
    transactionType: r.type
  }))

type Op =
  /** `distinct`: the batch is vouched for as the cache does (only keys new to the index, each once). */
  | { op: 'load'; rows: PayInTransaction[]; distinct: boolean }
  | { op: 'ledger'; pay: number; amount: number | null; all: boolean }
  | { op: 'read' }
  | { op: 'firstScreen' }
  | { op: 'sortStep' }
  | { op: 'mapStep' }
  | { op: 'lookup'; pay: number; id: number }
  | { op: 'upsert'; rows: PayInTransaction[] }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ rows: fc.array(rowArb, { maxLength: 12 }), distinct: fc.boolean() }).map((r): Op => ({ op: 'load', ...r })) },
  { weight: 2, arbitrary: fc.record({ pay: fc.integer({ min: 1, max: 10 }), amount: fc.option(fc.integer({ min: 1, max: 5_000 })), all: fc.boolean() }).map((r): Op => ({ op: 'ledger', ...r })) },
  { weight: 3, arbitrary: fc.constant<Op>({ op: 'read' }) },
  { weight: 2, arbitrary: fc.constant<Op>({ op: 'firstScreen' }) },
  { weight: 2, arbitrary: fc.constant<Op>({ op: 'sortStep' }) },
  { weight: 2, arbitrary: fc.constant<Op>({ op: 'mapStep' }) },
  { weight: 1, arbitrary: fc.record({ pay: fc.integer({ min: 1, max: 10 }), id: fc.integer({ min: 1, max: 40 }) }).map((r): Op => ({ op: 'lookup', ...r })) },
  { weight: 1, arbitrary: fc.array(rowArb, { maxLength: 5 }).map((rows): Op => ({ op: 'upsert', rows })) }
)

/** The rows whose keys `idx` does not hold, the first of each key only: what the cache vouches for. */
function keysNewTo(idx: TransactionIndex, rows: readonly PayInTransaction[]): PayInTransaction[] {
  const taken = new Set<string>()
  return rows.filter((r) => {
    const key = transactionKey(r)
    if (taken.has(key) || idx.get(key) !== undefined) return false
    taken.add(key)
    return true
  })
}

const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** What the reads that never need the lookup maps return (a month's rows in no promised order). */
function reads(idx: TransactionIndex): unknown {
  return {
    size: idx.size,
    order: idx.baseOrder().map((r) => r.view),
    months: idx.months().map((m) => [m, idx.monthRows(m).map((r) => r.view).sort(byKey)]),
    statuses: idx.statuses()
  }
}

/**
 * What the window's first screen reads before any base order (query-engine.ts newestFirstPage):
 * statuses, every month's facts and totals input (in no promised order), then the months' rows
 * newest first — on a cold open from its cells, making entries only up to each month's last row.
 */
function firstScreen(idx: TransactionIndex): unknown {
  const visited: string[] = []
  const facts = idx.monthFacts((kind, amount, fee, net) => visited.push(JSON.stringify([kind, amount, fee, net])))
  return {
    statuses: idx.statuses(),
    facts,
    visited: visited.sort(),
    rows: [...facts].reverse().map((f) => idx.monthRows(f.month).map((r) => r.view).sort(byKey))
  }
}

function lookups(idx: TransactionIndex): unknown {
  const payIds = [...new Set(idx.baseOrder().map((r) => r.row.payId))].sort()
  return { groups: payIds.map((p) => idx.byPayId(p)), keys: idx.baseOrder().map((r) => idx.get(r.key)) }
}

function pair(mapRowsPerStep: number): { cold: TransactionIndex; warm: TransactionIndex; ledger: Map<string, number> } {
  const ledger = new Map<string, number>()
  const openRequestsFor = (payId: string): Pick<RefundRequest, 'amount' | 'state'>[] => {
    const amount = ledger.get(payId)
    return amount === undefined ? [] : [{ amount, state: 'submitted' }]
  }
  return { cold: createTransactionIndex({ openRequestsFor, mapRowsPerStep, entryRowsPerStep: mapRowsPerStep }), warm: createTransactionIndex({ openRequestsFor }), ledger }
}

describe('cold open: rows read before the lookup maps are built', () => {
  // Read after every operation, or only at the 'read' operations: every full read makes every
  // row's entry, so only the second lets `sortStep`'s entry slices meet rows not read yet.
  it.each([{ readAfter: 'every operation' }, { readAfter: 'read operations only' }])('answers every operation, in any order, as an index built with upsert does (reads after $readAfter)', ({ readAfter }) => {
    const everyOp = readAfter === 'every operation'
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.integer({ min: 1, max: 6 }), (ops, mapRowsPerStep) => {
        const { cold, warm, ledger } = pair(mapRowsPerStep)
        let seen = { version: cold.version, reads: reads(cold) }
        for (const o of ops) {
          switch (o.op) {
            case 'load': {
              // The reference takes the rows as a sync would; the cold index as the cache's cells.
              // Vouched batches go unchecked: a later batch that is not must still find their keys.
              const rows = o.distinct ? keysNewTo(warm, o.rows) : o.rows
              expect(cold.addNew(rows.map(encodeRow), { distinct: o.distinct })).toEqual(warm.upsert(rows))
              break
            }
            case 'ledger':
              if (o.amount === null) ledger.delete(`P${o.pay}`)
              else ledger.set(`P${o.pay}`, o.amount)
              cold.refreshRefundState(o.all ? undefined : [`P${o.pay}`])
              warm.refreshRefundState(o.all ? undefined : [`P${o.pay}`])
              break
            case 'read':
              break
            case 'firstScreen':
              expect(firstScreen(cold)).toEqual(firstScreen(warm))
              break
            case 'sortStep':
              cold.sortStep()
              warm.sortStep()
              break
            case 'mapStep':
              cold.mapStep()
              break
            case 'lookup':
              expect(cold.get(`id:pi_${o.id}`)).toEqual(warm.get(`id:pi_${o.id}`))
              expect(cold.byPayId(`P${o.pay}`)).toEqual(warm.byPayId(`P${o.pay}`))
              break
            case 'upsert':
              expect(cold.upsert(o.rows)).toEqual(warm.upsert(o.rows))
              break
          }
          if (!everyOp && o.op !== 'read') continue
          const version = cold.version
          const now = reads(cold)
          expect(now).toEqual(reads(warm))
          // Anything a reader can see changed only with a new version.
          try {
            expect(now).toEqual(seen.reads)
          } catch {
            expect(version).not.toBe(seen.version)
          }
          seen = { version, reads: now }
        }
        expect(reads(cold)).toEqual(reads(warm))
        expect(lookups(cold)).toEqual(lookups(warm))
      }),
      { numRuns: 400 }
    )
  })

  it('builds no lookup map until something needs one, then a slice per mapStep', () => {
    const { cold } = pair(2)
    const rows = fc.sample(rowArb, { numRuns: 40, seed: 7 }).map((r, i) => ({ ...r, transactionId: `pi_u${i}` }))
    cold.addNew(rows.map(encodeRow))
    reads(cold)
    // Still all 40 rows left to map after every read: 20 slices of 2, the last one reports done.
    const steps: boolean[] = []
    while (cold.mapStep()) steps.push(true)
    expect(steps).toHaveLength(19)
    expect(cold.get('id:pi_u3')?.transactionId).toBe('pi_u3')
  })

  it('with mapsAtOpen (a CLI sync) the maps are built as the rows are read: nothing is left to map', () => {
    const idx = createTransactionIndex({ mapsAtOpen: true, mapRowsPerStep: 1 })
    const rows = fc.sample(rowArb, { numRuns: 10, seed: 3 }).map((r, i) => ({ ...r, transactionId: `pi_m${i}` }))
    idx.addNew(rows.map(encodeRow))
    expect(idx.mapStep()).toBe(false)
    expect(idx.size).toBe(10)
  })

  it('entries made in slices after a base order exists are merged into it (a search during the window\'s load, then the held warm-up)', () => {
    const { cold, warm } = pair(3)
    const rows = fc.sample(rowArb, { numRuns: 30, seed: 11 }).map((r, i) => ({ ...r, transactionId: `pi_s${i}` }))
    const newest = rows.filter((r) => r.createdAt >= '2026-04')
    const older = rows.filter((r) => r.createdAt < '2026-04')
    expect(older.length).toBeGreaterThan(3)
    cold.addNew(newest.map(encodeRow))
    cold.baseOrder() // a query during the load orders what is there
    cold.addNew(older.map(encodeRow))
    let steps = 0
    while (cold.sortStep()) steps++
    expect(steps).toBeGreaterThanOrEqual(Math.ceil(older.length / 3))
    warm.upsert(rows)
    expect(reads(cold)).toEqual(reads(warm))
  })

  it('an empty first batch (a damaged newest month) leaves a later first sync its maps at once', () => {
    const idx = createTransactionIndex({ mapRowsPerStep: 1 })
    idx.addNew([])
    const rows = fc.sample(rowArb, { numRuns: 5, seed: 5 }).map((r, i) => ({ ...r, transactionId: `pi_e${i}` }))
    idx.addNew(rows.map(encodeRow), { now: true })
    expect(idx.mapStep()).toBe(false)
    expect(idx.size).toBe(5)
  })

  it('with maps now (a first sync\'s pages) an empty index builds them as it reads: nothing is left to map', () => {
    const idx = createTransactionIndex({ mapRowsPerStep: 1 })
    const rows = fc.sample(rowArb, { numRuns: 10, seed: 4 }).map((r, i) => ({ ...r, transactionId: `pi_n${i}` }))
    idx.addNew(rows.slice(0, 6).map(encodeRow), { now: true })
    expect(idx.mapStep()).toBe(false)
    idx.addNew(rows.slice(4).map(encodeRow), { now: true }) // two rows again: a page the list shifted into
    expect(idx.mapStep()).toBe(false)
    expect(idx.size).toBe(10)
  })

  it('a refund entry read in a later month than its payment still completes the payment', () => {
    const { cold, ledger } = pair(8)
    const payment = { ...fc.sample(rowArb, { numRuns: 1, seed: 1 })[0]!, payId: 'P1', transactionId: 'pi_pay', amount: 10_000, transactionType: 'Basic', createdAt: '2026-05-02 10:00:00' }
    const refund = { ...payment, transactionId: 'pi_ref', amount: -4_000, transactionType: 'Refund', createdAt: '2026-04-03 10:00:00' }
    cold.addNew([encodeRow(payment)])
    cold.addNew([encodeRow(refund)])
    const row = (): unknown => cold.baseOrder().find((r) => r.key === 'id:pi_pay')?.view
    expect(row()).toMatchObject({ refundedCents: 4_000, pendingRefundCents: 0, refundState: 'partially_refunded' })
    ledger.set('P1', 6_000)
    cold.refreshRefundState(['P1'])
    expect(row()).toMatchObject({ refundedCents: 4_000, pendingRefundCents: 6_000, refundState: 'requested' })
    expect(cold.mapStep()).toBe(false)
  })
})
