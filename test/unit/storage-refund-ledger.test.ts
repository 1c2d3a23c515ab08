import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  LEDGER_SCHEMA,
  LedgerHeaderError,
  LedgerLockedError,
  LedgerVersionError,
  type LedgerEvent,
  openRefundLedgerStore
} from '../../src/main/services/storage/refund-ledger-store'

let dir: string
let file: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-ledger-'))
  file = path.join(dir, 'refund-ledger.jsonl')
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function ev(n: number, type = 'requested'): LedgerEvent {
  return { v: 1, requestId: `req-${n}`, at: '2026-05-20T16:56:08.000Z', type, data: { payId: '1001', amount: n } }
}

const lines = (): string[] => fs.readFileSync(file, 'utf8').split('\n')

describe('refund ledger store', () => {
  it('creates the file with a header and appends one line per event', () => {
    const store = openRefundLedgerStore({ file })
    expect(store.readAll()).toEqual({ events: [], notices: [], writable: true })
    store.append(ev(1))
    store.append(ev(2, 'sent'))
    expect(lines()).toEqual([JSON.stringify({ schema: LEDGER_SCHEMA, version: 1 }), JSON.stringify(ev(1)), JSON.stringify(ev(2, 'sent')), ''])
    expect(openRefundLedgerStore({ file }).readAll()).toEqual({ events: [ev(1), ev(2, 'sent')], notices: [], writable: true })
    // No lock is left behind between appends.
    expect(fs.readdirSync(dir)).toEqual(['refund-ledger.jsonl'])
  })

  it('rejects an invalid event without touching the file', () => {
    const store = openRefundLedgerStore({ file })
    store.append(ev(1))
    const before = fs.readFileSync(file, 'utf8')
    expect(() => store.append({ ...ev(2), at: 'yesterday' })).toThrow()
    expect(fs.readFileSync(file, 'utf8')).toBe(before)
  })

  it('ignores a torn last line, then terminates it before the next append', () => {
    const store = openRefundLedgerStore({ file })
    store.append(ev(1))
    const torn = JSON.stringify(ev(2)).slice(0, 25)
    fs.appendFileSync(file, torn) // process killed mid-append
    expect(store.readAll()).toEqual({
      events: [ev(1)],
      notices: [{ kind: 'torn_tail', line: 3, bytes: Buffer.byteLength(torn) }],
      writable: true
    })
    store.append(ev(3))
    const r = store.readAll()
    expect(r.events).toEqual([ev(1), ev(3)])
    expect(r.notices).toEqual([{ kind: 'corrupt_line', line: 3, detail: 'not JSON' }])
  })

  it('accepts a complete last event whose newline is missing', () => {
    const store = openRefundLedgerStore({ file })
    store.append(ev(1))
    fs.appendFileSync(file, JSON.stringify(ev(2)))
    expect(store.readAll().events).toEqual([ev(1), ev(2)])
    store.append(ev(3))
    expect(store.readAll()).toMatchObject({ events: [ev(1), ev(2), ev(3)], notices: [] })
  })

  it('skips a corrupt line in the middle and keeps everything else', () => {
    const store = openRefundLedgerStore({ file })
    store.append(ev(1))
    fs.appendFileSync(file, '{"v":1,"requestId":"x"}\n\u0000\u0000garbage\n')
    store.append(ev(2))
    const r = store.readAll()
    expect(r.events).toEqual([ev(1), ev(2)])
    expect(r.notices.map((n) => [n.kind, 'line' in n ? n.line : 0])).toEqual([
      ['corrupt_line', 3],
      ['corrupt_line', 4]
    ])
    expect(r.writable).toBe(true)
  })

  it('refuses to write a newer format version but still reads it', () => {
    fs.writeFileSync(file, `${JSON.stringify({ schema: LEDGER_SCHEMA, version: 2 })}\n${JSON.stringify(ev(1))}\n`)
    const before = fs.readFileSync(file, 'utf8')
    const store = openRefundLedgerStore({ file })
    expect(store.readAll()).toEqual({ events: [ev(1)], notices: [{ kind: 'unsupported_version', version: 2 }], writable: false })
    expect(() => store.append(ev(2))).toThrow(LedgerVersionError)
    expect(fs.readFileSync(file, 'utf8')).toBe(before)
  })

  it('refuses to write to a file without a ledger header', () => {
    fs.writeFileSync(file, 'hello\n')
    const store = openRefundLedgerStore({ file })
    expect(store.readAll()).toMatchObject({ writable: false, notices: [{ kind: 'invalid_header' }] })
    expect(() => store.append(ev(1))).toThrow(LedgerHeaderError)
    expect(fs.readFileSync(file, 'utf8')).toBe('hello\n')
  })

  describe('writer lock', () => {
    const lockFile = (): string => path.join(dir, 'refund-ledger.lock')

    it('waits for a live holder, then refuses to append while it still holds the lock', async () => {
      const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
      try {
        fs.writeFileSync(lockFile(), `${holder.pid}\n`)
        const store = openRefundLedgerStore({ file, lockWaitMs: 300 })
        let error: unknown
        const started = performance.now()
        try {
          store.append(ev(1))
        } catch (e) {
          error = e
        }
        expect(performance.now() - started).toBeGreaterThanOrEqual(280)
        expect(error).toBeInstanceOf(LedgerLockedError)
        expect((error as LedgerLockedError).holderPid).toBe(holder.pid)
        expect(fs.existsSync(file)).toBe(false)
        expect(fs.readFileSync(lockFile(), 'utf8')).toBe(`${holder.pid}\n`)
      } finally {
        holder.kill('SIGKILL')
        await new Promise((resolve) => holder.once('exit', resolve))
      }
    })

    it('waits (synchronously) for a live holder that releases the lock within the wait', async () => {
      // The holder removes its lock after ~250 ms and stays alive: a plain retry-free acquire
      // would have failed at once.
      const script = `setTimeout(() => require('fs').rmSync(${JSON.stringify(lockFile())}, { force: true }), 250); setTimeout(() => {}, 30000)`
      const holder = spawn(process.execPath, ['-e', script])
      try {
        await new Promise((resolve) => holder.once('spawn', resolve))
        fs.writeFileSync(lockFile(), `${holder.pid}\n`)
        const started = performance.now()
        openRefundLedgerStore({ file }).append(ev(1)) // default wait: 3 s
        const waited = performance.now() - started
        expect(waited).toBeGreaterThanOrEqual(100)
        expect(waited).toBeLessThan(3000)
        expect(openRefundLedgerStore({ file }).readAll().events).toEqual([ev(1)])
        expect(fs.existsSync(lockFile())).toBe(false)
      } finally {
        holder.kill('SIGKILL')
        await new Promise((resolve) => holder.once('exit', resolve))
      }
    })

    it('takes over a stale lock of a dead process', async () => {
      const dead = spawn(process.execPath, ['-e', ''])
      await new Promise((resolve) => dead.once('exit', resolve))
      fs.writeFileSync(lockFile(), `${dead.pid}\n`)
      openRefundLedgerStore({ file }).append(ev(1))
      expect(openRefundLedgerStore({ file }).readAll().events).toEqual([ev(1)])
      expect(fs.existsSync(lockFile())).toBe(false)
    })

    it('a writer killed before its lock was in place blocks nobody; one killed holding it leaves nothing behind', async () => {
      const dead = spawn(process.execPath, ['-e', ''])
      await new Promise((resolve) => dead.once('exit', resolve))
      // Killed after writing the file its lock is linked from, before linking it: no lock exists.
      fs.writeFileSync(`${lockFile()}.${dead.pid}.tmp`, `${dead.pid}\n`)
      const started = performance.now()
      openRefundLedgerStore({ file }).append(ev(1))
      expect(performance.now() - started).toBeLessThan(1000) // no wait for a holder that never was
      // Killed holding the lock (linked, its pid file not removed yet): taken over, both cleaned up.
      fs.writeFileSync(lockFile(), `${dead.pid}\n`)
      openRefundLedgerStore({ file }).append(ev(2))
      expect(openRefundLedgerStore({ file }).readAll().events).toEqual([ev(1), ev(2)])
      expect(fs.readdirSync(dir).filter((n) => n.startsWith('refund-ledger.lock'))).toEqual([])
    })

    it('holds the lock across a read-check-append section and blocks a second writer', () => {
      const alive = (): boolean => true
      const app = openRefundLedgerStore({ file, pid: 111, isProcessAlive: alive })
      const cli = openRefundLedgerStore({ file, pid: 222, isProcessAlive: alive, lockWaitMs: 60 })
      app.withWriteLock(() => {
        expect(app.readAll().events).toEqual([])
        expect(fs.readFileSync(lockFile(), 'utf8')).toBe('111\n')
        expect(() => cli.append(ev(9))).toThrow(LedgerLockedError)
        app.append(ev(1)) // re-entrant
      })
      expect(fs.existsSync(lockFile())).toBe(false)
      cli.append(ev(2))
      expect(app.readAll().events).toEqual([ev(1), ev(2)])
    })
  })
})
