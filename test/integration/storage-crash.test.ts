/**
 * Crash safety of the storage layer: a child process writes cache shards and ledger events in
 * a loop and is SIGKILLed at random moments. Afterwards every shard must load (atomic rename:
 * old or new content, never half a file) and every event whose append returned must be there.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openRefundLedgerStore } from '../../src/main/services/storage/refund-ledger-store'
import { openTransactionCache, transactionKey } from '../../src/main/services/storage/transaction-cache'
import { batchRows } from './fixtures/storage-crash-writer'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-crash-'))
const cacheDir = path.join(root, 'demo', 'cache')
const ledgerFile = path.join(root, 'demo', 'refund-ledger.jsonl')
const writer = path.join(__dirname, 'fixtures', 'storage-crash-writer.ts')
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

interface Progress {
  batches: number[]
  events: number[]
  notices: string[]
}

function startWriter(run: number, maxBatches?: number): { child: ChildProcess; progress: Progress; ready: Promise<void>; exited: Promise<number | null> } {
  const args = ['--import', 'tsx', writer, cacheDir, ledgerFile, String(run), ...(maxBatches === undefined ? [] : [String(maxBatches)])]
  const child = spawn(process.execPath, args, { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] })
  const progress: Progress = { batches: [], events: [], notices: [] }
  let buffered = ''
  let onReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const line of lines) {
      if (line === 'ready') onReady()
      else if (line.startsWith('B ')) progress.batches.push(Number(line.slice(2)))
      else if (line.startsWith('L ')) progress.events.push(Number(line.slice(2)))
      else if (line.startsWith('N ')) progress.notices.push(line.slice(2))
    }
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, progress, ready, exited }
}

describe('storage survives SIGKILL mid-write', () => {
  it('keeps every shard loadable and every fsynced ledger event', async () => {
    const kills = 6
    for (let run = 0; run < kills; run++) {
      const w = startWriter(run)
      await w.ready
      // Kill at a random moment after the first confirmed batch: a fixed delay alone could end
      // before a loaded machine wrote anything, and then nothing would be tested.
      const firstBatch = Date.now() + 20_000
      while (w.progress.batches.length === 0 && Date.now() < firstBatch) await new Promise((r) => setTimeout(r, 10))
      await new Promise((r) => setTimeout(r, Math.random() * 900))
      w.child.kill('SIGKILL')
      await w.exited
      // The child may have read a previous crash's leftovers: it must not have seen corruption.
      expect(w.progress.notices).toEqual([])
      expect(w.progress.batches.length).toBeGreaterThan(0)

      const { rows, notices } = openTransactionCache({ dir: cacheDir }).loadAll()
      expect(notices).toEqual([])
      const stored = new Map(rows.map((r) => [transactionKey(r), r]))
      const last = Math.max(...w.progress.batches)
      for (const row of batchRows(run, last)) {
        expect(stored.get(transactionKey(row))?.payoutStatus).toBe(`r${run}-b${last}`)
      }

      const ledger = openRefundLedgerStore({ file: ledgerFile }).readAll()
      expect(ledger.writable).toBe(true)
      const ids = new Set(ledger.events.map((e) => e.requestId))
      for (const k of w.progress.events) expect(ids.has(`run${run}-${k}`)).toBe(true)
      // At most one event more than confirmed: the one in flight when the kill came.
      const ofRun = ledger.events.filter((e) => e.requestId.startsWith(`run${run}-`))
      expect(ofRun.length - w.progress.events.length).toBeLessThanOrEqual(1)
      expect(ledger.notices.every((n) => n.kind === 'torn_tail' || n.kind === 'corrupt_line')).toBe(true)
    }

    // After all the crashes a normal run still works end to end.
    const final = startWriter(99, 5)
    expect(await final.exited).toBe(0)
    expect(final.progress.events).toEqual([0, 1, 2, 3, 4])
    const ledger = openRefundLedgerStore({ file: ledgerFile }).readAll()
    expect(ledger.events.filter((e) => e.requestId.startsWith('run99-'))).toHaveLength(5)
    const meta = openTransactionCache({ dir: cacheDir }).getMeta()
    expect(Object.values(meta.shards).every((s) => !s.needsResync)).toBe(true)
  }, 120_000)
})
