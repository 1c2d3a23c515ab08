import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { TransactionFilter, TransactionQuery } from '../../src/shared/views'
import { createTransactionIndex, type TransactionIndex } from '../../src/main/services/query/transaction-index'
import { createQueryEngine } from '../../src/main/services/query/query-engine'
import { encodeRow } from '../../src/main/services/storage/transaction-shard-codec'

let seq = 0
function row(p: Partial<PayInTransaction> & { payId: string }): PayInTransaction {
  seq++
  return {
    transactionId: `20260510-pi-${String(seq).padStart(10, '0')}`,
    creatorId: null,
    userId: null,
    amount: 10_000,
    netAmount: 9_500,
    serviceFee: 200,
    serviceFeePsp: 300,
    status: 'Success',
    recipientNote: `Order ${p.payId}`,
    payoutStatus: 'Pending',
    createdAt: '2026-05-10 12:00:00',
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    ...p
  }
}

const F: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const Q = (filter: Partial<TransactionFilter> = {}, rest: Partial<TransactionQuery> = {}): TransactionQuery => ({
  filter: { ...F, ...filter },
  sort: { column: 'createdAt', direction: 'desc' },
  offset: 0,
  limit: 1000,
  ...rest
})

function fixture() {
  const rows = [
    row({ payId: '100', amount: 1250, createdAt: '2026-04-30 23:59:59', recipientNote: 'Bestellung Berger' }),
    row({ payId: '101', amount: 5000, createdAt: '2026-05-01 00:00:00', paymentMethod: 'paypal', isRefund: true }),
    row({ payId: '101', amount: -2000, transactionType: 'Refund', createdAt: '2026-05-03 10:00:00', paymentMethod: 'N/A', netAmount: -2000, serviceFee: 0, serviceFeePsp: 0 }),
    row({ payId: '102', amount: 123456, createdAt: '2026-05-15 08:00:00', status: 'Pending', recipientNote: '=SUM(A1)' }),
    row({ payId: '103', amount: 800, createdAt: '2026-05-31 23:59:59', serviceFee: null, netAmount: null }),
    row({ payId: '104', amount: 3000, createdAt: '2026-05-20 12:00:00', isDispute: true }),
    row({ payId: '104', amount: -3000, transactionType: 'Dispute', createdAt: '2026-05-22 12:00:00', serviceFee: 0, serviceFeePsp: 0, netAmount: -3000 }),
    row({ payId: '104', amount: 3000, transactionType: 'Dispute Refund', createdAt: '2026-05-25 12:00:00', serviceFee: 0, serviceFeePsp: 0, netAmount: 3000 }),
    row({ payId: '105', amount: 1250, createdAt: '2026-06-01 00:00:00', transactionId: null })
  ]
  const index = createTransactionIndex()
  index.reset(rows)
  const engine = createQueryEngine({ index, dataAsOf: () => '2026-06-01T10:00:00.000Z' })
  return { rows, index, engine }
}

const ids = (r: { rows: { payId: string; transactionType: string }[] }): string[] =>
  r.rows.map((v) => (v.transactionType === 'Basic' ? v.payId : `${v.payId}/${v.transactionType}`))

