/**
 * Month files are written as pure ASCII now (non-ASCII characters as JSON `\uXXXX` escapes, so
 * they decode as one-byte strings). A cache written by the version before — raw UTF-8 bases and
 * journal lines, test/fixtures/cache-v1/ (made by the writes in storage-cache-v1-rows.ts) — must
 * open unchanged, take new writes, and keep every character.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTransactionCache } from '../../src/main/services/storage/transaction-cache'
import { FIXTURE_ROWS, FIXTURE_WRITES, HELD } from './storage-cache-v1-rows'

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/cache-v1')

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-cache-v1-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const filesOf = (d: string): Record<string, Buffer> => Object.fromEntries(fs.readdirSync(d).sort().map((f) => [f, fs.readFileSync(path.join(d, f))]))
const isAsciiBytes = (b: Buffer): boolean => b.every((byte) => byte < 0x80)
const byPayIdAndType = (rows: readonly { payId: string; transactionType: string }[]): string[] => rows.map((r) => `${r.payId}/${r.transactionType}`)

describe('a cache written as UTF-8 by the previous version', () => {
  beforeEach(() => {
    fs.cpSync(FIXTURE, dir, { recursive: true })
  })

  it('is raw UTF-8 (the fixture really holds non-ASCII bytes)', () => {
    expect(Object.values(filesOf(dir)).some((b) => !isAsciiBytes(b))).toBe(true)
  })

  it('opens unchanged: every row and character, no notice, no file rewritten', () => {
    const before = filesOf(dir)
    const cache = openTransactionCache({ dir })
    expect(cache.loadAll()).toEqual({ rows: FIXTURE_ROWS, notices: [] })
    expect(cache.getMeta().shards).toEqual({ '2026-01': { rows: 2, needsResync: false }, '2026-02': { rows: 3, needsResync: false } })
    expect(cache.getMeta().lastSuccessfulSyncAt).toBe('2026-02-20T10:05:00.000Z')
    expect(filesOf(dir)).toEqual(before)
  })

  it('takes writes onto its UTF-8 journals (ASCII lines appended), and reads the mixed journal back', () => {
    const cache = openTransactionCache({ dir })
    cache.loadAll()
    const { p1, p2, p3, p4, r2 } = HELD
    const p1b = { ...p1, recipientNote: 'Rechnung RE-1 – Müller (storniert ✗ 😀)' }
    const p4moved = { ...p4, createdAt: '2026-01-20 12:00:00' }
    // A changed row, an unchanged row without transactionId, a row moved to another month.
    expect(cache.upsertRows([p1b, p2, p4moved])).toEqual({ inserted: 0, updated: 2, unchanged: 1, monthsWritten: ['2026-01', '2026-02'] })
    const journal = fs.readFileSync(path.join(dir, 'tx-2026-01.jsonl'))
    const appended = journal.subarray(fs.statSync(path.join(FIXTURE, 'tx-2026-01.jsonl')).size)
    expect(appended.length).toBeGreaterThan(0)
    expect(isAsciiBytes(appended)).toBe(true)
    const reopened = openTransactionCache({ dir }).loadAll()
    expect(reopened.notices).toEqual([])
    expect(reopened.rows).toEqual([p1b, p2, p4moved, r2, p3])
    expect(byPayIdAndType(reopened.rows)).toEqual(['1/Basic', '2/Basic', '4/Basic', '2/Refund', '3/Basic'])
  })
})

describe('month files written now', () => {
  it('are pure ASCII and load the same rows as the UTF-8 files of the same writes', () => {
    const cache = openTransactionCache({ dir })
    for (const w of FIXTURE_WRITES) {
      if (w.kind === 'replace') cache.replaceAll(w.rows)
      else cache.upsertRows(w.rows)
    }
    const files = filesOf(dir)
    expect(Object.keys(files)).toEqual(['meta.json', 'tx-2026-01.json', 'tx-2026-01.jsonl', 'tx-2026-02.json', 'tx-2026-02.jsonl'])
    for (const [name, bytes] of Object.entries(files)) if (name.startsWith('tx-')) expect(isAsciiBytes(bytes), name).toBe(true)
    expect(openTransactionCache({ dir }).loadAll()).toEqual({ rows: FIXTURE_ROWS, notices: [] })
  })

  it('keep characters JSON can only carry escaped (lone surrogates, controls) through base and journal', () => {
    const odd = 'a\ud800b \udc00 \u0000 \u007f \u2028 \ufeff \uffff 😀'
    const row = { ...HELD.p1, recipientNote: odd }
    const cache = openTransactionCache({ dir })
    cache.replaceAll([row])
    expect(openTransactionCache({ dir }).loadAll().rows).toEqual([row])
    const changed = { ...row, recipientNote: `${odd}!` }
    cache.upsertRows([changed])
    expect(isAsciiBytes(fs.readFileSync(path.join(dir, 'tx-2026-01.jsonl')))).toBe(true)
    expect(openTransactionCache({ dir }).loadAll().rows).toEqual([changed])
  })
})
