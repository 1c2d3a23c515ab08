/**
 * The month journal of the transaction cache: small changes cost bytes proportional to the
 * change, a torn tail is cut off without losing earlier lines, damaged files are set aside,
 * compaction folds the journal into the base, and an old v1 cache still opens.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { type LoadedMonth, openTransactionCache, transactionKey } from '../../src/main/services/storage/transaction-cache'
import { syntheticRows } from '../../bench/cache-synthetic-rows'
import { decodeRow } from '../../src/main/services/storage/transaction-shard-codec'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-journal-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const file = (name: string): string => path.join(dir, name)
const size = (name: string): number => (fs.existsSync(file(name)) ? fs.statSync(file(name)).size : 0)
const byKey = (rows: readonly PayInTransaction[]): Map<string, PayInTransaction> => new Map(rows.map((r) => [transactionKey(r), r]))

/** 3 000 rows over 2 months (2025-12, 2026-01) and the newest month's rows. */
function seeded(): { rows: PayInTransaction[]; newest: PayInTransaction[]; month: string } {
  const rows = syntheticRows(3000, 2)
  const month = rows.map((r) => r.createdAt.slice(0, 7)).sort().at(-1) as string
  return { rows, newest: rows.filter((r) => r.createdAt.startsWith(month)), month }
}

/** 20 rows of the month with long notes (batch n): grows the journal quickly. */
function longNotes(rows: readonly PayInTransaction[], n: number): PayInTransaction[] {
  return rows.slice(0, 20).map((r) => ({ ...r, recipientNote: `${r.recipientNote} #${n}`.padEnd(400, '.') }))
}

