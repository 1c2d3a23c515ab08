/**
 * The payout store on disk (conf, a temporary folder): every sync fetches all payouts, so the
 * store must rewrite the list only when it changed and still remember when it was last fetched.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PayOutTransaction } from '../../src/shared/domain'
import { openPayoutStore } from '../../src/main/services/payouts'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'

const dirs: string[] = []
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'payout-store-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function payout(day: number, amount: number): PayOutTransaction {
  const date = `2026-10-${String(day).padStart(2, '0')}`
  return {
    payoutId: `po-${day}`, userId: null, transactionId: `tx-po-${day}`, payoutAmount: amount, serviceFee: 35, netAmount: amount - 35,
    payoutStatus: 'approved', requestDate: date, createdAt: `${date} 06:00:00`, isSplitLink: false, isDispute: false, isRefund: false,
    transactionType: 'PAYOUT'
  }
}

const open = (dir: string) => openPayoutStore({ dir, engine: createConfEngine(), now: () => new Date('2026-11-20T10:00:00Z') })
const T1 = new Date('2026-11-20T10:00:00Z')
const T2 = new Date('2026-11-20T10:05:00Z')
const T3 = new Date('2026-11-20T10:10:00Z')

describe('payout store', () => {
  it('a fetch that finds the same payouts leaves their file untouched and records only when it fetched', () => {
    const dir = folder()
    open(dir).replace([payout(1, 10000), payout(2, 20000)], T1)
    const file = join(dir, 'payouts.json')
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs }
    // Same payouts in another order (the API's order is not ours).
    open(dir).replace([payout(2, 20000), payout(1, 10000)], T2)
    expect(readFileSync(file, 'utf8')).toBe(before.text)
    expect(statSync(file).mtimeMs).toBe(before.mtime)
    const fetched = readFileSync(join(dir, 'payouts-fetched.json'), 'utf8')
    expect(fetched.length).toBeLessThan(120)
    const again = open(dir)
    expect(again.syncedAt()).toBe(T2.toISOString())
    expect(again.all().map((p) => p.payoutId)).toEqual(['po-2', 'po-1'])
  })

  it('a changed payout rewrites the list, and the later of the two times is the one shown', () => {
    const dir = folder()
    const store = open(dir)
    store.replace([payout(1, 10000)], T1)
    store.replace([payout(1, 10000)], T2) // unchanged: fetch time T2 in the small file
    store.replace([payout(1, 10050), payout(3, 5000)], T3) // changed: the list with T3
    const again = open(dir)
    expect(again.all()).toEqual([payout(3, 5000), payout(1, 10050)])
    // The small file still says T2 (a sync stopped before writing it looks the same): T3 wins.
    expect(JSON.parse(readFileSync(join(dir, 'payouts-fetched.json'), 'utf8')).syncedAt).toBe(T2.toISOString())
    expect(again.syncedAt()).toBe(T3.toISOString())
  })

  it('a payouts file this version cannot read is rewritten by the next fetch, even one that finds nothing', () => {
    const dir = folder()
    writeFileSync(join(dir, 'payouts.json'), JSON.stringify({ schemaVersion: 2, payouts: 'elsewhere' }))
    const store = open(dir)
    expect(store.all()).toEqual([])
    store.replace([], T1)
    expect(JSON.parse(readFileSync(join(dir, 'payouts.json'), 'utf8'))).toEqual({ schemaVersion: 1, syncedAt: T1.toISOString(), payouts: [] })
    expect(open(dir).notices).toEqual([])
  })

  it('an unreadable fetch-time file is set aside, not deleted, and the payouts keep their own time', () => {
    const dir = folder()
    open(dir).replace([payout(1, 10000)], T1)
    writeFileSync(join(dir, 'payouts-fetched.json'), '{"schemaVersion":1,"synced')
    const store = open(dir)
    expect(store.notices).toEqual([expect.objectContaining({ code: 'file_set_aside', params: expect.objectContaining({ file: 'payouts' }) })])
    expect(readdirSync(dir).some((f) => f.startsWith('payouts-fetched.corrupt-'))).toBe(true)
    expect(store.syncedAt()).toBe(T1.toISOString())
    expect(store.all()).toEqual([payout(1, 10000)])
  })
})