describe('query engine: filters', () => {
  it('period month uses the Berlin month of createdAt (boundaries included/excluded exactly)', () => {
    const { engine } = fixture()
    const r = engine.query(Q({ period: { kind: 'month', month: '2026-05' } }))
    expect(r.total).toBe(7)
    expect(ids(r)).not.toContain('100')
    expect(ids(r)).not.toContain('105')
    expect(r.dataAsOf).toBe('2026-06-01T10:00:00.000Z')
  })

  it('period range is inclusive on Berlin dates', () => {
    const { engine } = fixture()
    const r = engine.query(Q({ period: { kind: 'range', from: '2026-04-30', to: '2026-05-01' } }))
    expect(ids(r).sort()).toEqual(['100', '101'])
    expect(engine.query(Q({ period: { kind: 'range', from: '2026-05-31', to: '2026-06-01' } })).total).toBe(2)
    expect(engine.query(Q({ period: { kind: 'range', from: '2026-06-02', to: '2026-05-01' } })).total).toBe(0)
    expect(engine.query(Q({ period: { kind: 'range', from: '0001-01-01', to: '9999-12-31' } })).total).toBe(9)
  })

  it('kinds: empty = all, refunds only, dispute refunds separately', () => {
    const { engine } = fixture()
    expect(engine.query(Q()).total).toBe(9)
    expect(ids(engine.query(Q({ kinds: ['refund'] })))).toEqual(['101/Refund'])
    expect(ids(engine.query(Q({ kinds: ['dispute_refund'] })))).toEqual(['104/Dispute Refund'])
    expect(engine.query(Q({ kinds: ['payment'] })).total).toBe(6) // refunded original (isRefund) stays a payment
    expect(engine.query(Q({ kinds: ['dispute', 'refund'] })).total).toBe(2)
  })

  it('statuses and amount range (signed cents, inclusive)', () => {
    const { engine } = fixture()
    expect(ids(engine.query(Q({ statuses: ['Pending'] })))).toEqual(['102'])
    expect(engine.query(Q({ amountMinCents: 1250, amountMaxCents: 5000 })).total).toBe(5)
    expect(ids(engine.query(Q({ amountMaxCents: -1 })))).toEqual(['104/Dispute', '101/Refund'])
    expect(engine.distinctStatuses()).toEqual(['Pending', 'Success'])
  })

  it('free text: note, transaction id, pay_id, payment method, case-insensitive', () => {
    const { engine } = fixture()
    expect(ids(engine.query(Q({ search: 'berger' })))).toEqual(['100'])
    expect(ids(engine.query(Q({ search: 'PAYPAL' })))).toEqual(['101'])
    expect(engine.query(Q({ search: '104' })).total).toBe(3)
    expect(engine.query(Q({ search: '-pi-0000000' })).total).toBe(8) // the row without transaction id misses
    expect(engine.query(Q({ search: '=sum(' })).total).toBe(1)
  })

  it('search "12,50" and "12.50" both find |amount| = 12.50 €; grouping and minus too', () => {
    const { engine } = fixture()
    for (const s of ['12,50', '12.50', '€ 12,50', '-12,50']) expect(ids(engine.query(Q({ search: s }))).sort()).toEqual(['100', '105'])
    expect(ids(engine.query(Q({ search: '20,00' })))).toEqual(['101/Refund']) // |-20.00|
    expect(ids(engine.query(Q({ search: '1.234,56' })))).toEqual(['102'])
    expect(ids(engine.query(Q({ search: '1,234.56' })))).toEqual(['102'])
  })

  it('combines filters (AND)', () => {
    const { engine } = fixture()
    const r = engine.query(Q({ period: { kind: 'month', month: '2026-05' }, kinds: ['payment'], search: 'order', amountMinCents: 1000 }))
    expect(ids(r)).toEqual(['104', '101']) // 102's note is '=SUM(A1)'
  })
})

