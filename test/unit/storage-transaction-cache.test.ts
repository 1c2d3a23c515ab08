import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { countingEngine } from '../support/counting-engine'
import { createConfEngine, type JsonFileStoreFactory } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache, transactionKey } from '../../src/main/services/storage/transaction-cache'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-cache-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function tx(over: Partial<PayInTransaction> & { createdAt: string }): PayInTransaction {
  return {
    payId: '1001',
    transactionId: null,
    creatorId: null,
    userId: null,
    amount: 1000,
    netAmount: 965,
    serviceFee: 35,
    serviceFeePsp: null,
    status: 'Success',
    recipientNote: 'Bestellung Berger',
    payoutStatus: null,
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    ...over
  }
}

const A = tx({ payId: '1', transactionId: '20260105-pi-0000000001', createdAt: '2026-01-05 10:00:00' })
const B = tx({ payId: '2', transactionId: '20260310-pi-0000000002', createdAt: '2026-03-10 23:59:59' })
const C = tx({ payId: '3', createdAt: '2026-04-01 00:00:00', amount: -500, transactionType: 'Refund', isRefund: true })


const file = (name: string): string => path.join(dir, name)

describe('transaction cache', () => {
  it('round-trips rows through month shards and meta', () => {
    const cache = openTransactionCache({ dir })
    expect(cache.upsertRows([A, B, C])).toEqual({ inserted: 3, updated: 0, unchanged: 0, monthsWritten: ['2026-01', '2026-03', '2026-04'] })
    expect(fs.readdirSync(dir).sort()).toEqual(['meta.json', 'tx-2026-01.json', 'tx-2026-03.json', 'tx-2026-04.json'])
    const { rows, notices } = openTransactionCache({ dir }).loadAll()
    expect(notices).toEqual([])
    expect(rows).toEqual([A, B, C])
    const shard = JSON.parse(fs.readFileSync(file('tx-2026-01.json'), 'utf8')) as { columns: string[]; rows: unknown[][] }
    expect(shard.columns[0]).toBe('payId')
    expect(shard.rows[0]?.[0]).toBe('1')
    expect(cache.getMeta().shards).toEqual({
      '2026-01': { rows: 1, needsResync: false },
      '2026-03': { rows: 1, needsResync: false },
      '2026-04': { rows: 1, needsResync: false }
    })
  })

  it('dedupes by transactionId, and by payId|type|amount|createdAt without one', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([A, C])
    const r = cache.upsertRows([
      { ...A, status: 'Refunded' }, // same id → update
      { ...C }, // same fallback key, same values → unchanged
      { ...C, amount: -600 } // different amount → different fallback key → new row
    ])
    expect(r).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 })
    expect(transactionKey(A)).toBe('id:20260105-pi-0000000001')
    expect(transactionKey(C)).toBe('k:3|Refund|-500|2026-04-01 00:00:00')
    const rows = openTransactionCache({ dir }).loadAll().rows
    expect(rows).toHaveLength(3)
    expect(rows.find((x) => x.payId === '1')?.status).toBe('Refunded')
  })

  it('a one-row change appends to its month\'s journal (+ meta); unchanged rows write nothing', () => {
    openTransactionCache({ dir }).upsertRows([A, B, C])
    const before = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(file(f), 'utf8')]))
    const { engine, writes } = countingEngine()
    const cache = openTransactionCache({ dir, engine })
    expect(cache.upsertRows([A, B, C])).toEqual({ inserted: 0, updated: 0, unchanged: 3, monthsWritten: [] })
    expect(writes).toEqual([])
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(before).sort())
    const B2 = { ...B, payoutStatus: 'paid' }
    expect(cache.upsertRows([B2]).monthsWritten).toEqual(['2026-03'])
    expect(writes).toEqual(['meta'])
    // Every base snapshot is untouched; the change is one line (after the header) in the journal.
    for (const f of ['tx-2026-01.json', 'tx-2026-03.json', 'tx-2026-04.json']) expect(fs.readFileSync(file(f), 'utf8')).toBe(before[f])
    const journal = fs.readFileSync(file('tx-2026-03.jsonl'), 'utf8').trimEnd().split('\n')
    expect(journal).toHaveLength(2)
    expect(JSON.parse(journal[1] as string)).toContain('paid')
    expect(openTransactionCache({ dir }).loadAll()).toEqual({ rows: [A, B2, C], notices: [] })
  })

  it('batchMeta: rows, resynced months and the sync time are one meta write, made also when a step fails', () => {
    openTransactionCache({ dir }).upsertRows([A, B])
    const { engine, writes } = countingEngine()
    const cache = openTransactionCache({ dir, engine })
    const B2 = { ...B, payoutStatus: 'paid' }
    cache.batchMeta(() => {
      cache.upsertRows([B2, C])
      cache.updateMeta({ lastSuccessfulSyncAt: '2026-04-02T08:00:00.000Z' })
      expect(writes).toEqual([])
    })
    expect(writes).toEqual(['meta'])
    const again = openTransactionCache({ dir })
    expect(again.getMeta()).toMatchObject({ lastSuccessfulSyncAt: '2026-04-02T08:00:00.000Z', shards: { '2026-03': { rows: 1 }, '2026-04': { rows: 1 } } })
    expect(again.loadAll().rows).toEqual([A, B2, C])
    // A step that throws after meta changed: meta is still written, and the error is the step's.
    expect(() =>
      cache.batchMeta(() => {
        cache.updateMeta({ lastSuccessfulSyncAt: '2026-04-03T08:00:00.000Z' })
        throw new Error('disk full')
      })
    ).toThrow('disk full')
    expect(writes).toEqual(['meta', 'meta'])
    expect(openTransactionCache({ dir }).getMeta().lastSuccessfulSyncAt).toBe('2026-04-03T08:00:00.000Z')
  })

  it('a row that comes twice in one batch, or moves within it, is stored once, as it came last', () => {
    const cache = openTransactionCache({ dir })
    const D = tx({ payId: '4', transactionId: '20260120-pi-0000000004', createdAt: '2026-01-20 09:00:00' })
    const r = cache.upsertRows([
      A,
      D,
      { ...A, status: 'Refunded' }, // again, same month: the later one counts
      { ...D, createdAt: '2026-03-02 12:00:00' }, // moved to a month the batch also creates
      B,
      { ...D, createdAt: '2026-03-02 12:00:00', recipientNote: 'last' } // and again there
    ])
    expect(r.monthsWritten).toEqual(['2026-01', '2026-03'])
    const rows = openTransactionCache({ dir }).loadAll().rows
    // Order within a month is not kept (nobody reads the cache in order).
    const byPayId = (list: PayInTransaction[]): PayInTransaction[] => [...list].sort((x, y) => (x.payId < y.payId ? -1 : 1))
    expect(byPayId(rows)).toEqual([{ ...A, status: 'Refunded' }, B, { ...D, createdAt: '2026-03-02 12:00:00', recipientNote: 'last' }])
    expect(cache.getMeta().shards).toEqual({ '2026-01': { rows: 1, needsResync: false }, '2026-03': { rows: 2, needsResync: false } })
    // The same in a month that has files already (journal lines replayed in order).
    cache.upsertRows([{ ...B, status: 'x' }, { ...B, status: 'y' }, { ...A, createdAt: '2026-03-03 08:00:00' }])
    const again = openTransactionCache({ dir }).loadAll().rows
    expect(again).toHaveLength(3)
    expect(again.find((x) => x.payId === '2')?.status).toBe('y')
    expect(again.find((x) => x.payId === '1')?.createdAt).toBe('2026-03-03 08:00:00')
    expect(fs.existsSync(file('tx-2026-01.json'))).toBe(false)
  })

  it('moves an id-keyed row whose createdAt changed month, deleting the emptied shard', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([A, B])
    const moved = { ...A, createdAt: '2026-03-01 08:00:00' }
    expect(cache.upsertRows([moved]).monthsWritten).toEqual(['2026-01', '2026-03'])
    expect(fs.existsSync(file('tx-2026-01.json'))).toBe(false)
    expect(cache.monthsPresent()).toEqual(['2026-03'])
    expect(openTransactionCache({ dir }).loadAll().rows).toEqual([B, moved])
  })

  it('sets a corrupt shard aside, keeps other months, flags it for resync', () => {
    const cache = openTransactionCache({ dir, now: () => new Date('2026-05-20T16:56:08.000Z') })
    cache.upsertRows([A, B, C])
    fs.writeFileSync(file('tx-2026-03.json'), '{"schema":"secpaid-desk/tx-shard","rows":[[1,2') // torn by hand
    const { rows, notices } = cache.loadAll()
    expect(rows).toEqual([A, C])
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'shard_corrupt', month: '2026-03', reason: 'invalid_json', setAsideAs: 'tx-2026-03.corrupt-2026-05-20T16-56-08-000Z.json' })
    ])
    expect(fs.readFileSync(file('tx-2026-03.corrupt-2026-05-20T16-56-08-000Z.json'), 'utf8')).toContain('[[1,2')
    expect(cache.getMeta().shards['2026-03']).toEqual({ rows: 0, needsResync: true })
    // The flag survives a restart until the sync layer refetched the month.
    const reopened = openTransactionCache({ dir })
    expect(reopened.loadAll().notices).toEqual([])
    expect(reopened.getMeta().shards['2026-03']?.needsResync).toBe(true)
    reopened.upsertRows([B])
    reopened.markResynced(['2026-03'])
    expect(openTransactionCache({ dir }).getMeta().shards['2026-03']).toEqual({ rows: 1, needsResync: false })
  })

  it('sets aside shards that fail validation or have an unknown schema version', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([A, B, C])
    const shard = JSON.parse(fs.readFileSync(file('tx-2026-01.json'), 'utf8')) as { rows: unknown[][] }
    ;(shard.rows[0] as unknown[])[4] = '10.00' // amount must be integer cents
    fs.writeFileSync(file('tx-2026-01.json'), JSON.stringify(shard))
    const future = JSON.parse(fs.readFileSync(file('tx-2026-04.json'), 'utf8')) as Record<string, unknown>
    fs.writeFileSync(file('tx-2026-04.json'), JSON.stringify({ ...future, schemaVersion: 2 }))
    const { rows, notices } = cache.loadAll()
    expect(rows).toEqual([B])
    expect(notices.map((n) => [n.kind, 'month' in n ? n.month : '', 'reason' in n ? n.reason : ''])).toEqual([
      ['shard_corrupt', '2026-01', 'invalid_content'],
      ['shard_corrupt', '2026-04', 'unsupported_version']
    ])
    expect(fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(2)
    expect(cache.getMeta().shards['2026-04']?.needsResync).toBe(true)
  })

  it('sets a corrupt meta.json aside and rebuilds it from the shards', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([A, B])
    cache.updateMeta({ lastSuccessfulSyncAt: '2026-05-20T16:56:08.000Z' })
    fs.writeFileSync(file('meta.json'), 'not json at all')
    const reopened = openTransactionCache({ dir })
    const { rows, notices } = reopened.loadAll()
    expect(rows).toHaveLength(2)
    expect(notices).toEqual([expect.objectContaining({ kind: 'meta_corrupt', reason: 'invalid_json' })])
    // Sync time is unknown after a rebuild, so the next sync is not skipped.
    expect(reopened.getMeta()).toMatchObject({ lastSuccessfulSyncAt: null, shards: { '2026-01': { rows: 1 }, '2026-03': { rows: 1 } } })
    expect(JSON.parse(fs.readFileSync(file('meta.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 })
  })

  it('updateMeta validates and persists sync bookkeeping', () => {
    const cache = openTransactionCache({ dir })
    cache.updateMeta({ lastError: { message: 'HTTP 503', at: '2026-05-20T17:00:00.000Z' }, historyWindowMonths: 13, syncedFrom: '2025-05' })
    expect(openTransactionCache({ dir }).getMeta()).toMatchObject({ lastError: { message: 'HTTP 503' }, historyWindowMonths: 13, syncedFrom: '2025-05' })
    expect(() => cache.updateMeta({ syncedFrom: 'May' })).toThrow()
  })

  it('replaceAll rewrites the cache and removes months no longer present', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([A, B, C])
    const B2 = { ...B, status: 'Pending' }
    expect(cache.replaceAll([B2])).toEqual({ monthsWritten: ['2026-03'], monthsDeleted: ['2026-01', '2026-04'] })
    expect(fs.readdirSync(dir).sort()).toEqual(['meta.json', 'tx-2026-03.json'])
    expect(openTransactionCache({ dir }).loadAll().rows).toEqual([B2])
    expect(cache.getMeta().shards).toEqual({ '2026-03': { rows: 1, needsResync: false } })
  })

  it('wipe removes shards and meta but keeps set-aside files', () => {
    const cache = openTransactionCache({ dir })
    cache.upsertRows([A, B])
    fs.writeFileSync(file('tx-2026-01.json'), '{')
    cache.loadAll()
    cache.wipe()
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/^tx-2026-01\.corrupt-.*\.json$/)])
    expect(cache.loadAll().rows).toEqual([])
  })

  it('finds the rows read at open for small and large writes alike, where earlier writes put them', () => {
    // The key map is not built at open: a small write searches the ids read, a large one builds
    // the map, which must not put back a row an earlier write moved.
    const month = (i: number): string => (i % 2 === 0 ? '2026-01' : '2026-02')
    const rows = Array.from({ length: 150 }, (_, i) =>
      tx({ payId: String(i), transactionId: i % 10 === 0 ? null : `id-${i}`, createdAt: `${month(i)}-${String((i % 27) + 1).padStart(2, '0')} 10:00:00` })
    )
    openTransactionCache({ dir }).replaceAll(rows)
    const cache = openTransactionCache({ dir })
    cache.loadAll()
    const now = [...rows]
    now[1] = { ...rows[1]!, createdAt: '2026-01-28 09:00:00' } // moved February → January
    now[2] = { ...rows[2]!, status: 'Refunded' }
    expect(cache.upsertRows([now[1], now[10]!, now[2]])).toMatchObject({ inserted: 0, updated: 2, unchanged: 1, monthsWritten: ['2026-01', '2026-02'] })
    now[3] = { ...rows[3]!, createdAt: '2026-01-28 09:30:00' } // moved February → January
    const added = tx({ payId: '999', transactionId: 'id-999', createdAt: '2026-02-20 10:00:00' })
    const large = cache.upsertRows([...now.slice(0, 100), added])
    // (Row 1 may count as updated once more: the small write read January back before it was stored.)
    expect(large).toMatchObject({ inserted: 1, monthsWritten: ['2026-01', '2026-02'] })
    expect(large.updated + large.unchanged).toBe(100)
    const byPayId = (list: PayInTransaction[]): PayInTransaction[] => [...list].sort((x, y) => Number(x.payId) - Number(y.payId))
    expect(byPayId(openTransactionCache({ dir }).loadAll().rows)).toEqual([...now, added])
    expect(cache.getMeta().shards).toEqual({ '2026-01': { rows: 77, needsResync: false }, '2026-02': { rows: 74, needsResync: false } })
  })

  it('a write vouched distinct into months without files leaves every key findable by the writes after it, small and large', () => {
    // Such a write lists each new month's keys instead of putting 200k keys into the key map
    // (a first sync). The same process's later writes must still find every row: an update in
    // place, a move to another month, and, past the searched-key limit, the key map built.
    const month = (i: number): string => (i % 2 === 0 ? '2026-01' : '2026-02')
    const rows = Array.from({ length: 150 }, (_, i) =>
      tx({ payId: String(i), transactionId: i % 10 === 0 ? null : `id-${i}`, createdAt: `${month(i)}-${String((i % 27) + 1).padStart(2, '0')} 10:00:00` })
    )
    const cache = openTransactionCache({ dir })
    expect(cache.upsertRows(rows, { distinct: true })).toMatchObject({ inserted: 150, updated: 0, unchanged: 0, monthsWritten: ['2026-01', '2026-02'] })
    const now = [...rows]
    now[1] = { ...rows[1]!, createdAt: '2026-01-28 09:00:00' } // moved February → January
    now[2] = { ...rows[2]!, status: 'Refunded' }
    // rows[10] has no transactionId: found by its tuple key.
    expect(cache.upsertRows([now[1], now[10]!, now[2]])).toMatchObject({ inserted: 0, updated: 2, unchanged: 1, monthsWritten: ['2026-01', '2026-02'] })
    now[3] = { ...rows[3]!, createdAt: '2026-01-28 09:30:00' } // moved February → January
    const added = tx({ payId: '999', transactionId: 'id-999', createdAt: '2026-02-20 10:00:00' })
    const large = cache.upsertRows([...now.slice(0, 100), added])
    expect(large).toMatchObject({ inserted: 1, monthsWritten: ['2026-01', '2026-02'] })
    expect(large.updated + large.unchanged).toBe(100)
    const byPayId = (list: PayInTransaction[]): PayInTransaction[] => [...list].sort((x, y) => Number(x.payId) - Number(y.payId))
    expect(byPayId(openTransactionCache({ dir }).loadAll().rows)).toEqual([...now, added])
    expect(cache.getMeta().shards).toEqual({ '2026-01': { rows: 77, needsResync: false }, '2026-02': { rows: 74, needsResync: false } })
    // A month with files takes the vouched write through the key map as before.
    const more = tx({ payId: '1000', transactionId: 'id-1000', createdAt: '2026-02-21 10:00:00' })
    expect(cache.upsertRows([more], { distinct: true })).toMatchObject({ inserted: 1 })
    expect(cache.upsertRows([{ ...more, status: 'Refunded' }])).toMatchObject({ inserted: 0, updated: 1 })
  })

  for (const distinct of [false, true]) {
    it(`a write that failed part-way (a month's file cannot be written) loses no row to the writes after it${distinct ? ' (vouched distinct)' : ''}`, () => {
      // January is written, February's write fails. Memory then held February's keys as placed
      // there: the next writes counted those rows as updated in a month without files, deleted
      // the month and wrote them nowhere.
      const rows = Array.from({ length: 10 }, (_, i) =>
        tx({ payId: String(i), transactionId: `id-${i}`, createdAt: `2026-0${1 + (i % 2)}-${String(i + 1).padStart(2, '0')} 10:00:00` })
      )
      const cache = openTransactionCache({ dir })
      cache.loadAll()
      fs.mkdirSync(file('tx-2026-02.json'))
      expect(() => cache.upsertRows(rows, { distinct })).toThrow()
      // Fails again, now reading the cache back (February is still a directory).
      expect(() => cache.upsertRows(rows)).toThrow()
      fs.rmdirSync(file('tx-2026-02.json'))
      expect(cache.upsertRows(rows)).toMatchObject({ inserted: 5, unchanged: 5, monthsWritten: ['2026-02'] })
      const byPayId = (list: PayInTransaction[]): PayInTransaction[] => [...list].sort((x, y) => Number(x.payId) - Number(y.payId))
      expect(byPayId(openTransactionCache({ dir }).loadAll().rows)).toEqual(rows)
      expect(cache.getMeta().shards).toEqual({ '2026-01': { rows: 5, needsResync: false }, '2026-02': { rows: 5, needsResync: false } })
    })
  }

  it('a move whose meta write failed (before any month file) is made in full by the next write', () => {
    // Meta stops vouching for one month per key before a move's files: when that write fails,
    // memory already had the row in its new month.
    const real = createConfEngine()
    let failMeta = false
    const engine: JsonFileStoreFactory = (opts) => {
      const inner = real(opts)
      return {
        get path() {
          return inner.path
        },
        get store() {
          return inner.store
        },
        set store(v) {
          if (failMeta) throw new Error('ENOSPC: no space left on device')
          inner.store = v
        }
      }
    }
    const cache = openTransactionCache({ dir, engine })
    cache.upsertRows([A, B])
    const moved = { ...A, createdAt: '2026-02-01 08:00:00', status: 'Refunded' }
    failMeta = true
    expect(() => cache.upsertRows([moved])).toThrow(/ENOSPC/)
    failMeta = false
    expect(cache.upsertRows([moved])).toMatchObject({ inserted: 0, updated: 1, monthsWritten: ['2026-01', '2026-02'] })
    expect(openTransactionCache({ dir }).loadAll().rows).toEqual([moved, B])
  })

  describe('a failure between memory and the files makes the next operation read the files back', () => {
    // March's base (B's month) is replaced by a directory: reading it back (to tell an unchanged
    // row) fails.
    const breakMarch = (): void => {
      fs.renameSync(file('tx-2026-03.json'), file('march.bak'))
      fs.mkdirSync(file('tx-2026-03.json'))
    }
    const mendMarch = (): void => {
      fs.rmdirSync(file('tx-2026-03.json'))
      fs.renameSync(file('march.bak'), file('tx-2026-03.json'))
    }
    const payIds = (): string[] => openTransactionCache({ dir }).loadAll().rows.map((r) => r.payId).sort()
    const D = tx({ payId: '4', transactionId: '20260106-pi-0000000004', createdAt: '2026-01-06 10:00:00' })

    it('a month that cannot be read back half-way through the rows', () => {
      openTransactionCache({ dir }).upsertRows([A, B])
      const cache = openTransactionCache({ dir })
      cache.loadAll()
      breakMarch()
      // C (April) was placed in memory before March's read failed.
      expect(() => cache.upsertRows([C, { ...B, status: 'Refunded' }])).toThrow(/Cannot read/)
      mendMarch()
      expect(cache.upsertRows([C])).toMatchObject({ inserted: 1, monthsWritten: ['2026-04'] })
      expect(payIds()).toEqual(['1', '2', '3'])
    })

    it('the same with the month the new row goes into kept for "unchanged" checks', () => {
      const cache = openTransactionCache({ dir })
      cache.upsertRows([A, B])
      cache.upsertRows([A]) // January's stored rows are kept from here on
      breakMarch()
      expect(() => cache.upsertRows([D, { ...B, status: 'Refunded' }])).toThrow(/Cannot read/)
      mendMarch()
      expect(cache.upsertRows([D])).toMatchObject({ inserted: 1, unchanged: 0, monthsWritten: ['2026-01'] })
      expect(payIds()).toEqual(['1', '2', '4'])
    })

    it('a write that failed while the window was still loading months', () => {
      openTransactionCache({ dir }).upsertRows([A, B])
      const cache = openTransactionCache({ dir })
      const months = cache.loadMonths()[Symbol.iterator]()
      expect(months.next().value).toMatchObject({ month: '2026-03' })
      fs.mkdirSync(file('tx-2026-04.json'))
      const early = tx({ payId: '6', transactionId: '20251205-pi-0000000006', createdAt: '2025-12-05 10:00:00' })
      expect(() => cache.upsertRows([early, C])).toThrow()
      fs.rmdirSync(file('tx-2026-04.json'))
      while (months.next().done !== true);
      expect(cache.upsertRows([early, C])).toMatchObject({ inserted: 1, unchanged: 1 })
      expect(payIds()).toEqual(['1', '2', '3', '6'])
    })

    it('a compaction whose journal cannot be removed after the new base is in place', () => {
      const cache = openTransactionCache({ dir })
      const many = Array.from({ length: 1500 }, (_, i) =>
        tx({ payId: String(1000 + i), transactionId: `id-${i}`, createdAt: '2026-01-05 10:00:00', recipientNote: 'n'.repeat(100) })
      )
      cache.upsertRows(many)
      for (let k = 0; k < 3; k++) cache.upsertRows(many.map((r) => ({ ...r, status: `S${k}` })))
      expect(cache.monthsToCompact()).toEqual(['2026-01'])
      // Another program holds the journal open (Windows refuses the unlink).
      const unlink = fs.unlinkSync
      const spy = vi.spyOn(fs, 'unlinkSync').mockImplementation((p) => {
        if (String(p).endsWith('.jsonl')) throw Object.assign(new Error('EPERM: operation not permitted, unlink'), { code: 'EPERM', syscall: 'unlink' })
        unlink(p)
      })
      try {
        expect(() => cache.compact()).toThrow(/EPERM/)
      } finally {
        spy.mockRestore()
      }
      const late = tx({ payId: '9', transactionId: 'id-late', createdAt: '2026-01-07 10:00:00' })
      expect(cache.upsertRows([late])).toMatchObject({ inserted: 1 })
      expect(payIds()).toContain('9')
      expect(payIds()).toHaveLength(1501)
    })
  })

  it('a full replace that failed part-way loses no row to the writes after it', () => {
    const rows = Array.from({ length: 6 }, (_, i) => tx({ payId: String(i), transactionId: `id-${i}`, createdAt: `2026-0${1 + (i % 3)}-0${i + 1} 10:00:00` }))
    const cache = openTransactionCache({ dir })
    cache.loadAll()
    fs.mkdirSync(file('tx-2026-02.json'))
    expect(() => cache.replaceAll(rows)).toThrow()
    fs.rmdirSync(file('tx-2026-02.json'))
    expect(cache.upsertRows(rows)).toMatchObject({ inserted: 4, unchanged: 2 })
    expect(openTransactionCache({ dir }).loadAll().rows.map((r) => r.payId).sort()).toEqual(['0', '1', '2', '3', '4', '5'])
  })

  it('rejects a malformed createdAt before writing anything', () => {
    const cache = openTransactionCache({ dir })
    expect(() => cache.upsertRows([A, tx({ createdAt: '20.05.2026' })])).toThrow()
    // Near misses too: no such day or time, another separator, a zone suffix.
    for (const createdAt of ['2026-02-30 10:00:00', '2026-01-05 24:00:00', '2026-01-05 10:60:00', '2026-01-05 10:00:60', '2026-01-05T10:00:00', '2026-1-05 10:00:00', '2026-01-05 10:00:00Z', '2026-13-01 00:00:00']) {
      expect(() => cache.upsertRows([A, tx({ createdAt })]), createdAt).toThrow()
    }
    expect(fs.existsSync(file('tx-2026-01.json'))).toBe(false)
    // The last second of a day and a leap day are months like any other.
    cache.upsertRows([tx({ payId: '9', createdAt: '2024-02-29 23:59:59' })])
    expect(cache.monthsPresent()).toEqual(['2024-02'])
  })

  it('a month whose read fails (an I/O error) stays unread: a write into it refuses, and the month keeps its rows', () => {
    const sameMonth = tx({ payId: '4', transactionId: '20260106-pi-0000000004', createdAt: '2026-01-06 09:00:00' })
    openTransactionCache({ dir }).upsertRows([A, B, sameMonth])
    const base = fs.readFileSync(file('tx-2026-01.json'))
    // January's base is intact; reading its journal fails (the path is a directory).
    fs.mkdirSync(file('tx-2026-01.jsonl'))
    const later = tx({ payId: '5', transactionId: '20260107-pi-0000000005', createdAt: '2026-01-07 09:00:00' })
    // Through the window's month-by-month load (March, the newest, is read before January
    // fails), and directly.
    const loading = openTransactionCache({ dir })
    const months = loading.loadMonths()[Symbol.iterator]()
    expect(months.next().value).toMatchObject({ month: '2026-03' })
    expect(() => months.next()).toThrow(/EISDIR/)
    expect(() => loading.upsertRows([later])).toThrow(/EISDIR/)
    const direct = openTransactionCache({ dir })
    expect(() => direct.upsertRows([later])).toThrow(/EISDIR/)
    expect(() => direct.upsertRows([later])).toThrow(/EISDIR/)
    expect(fs.readFileSync(file('tx-2026-01.json'))).toEqual(base)
    // Once the month reads again, the write goes on top of what it holds.
    fs.rmdirSync(file('tx-2026-01.jsonl'))
    direct.upsertRows([later])
    expect(openTransactionCache({ dir }).loadAll().rows.map((r) => r.payId).sort()).toEqual(['1', '2', '4', '5'])
  })
})