describe('transaction cache journal', () => {
  it('writes bytes proportional to the rows changed, not to the month', () => {
    const { rows, newest, month } = seeded()
    openTransactionCache({ dir }).replaceAll(rows)
    const base = size(`tx-${month}.json`)
    const cache = openTransactionCache({ dir })
    cache.loadAll()
    const changed = newest.slice(0, 10).map((r) => ({ ...r, payoutStatus: 'paid-out' }))
    const fresh = changed.map((r, i) => ({ ...r, transactionId: `new-${i}`, payoutStatus: null }))
    expect(cache.upsertRows([...changed, ...fresh])).toMatchObject({ inserted: 10, updated: 10, unchanged: 0 })
    expect(size(`tx-${month}.json`)).toBe(base)
    const journal = size(`tx-${month}.jsonl`)
    expect(journal).toBeGreaterThan(0)
    expect(journal).toBeLessThan(base / 20)
    const loaded = byKey(openTransactionCache({ dir }).loadAll().rows)
    expect(loaded.size).toBe(rows.length + 10)
    for (const r of [...changed, ...fresh]) expect(loaded.get(transactionKey(r))).toEqual(r)
  })

  it('cuts off a torn last journal line silently and keeps every earlier line', () => {
    const { rows, newest, month } = seeded()
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    const first = { ...(newest[0] as PayInTransaction), payoutStatus: 'first' }
    const second = { ...(newest[1] as PayInTransaction), payoutStatus: 'second' }
    cache.upsertRows([first])
    cache.upsertRows([second])
    const full = fs.readFileSync(file(`tx-${month}.jsonl`))
    // A kill in the middle of appending the second batch: half of its line is on disk.
    fs.writeFileSync(file(`tx-${month}.jsonl`), full.subarray(0, full.length - 40))
    const { rows: loaded, notices } = openTransactionCache({ dir }).loadAll()
    expect(notices).toEqual([])
    const map = byKey(loaded)
    expect(map.get(transactionKey(first))?.payoutStatus).toBe('first')
    expect(map.get(transactionKey(second))?.payoutStatus).toBe((newest[1] as PayInTransaction).payoutStatus)
    // Truncated to the last complete line, so the next append starts on a line of its own.
    expect(fs.readFileSync(file(`tx-${month}.jsonl`), 'utf8').endsWith('\n')).toBe(true)
    const again = openTransactionCache({ dir })
    again.upsertRows([second])
    expect(byKey(openTransactionCache({ dir }).loadAll().rows).get(transactionKey(second))?.payoutStatus).toBe('second')
  })

  it('sets a corrupt journal aside, keeps the base rows and flags the month for resync', () => {
    const { rows, newest, month } = seeded()
    const cache = openTransactionCache({ dir, now: () => new Date('2026-05-20T16:56:08.000Z') })
    cache.replaceAll(rows)
    cache.upsertRows([{ ...(newest[0] as PayInTransaction), payoutStatus: 'a' }])
    cache.upsertRows([{ ...(newest[1] as PayInTransaction), payoutStatus: 'b' }])
    const lines = fs.readFileSync(file(`tx-${month}.jsonl`), 'utf8').split('\n')
    lines[1] = '{"broken'
    fs.writeFileSync(file(`tx-${month}.jsonl`), lines.join('\n'))
    const { rows: loaded, notices } = cache.loadAll()
    expect(loaded).toHaveLength(rows.length)
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'shard_corrupt', month, reason: 'invalid_json', setAsideAs: `tx-${month}.corrupt-2026-05-20T16-56-08-000Z.jsonl` })
    ])
    expect(fs.existsSync(file(`tx-${month}.jsonl`))).toBe(false)
    expect(cache.getMeta().shards[month]).toEqual({ rows: newest.length, needsResync: true })
    expect(openTransactionCache({ dir }).getMeta().shards[month]?.needsResync).toBe(true)
  })

  it('sets a corrupt base and its journal aside and flags the month', () => {
    const { rows, newest, month } = seeded()
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    cache.upsertRows([{ ...(newest[0] as PayInTransaction), payoutStatus: 'a' }])
    fs.writeFileSync(file(`tx-${month}.json`), '{"schema":"secpaid-desk/tx-shard","rows":[[1')
    const { rows: loaded, notices } = cache.loadAll()
    expect(loaded).toHaveLength(rows.length - newest.length)
    expect(notices).toEqual([expect.objectContaining({ kind: 'shard_corrupt', month, reason: 'invalid_json' })])
    expect(fs.readdirSync(dir).filter((f) => f.includes('.corrupt-')).sort()).toEqual([
      expect.stringMatching(new RegExp(`^tx-${month}\\.corrupt-.*\\.json$`)),
      expect.stringMatching(new RegExp(`^tx-${month}\\.corrupt-.*\\.jsonl$`))
    ])
    expect(cache.getMeta().shards[month]).toEqual({ rows: 0, needsResync: true })
  })

  it('never replays a journal onto a base it was not written against', () => {
    const { rows, newest, month } = seeded()
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    const base = fs.readFileSync(file(`tx-${month}.json`), 'utf8')
    cache.upsertRows([{ ...(newest[0] as PayInTransaction), payoutStatus: 'stale?' }])
    // Another writer (e.g. an older version of the app) rewrote the base meanwhile.
    fs.writeFileSync(file(`tx-${month}.json`), base.replace(/"gen":"[0-9a-f]+",/, '"gen":"other",'))
    const { rows: loaded, notices } = openTransactionCache({ dir }).loadAll()
    expect(byKey(loaded).get(transactionKey(newest[0] as PayInTransaction))?.payoutStatus).toBe((newest[0] as PayInTransaction).payoutStatus)
    expect(notices).toEqual([expect.objectContaining({ kind: 'shard_corrupt', month, reason: 'invalid_content' })])
  })

  it('compaction folds the journal into a new base and drops the journal', () => {
    const { rows, newest, month } = seeded()
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    // Enough single-row syncs to pass the compaction threshold.
    for (let n = 0; cache.monthsToCompact().length === 0; n++) cache.upsertRows(longNotes(newest, n))
    expect(cache.monthsToCompact()).toEqual([month])
    const expected = openTransactionCache({ dir }).loadAll().rows
    expect(cache.compact()).toEqual([month])
    expect(fs.existsSync(file(`tx-${month}.jsonl`))).toBe(false)
    expect(cache.monthsToCompact()).toEqual([])
    expect(openTransactionCache({ dir }).loadAll()).toEqual({ rows: expected, notices: [] })
  })

  it('a journal left behind by a compaction killed before its unlink is recognised as folded', () => {
    const { rows, newest, month } = seeded()
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    for (let n = 0; cache.monthsToCompact().length === 0; n++) cache.upsertRows(longNotes(newest, n))
    const journal = fs.readFileSync(file(`tx-${month}.jsonl`))
    cache.compact()
    const expected = openTransactionCache({ dir }).loadAll().rows
    // Put back the first journal generation: as if the kill came between rename and unlink.
    const stale = fs.readFileSync(file(`tx-${month}.json`), 'utf8')
    const folded = /"folded":"([0-9a-f]+)"/.exec(stale)?.[1]
    expect(folded).toBeDefined()
    const header = JSON.parse(journal.toString('utf8').split('\n')[0] as string) as { base: string }
    expect(header.base).toBe(folded)
    fs.writeFileSync(file(`tx-${month}.jsonl`), journal)
    expect(openTransactionCache({ dir }).loadAll()).toEqual({ rows: expected, notices: [] })
    expect(fs.existsSync(file(`tx-${month}.jsonl`))).toBe(false)
  })

  it('opens a v1 cache written before journals existed, and journals onto it', () => {
    const { rows, newest } = seeded()
    openTransactionCache({ dir }).replaceAll(rows)
    // Strip the base ids: exactly what the previous version wrote.
    for (const f of fs.readdirSync(dir).filter((x) => /^tx-.*\.json$/.test(x))) {
      const doc = JSON.parse(fs.readFileSync(file(f), 'utf8')) as Record<string, unknown>
      delete doc['gen']
      fs.writeFileSync(file(f), JSON.stringify(doc))
    }
    const cache = openTransactionCache({ dir })
    expect(cache.loadAll()).toEqual({ rows: openTransactionCache({ dir }).loadAll().rows, notices: [] })
    const changed = { ...(newest[0] as PayInTransaction), payoutStatus: 'after-upgrade' }
    cache.upsertRows([changed])
    expect(byKey(openTransactionCache({ dir }).loadAll().rows).get(transactionKey(changed))).toEqual(changed)
  })

  it('hands out months newest first, each read when reached (a change in between is included)', () => {
    const { rows, month } = seeded()
    openTransactionCache({ dir }).replaceAll(rows)
    const cache = openTransactionCache({ dir })
    const loader = cache.loadMonths()
    expect(loader.monthsTotal).toBe(2)
    const it = loader[Symbol.iterator]()
    const first = it.next()
    expect(first.done).toBe(false)
    expect(first.value?.month).toBe(month)
    const older = rows.find((r) => !r.createdAt.startsWith(month)) as PayInTransaction
    const changed = { ...older, payoutStatus: 'changed-while-loading' }
    // A change before the older month was handed out: the cache reads the rest first (so the
    // row is known as an update, not an insert) and the month is handed out with the change.
    expect(cache.upsertRows([changed])).toMatchObject({ inserted: 0, updated: 1 })
    const second = it.next()
    expect((second.value as LoadedMonth).rows.map(decodeRow).find((r) => transactionKey(r) === transactionKey(changed))).toEqual(changed)
    expect(it.next().done).toBe(true)
    expect(cache.monthsPresent()).toHaveLength(2)
  })
})