describe('query engine: sort, window, totals', () => {
  it('sorts by every column, stable with tie-break createdAt desc then key', () => {
    const { engine } = fixture()
    const byAmount = engine.query(Q({}, { sort: { column: 'amount', direction: 'asc' } }))
    expect(byAmount.rows.map((r) => r.amount)).toEqual([-3000, -2000, 800, 1250, 1250, 3000, 3000, 5000, 123456])
    // Equal amounts 1250: newer first (105 on 06-01 before 100 on 04-30), in both directions.
    expect(ids(byAmount).slice(3, 5)).toEqual(['105', '100'])
    const desc = engine.query(Q({}, { sort: { column: 'amount', direction: 'desc' } }))
    expect(ids(desc).slice(4, 6)).toEqual(['105', '100'])
    expect(ids(desc).slice(2, 4)).toEqual(['104/Dispute Refund', '104'])

    const fee = engine.query(Q({}, { sort: { column: 'serviceFee', direction: 'asc' } }))
    expect(fee.rows.at(-1)?.serviceFee).toBeNull() // missing values last
    expect(engine.query(Q({}, { sort: { column: 'serviceFee', direction: 'desc' } })).rows.at(-1)?.serviceFee).toBeNull()

    const asc = engine.query(Q({}, { sort: { column: 'createdAt', direction: 'asc' } }))
    expect(asc.rows[0]?.payId).toBe('100')
    expect(engine.query(Q()).rows[0]?.payId).toBe('105')
    for (const column of ['payId', 'transactionId', 'recipientNote', 'transactionType', 'status', 'paymentMethod', 'netAmount'] as const) {
      const a = engine.query(Q({}, { sort: { column, direction: 'asc' } }))
      expect(a.total).toBe(9)
    }
    expect(engine.query(Q({}, { sort: { column: 'paymentMethod', direction: 'asc' } })).rows[0]?.paymentMethod).toBe('card')
    expect(engine.query(Q({}, { sort: { column: 'payId', direction: 'desc' } })).rows[0]?.payId).toBe('105')
  })

  it('windows by offset/limit over the same cached result', () => {
    const { engine } = fixture()
    const all = engine.query(Q())
    const w = engine.query(Q({}, { offset: 3, limit: 2 }))
    expect(w.total).toBe(9)
    expect(w.offset).toBe(3)
    expect(w.rows).toEqual(all.rows.slice(3, 5))
    expect(engine.query(Q({}, { offset: 8, limit: 10 })).rows).toHaveLength(1)
    expect(engine.query(Q({}, { offset: 50, limit: 10 })).rows).toHaveLength(0)
    expect(engine.query(Q({}, { offset: -5, limit: 2 })).offset).toBe(0)
  })

  it('totals cover the whole filtered set, not the window', () => {
    const { engine } = fixture()
    const r = engine.query(Q({ period: { kind: 'month', month: '2026-05' } }, { limit: 1 }))
    expect(r.rows).toHaveLength(1)
    expect(r.totals).toEqual({
      count: 7,
      paymentCount: 4,
      refundCount: 1,
      disputeCount: 1,
      disputeReturnCount: 1, // the Dispute Refund: disputed money back to the merchant
      grossPayIns: 5000 + 123456 + 800 + 3000,
      refunds: -2000,
      disputes: -3000,
      disputeReturns: 3000,
      net: 5000 + 123456 + 800 + 3000 - 2000 - 3000 + 3000,
      fees: 3 * 500 + 300, // 103 has no service_fee, only the PSP fee
      netAfterFees: 5000 + 123456 + 800 + 3000 - 2000 - 3000 + 3000 - (3 * 500 + 300),
      payoutPerSecpaid: 9500 - 2000 + 9500 + 9500 - 3000 + 3000, // 103 has no net_amount
      payoutCheck: {
        difference: 9500 - 2000 + 9500 + 9500 - 3000 + 3000 - (130256 - 1800),
        missingNetAmount: { rows: 1, cents: -(800 - 300) },
        otherSign: { rows: 0, cents: 0 },
        otherAmount: { rows: 3, cents: 9500 - 4500 + (9500 - 122956) + (9500 - 2500) }
      }
    })
  })

  it('sees index changes (version) instead of serving a stale cached result', () => {
    const { engine, index } = fixture()
    expect(engine.query(Q({ kinds: ['refund'] })).total).toBe(1)
    index.upsert([row({ payId: '100', transactionType: 'Refund', amount: -1250, createdAt: '2026-06-02 09:00:00' })])
    const r = engine.query(Q({ kinds: ['refund'] }))
    expect(r.total).toBe(2)
    expect(engine.query(Q({ search: 'Berger', kinds: ['payment'] })).rows[0]?.refundState).toBe('refunded')
  })

  it('selectAll returns every matching row with the same totals', () => {
    const { engine } = fixture()
    const all = engine.selectAll({ ...F, kinds: ['payment'] })
    expect(all.rows).toHaveLength(6)
    expect(all.totals.count).toBe(6)
  })
})

