import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { parseLedgerEvent } from '../../src/main/services/refunds/ledger-events'
import { currentWriter, processStartTimeMs, writerStatus, type WriterIdentity } from '../../src/main/services/refunds/writer-identity'

const children: ChildProcess[] = []
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL')
      await new Promise((resolve) => c.once('exit', resolve))
    }
  }
})

function liveChild(): ChildProcess {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
  children.push(c)
  return c
}

async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => c.once('exit', resolve))
  if (c.pid === undefined) throw new Error('no pid')
  return c.pid
}

const iso = (ms: number): string => new Date(ms).toISOString()

describe('writer identity', () => {
  it('describes this process', () => {
    const me = currentWriter()
    expect(me).toMatchObject({ pid: process.pid, hostname: os.hostname() })
    expect(Date.parse(me.startedAt)).toBeLessThanOrEqual(Date.now())
    expect(currentWriter()).toBe(me)
    expect(writerStatus(me)).toBe('this_process')
  })

  it('same pid but another start: an earlier process that had our pid (container restart) is dead', () => {
    const me = currentWriter()
    expect(writerStatus({ ...me, startedAt: iso(Date.parse(me.startedAt) - 3_600_000) })).toBe('dead')
  })

  it('a pid that no longer exists is dead', async () => {
    const pid = await deadPid()
    expect(writerStatus({ pid, hostname: os.hostname(), startedAt: iso(Date.now() - 1000) })).toBe('dead')
  })

  it('a live process with a matching start marker is alive', async () => {
    const c = liveChild()
    await new Promise((resolve) => c.once('spawn', resolve))
    const pid = c.pid ?? 0
    const started = processStartTimeMs(pid) ?? Date.now()
    expect(writerStatus({ pid, hostname: os.hostname(), startedAt: iso(started) })).toBe('alive')
  })

  it.runIf(process.platform === 'linux')('a live pid that started long after the writer = reused pid = dead', async () => {
    const c = liveChild()
    await new Promise((resolve) => c.once('spawn', resolve))
    const pid = c.pid ?? 0
    const started = processStartTimeMs(pid)
    expect(started).not.toBeNull()
    expect(Math.abs((started ?? 0) - Date.now())).toBeLessThan(60_000)
    expect(writerStatus({ pid, hostname: os.hostname(), startedAt: iso((started ?? 0) - 3_600_000) })).toBe('dead')
  })

  it('other hosts and unrecorded writers cannot be checked', () => {
    const other: WriterIdentity = { pid: 1, hostname: `${os.hostname()}-elsewhere`, startedAt: iso(Date.now()) }
    expect(writerStatus(other)).toBe('other_host')
    expect(writerStatus(undefined)).toBe('unknown')
  })

  it('EPERM counts as alive (a process of another user); injected checks are honoured', () => {
    const w: WriterIdentity = { pid: 424242, hostname: os.hostname(), startedAt: iso(Date.now()) }
    expect(writerStatus(w, { isProcessAlive: () => true, startTimeOf: () => null })).toBe('alive')
    expect(writerStatus(w, { isProcessAlive: () => false })).toBe('dead')
  })
})

describe('requested event: writer field', () => {
  const data = {
    env: 'demo',
    payId: '40001',
    amount: 100,
    isFullRefund: false,
    reason: 'duplicate',
    note: null,
    recipientNote: null,
    osUser: 'anna'
  }
  const event = (d: Record<string, unknown>): Parameters<typeof parseLedgerEvent>[0] => ({ v: 1, requestId: 'r1', at: '2025-05-10T08:00:00.000Z', type: 'requested', data: d })

  it('is optional: a ledger line written before it existed still parses', () => {
    expect(parseLedgerEvent(event(data))).toMatchObject({ type: 'requested', data: { payId: '40001' } })
  })
  it('is kept when present and checked when malformed', () => {
    const writer = { pid: 123, hostname: 'desk-1', startedAt: '2025-05-10T07:00:00.000Z' }
    expect(parseLedgerEvent(event({ ...data, writer }))).toMatchObject({ data: { writer } })
    expect(parseLedgerEvent(event({ ...data, writer: { pid: 'x' } }))).toHaveProperty('error')
  })
})