describe('query engine: the first screen before the base order exists', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Answers of a fresh engine (the first screen) and of one that has built the base order. */
  function both(rows: PayInTransaction[], q: TransactionQuery) {
    const index = createTransactionIndex()
    index.reset(rows)
    const fresh = createQueryEngine({ index, warmUpSearch: false, dataAsOf: () => 'x' })
    const usual = createQueryEngine({ index, warmUpSearch: false, dataAsOf: () => 'x' })
    usual.query(Q({ search: 'matches nothing at all' })) // asks for the base order
    return { first: fresh.query(q), expected: usual.query(q) }
  }

  function manyMonths(): PayInTransaction[] {
    const out: PayInTransaction[] = []
    // Uneven months, rows sharing a timestamp (ordered by key), refunds and a row without net.
    for (let m = 1; m <= 5; m++) {
      for (let i = 0; i < m * 7; i++) {
        const day = String(1 + (i % 28)).padStart(2, '0')
        out.push(row({ payId: `${m}-${i}`, amount: 100 * i - 300, createdAt: `2026-0${m}-${day} 1${i % 3}:00:00`, netAmount: i % 5 === 0 ? null : 90 * i }))
      }
      out.push(row({ payId: `${m}-0`, amount: -50, transactionType: 'Refund', createdAt: `2026-0${m}-28 23:00:00`, netAmount: -50, serviceFee: 0, serviceFeePsp: 0 }))
    }
    return out
  }

  it('page 0 of the unfiltered newest-first list: the same rows, count and totals as the usual path', () => {
    const rows = manyMonths()
    for (const limit of [1, 5, 40, 200]) {
      const { first, expected } = both(rows, Q({}, { limit }))
      expect(first).toEqual(expected)
      expect(first.rows.map((r) => r.key)).toEqual(expected.rows.map((r) => r.key))
    }
  })

  it('pages crossing month edges and beyond the end are the same too', () => {
    const rows = manyMonths()
    for (const [offset, limit] of [[30, 20], [34, 1], [35, 10], [100, 50], [110, 10], [500, 10]] as const) {
      const { first, expected } = both(rows, Q({}, { offset, limit }))
      expect(first).toEqual(expected)
    }
  })

  /** An index holding `rows` as a cold open does: the cache's cells, a month per `addNew`. */
  function coldOpen(rows: PayInTransaction[], order: 'newest first' | 'oldest first', entryRowsPerStep?: number): TransactionIndex {
    const index = createTransactionIndex(entryRowsPerStep === undefined ? {} : { entryRowsPerStep })
    const months = [...new Set(rows.map((r) => r.createdAt.slice(0, 7)))].sort()
    if (order === 'newest first') months.reverse()
    for (const month of months) index.addNew(rows.filter((r) => r.createdAt.startsWith(month)).map(encodeRow))
    return index
  }

  it('a cold open\'s first screen (read from its cells) answers as the usual path, whatever order the months came in', () => {
    const months = manyMonths()
    const rows = [...months, row({ payId: 'odd', createdAt: '2026-01-05T10:00:00.000+01:00:00' })]
    for (const order of ['newest first', 'oldest first'] as const) {
      for (const [offset, limit] of [[0, 1], [0, 40], [30, 20], [35, 10], [500, 10]] as const) {
        const fresh = createQueryEngine({ index: coldOpen(months, order), warmUpSearch: false, dataAsOf: () => 'x' })
        const { expected } = both(months, Q({}, { offset, limit }))
        expect(fresh.query(Q({}, { offset, limit }))).toEqual(expected)
      }
      // A malformed timestamp: the usual path takes over, on the cold open too.
      const odd = createQueryEngine({ index: coldOpen(rows, order), warmUpSearch: false, dataAsOf: () => 'x' })
      expect(odd.query(Q({}, { limit: 200 }))).toEqual(both(rows, Q({}, { limit: 200 })).expected)
      expect(odd.distinctStatuses()).toEqual(['Success'])
    }
  })

  it('a cold open\'s first screen makes the entries of the months it shows only (the newest month is read first)', () => {
    vi.useFakeTimers()
    const rows = manyMonths()
    // Page 0, and a page inside the second newest month (36 rows in May, 29 in April).
    for (const [offset, shown] of [[0, '2026-05'], [40, '2026-04']] as const) {
      const made = rows.filter((r) => r.createdAt >= shown)
      // Entries are made in slices of 10 by the warm-up: it counts what the first screen left.
      const index = coldOpen(rows, 'newest first', 10)
      // The months whose rows the page reads: only the one it shows.
      const asked: string[] = []
      const monthRows = index.monthRows.bind(index)
      index.monthRows = (month) => {
        asked.push(month)
        return monthRows(month)
      }
      const rec = recording(index)
      const engine = createQueryEngine({ index: rec.index, dataAsOf: () => 'x' })
      expect(engine.distinctStatuses()).toEqual(['Success'])
      expect(engine.query(Q({}, { offset, limit: 5 })).total).toBe(rows.length)
      expect(asked).toEqual([shown])
      for (rec.task.n = 1; rec.task.n <= 40; rec.task.n++) vi.advanceTimersToNextTimer()
      // The older months' rows took entry slices of 10, then four of the five months one task each.
      expect(rec.calls.filter((c) => c.endsWith('sortStep=true'))).toHaveLength(Math.ceil((rows.length - made.length) / 10) + 4)
    }
  })

  it('a first screen prepared ahead (the window\'s start) is answered from that work, for that index version only', () => {
    const rows = manyMonths()
    const index = coldOpen(rows, 'newest first')
    const calls: string[] = []
    const monthFacts = index.monthFacts.bind(index)
    const monthRows = index.monthRows.bind(index)
    index.monthFacts = (visit) => {
      calls.push('monthFacts')
      return monthFacts(visit)
    }
    index.monthRows = (month) => {
      calls.push(`monthRows ${month}`)
      return monthRows(month)
    }
    const engine = createQueryEngine({ index, warmUpSearch: false, dataAsOf: () => 'x' })
    engine.prepareFirstScreen()
    expect(calls).toEqual(['monthFacts', 'monthRows 2026-05'])
    calls.length = 0
    expect(engine.query(Q({}, { limit: 30 }))).toEqual(both(rows, Q({}, { limit: 30 })).expected)
    expect(calls).toEqual([])
    // A page reaching into April sorts April only; May is kept.
    expect(engine.query(Q({}, { offset: 30, limit: 10 }))).toEqual(both(rows, Q({}, { offset: 30, limit: 10 })).expected)
    expect(calls).toEqual(['monthRows 2026-04'])
    // Another version (a row added): its own facts and months.
    calls.length = 0
    const added = row({ payId: 'late', amount: 777, createdAt: '2026-05-30 08:00:00' })
    index.addNew([encodeRow(added)])
    expect(engine.query(Q({}, { limit: 30 }))).toEqual(both([...rows, added], Q({}, { limit: 30 })).expected)
    expect(calls).toEqual(['monthFacts', 'monthRows 2026-05'])
  })

  it('every answer of a kept first screen has totals of its own, and a prepare after a query does nothing', () => {
    const rows = manyMonths()
    const index = coldOpen(rows, 'newest first')
    const engine = createQueryEngine({ index, warmUpSearch: false, dataAsOf: () => 'x' })
    engine.prepareFirstScreen()
    const first = engine.query(Q({}, { limit: 10 }))
    const expected = structuredClone(first.totals)
    // A caller changing what it got (nested parts included) changes no later answer.
    first.totals.grossPayIns += 1
    first.totals.payoutCheck.otherAmount.rows += 1
    expect(engine.query(Q({}, { limit: 10 })).totals).toEqual(expected)
    let facts = 0
    const monthFacts = index.monthFacts.bind(index)
    index.monthFacts = (visit) => {
      facts++
      return monthFacts(visit)
    }
    index.addNew([encodeRow(row({ payId: 'later', createdAt: '2026-05-30 08:00:00' }))])
    engine.prepareFirstScreen()
    expect(facts).toBe(0)
  })

  it('a malformed timestamp that breaks the month order is answered right (the usual path takes over)', () => {
    const rows = [...manyMonths(), row({ payId: 'odd', createdAt: '2026-01-05T10:00:00.000+01:00:00' })]
    const { first, expected } = both(rows, Q({}, { limit: 200 }))
    expect(first).toEqual(expected)
  })

  /**
   * The index seen through a proxy that records which background task (timer) called which of
   * the methods the warm-up works through; `sortStep` with what it returned.
   */
  function recording(index: TransactionIndex): { index: TransactionIndex; calls: string[]; task: { n: number } } {
    const task = { n: 0 }
    const calls: string[] = []
    const recorded = new Proxy(index, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args)
          if (name === 'sortStep') calls.push(`${task.n}:sortStep=${String(out)}`)
          if (name === 'baseOrder' || name === 'mapStep') calls.push(`${task.n}:${name}`)
          return out
        }
      }
    })
    return { index: recorded, calls, task }
  }

  it('after the first screen, the background sorts one month per task before it builds the columns', () => {
    vi.useFakeTimers()
    const index = createTransactionIndex()
    index.reset(manyMonths())
    const rec = recording(index)
    const engine = createQueryEngine({ index: rec.index, dataAsOf: () => 'x' })
    const firstScreen = engine.query(Q({}, { limit: 40 }))
    expect(rec.calls).toEqual([]) // the first screen sorted nothing but its newest months
    for (rec.task.n = 1; rec.task.n <= 8; rec.task.n++) vi.advanceTimersToNextTimer()
    // Five months: four tasks sort one each and report more to do, the fifth sorts the last and
    // joins them; baseOrder is asked only once every month is sorted.
    expect(rec.calls.slice(0, 6)).toEqual(['1:sortStep=true', '2:sortStep=true', '3:sortStep=true', '4:sortStep=true', '5:sortStep=false', '5:baseOrder'])
    vi.runAllTimers()
    expect(engine.query(Q({}, { limit: 40 }))).toEqual(firstScreen)
  })

  it('the background build waits for warmUpAfter (the window\'s cache load), then runs to the end', async () => {
    vi.useFakeTimers()
    const index = createTransactionIndex()
    index.reset(manyMonths())
    const rec = recording(index)
    let release: () => void = () => undefined
    const loaded = new Promise<void>((resolve) => (release = resolve))
    const engine = createQueryEngine({ index: rec.index, dataAsOf: () => 'x', warmUpAfter: loaded })
    const firstScreen = engine.query(Q({}, { limit: 40 }))
    vi.runAllTimers()
    // Held: every month the load adds would be a new version, and this work thrown away.
    expect(rec.calls).toEqual([])
    release()
    await loaded
    rec.task.n = 1
    vi.runAllTimers()
    expect(rec.calls[0]).toBe('1:sortStep=true')
    expect(rec.calls.at(-1)).toBe('1:mapStep') // the last stage ran: the build went to the end
    expect(engine.query(Q({}, { limit: 40 }))).toEqual(firstScreen)
  })

  it('a failed warmUpAfter releases the build too', async () => {
    vi.useFakeTimers()
    const index = createTransactionIndex()
    index.reset(manyMonths())
    const rec = recording(index)
    const failed = Promise.reject(new Error('load failed'))
    const engine = createQueryEngine({ index: rec.index, dataAsOf: () => 'x', warmUpAfter: failed })
    engine.query(Q({}, { limit: 40 }))
    await failed.catch(() => undefined)
    rec.task.n = 1
    vi.runAllTimers()
    expect(rec.calls.at(-1)).toBe('1:mapStep')
  })

  it('a warm-up of a version no query has ordered yet sorts in slices before anything asks for the whole base order', () => {
    vi.useFakeTimers()
    // A cold open (the cache's cells): entries are made on the first read, here in slices of 10.
    const index = createTransactionIndex({ entryRowsPerStep: 10 })
    const months = manyMonths()
    const older = months.filter((r) => r.createdAt < '2026-03')
    index.addNew(months.filter((r) => r.createdAt >= '2026-03').map(encodeRow))
    const rec = recording(index)
    const engine = createQueryEngine({ index: rec.index, dataAsOf: () => 'x' })
    engine.query(Q({}, { limit: 40 })) // the first screen of this version (its warm-up is scheduled)
    // The progressive load adds the older months before the first background task runs.
    index.addNew(older.map(encodeRow))
    for (rec.task.n = 1; rec.task.n <= 30; rec.task.n++) vi.advanceTimersToNextTimer()
    const firstFalse = rec.calls.findIndex((c) => c.endsWith('sortStep=false'))
    const firstBaseOrder = rec.calls.findIndex((c) => c.endsWith(':baseOrder'))
    expect(firstFalse).toBeGreaterThan(0)
    // One slice per task until the sort is done; only then is the base order asked for (a join).
    expect(rec.calls.slice(0, firstFalse + 1).map((c) => c.split(':')[0])).toEqual(rec.calls.slice(0, firstFalse + 1).map((_, i) => String(i + 1)))
    expect(firstBaseOrder).toBeGreaterThan(firstFalse)
    // The older months' rows (not read yet) took entry slices of 10, then four of the five months
    // one task each (the fifth reports done).
    expect(rec.calls.filter((c) => c.endsWith('sortStep=true'))).toHaveLength(Math.ceil(older.length / 10) + 4)
    vi.runAllTimers()
    const reference = createTransactionIndex()
    reference.reset(months)
    expect(engine.query(Q({}, { limit: 200 }))).toEqual(createQueryEngine({ index: reference, warmUpSearch: false, dataAsOf: () => 'x' }).query(Q({}, { limit: 200 })))
  })

  it('an empty index and every filtered or sorted query answer as before', () => {
    expect(both([], Q({}, { limit: 40 })).first).toEqual(both([], Q({}, { limit: 40 })).expected)
    const rows = manyMonths()
    for (const q of [Q({ search: '1-' }), Q({ kinds: ['refund'] }), Q({ period: { kind: 'month', month: '2026-03' } }), Q({}, { sort: { column: 'amount', direction: 'asc' } })]) {
      const { first, expected } = both(rows, q)
      expect(first).toEqual(expected)
    }
  })
})
