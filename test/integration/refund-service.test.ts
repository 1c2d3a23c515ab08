/**
 * The refund service against the REAL simulator over loopback, the REAL ledger store in a temp
 * dir and the REAL SecPaid client (no mocks of our own code: docs/architecture.md#testing). Side
 * effects are counted in the simulator's request log (Signal's fake-server model).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { TransactionView } from '../../src/shared/views'
import { rowKindOf } from '../../src/main/services/query/row-kind'
import { createRateLimiter, createSecpaidClient, payInRowKey, type SecpaidClient } from '../../src/main/services/secpaid'
import { openRefundLedgerStore } from '../../src/main/services/storage/refund-ledger-store'
import {
  createRefundService,
  currentWriter,
  LedgerLockedError,
  makeLedgerEvent,
  openRefundLedger,
  RefundPreconditionError,
  RefundServiceError,
  RESEND_GUARD_MS,
  type RefundService,
  type RefundServiceDeps,
  type WriterIdentity
} from '../../src/main/services/refunds'
import { processStartTimeMs } from '../../src/main/services/refunds/writer-identity'
import { startSimulator, type RunningSimulator, type SimulatorAdmin } from '../../src/main/simulator'

let sim: RunningSimulator
let admin: SimulatorAdmin
const tmpDirs: string[] = []

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 11, rows: 400, rateLimitPerMinute: null })
  admin = sim.admin
})
afterEach(() => admin.reset()) // faults back to defaults; data is kept
afterAll(async () => {
  await sim.close()
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true })
})

/** Row → view with the query layer's own classification and the cache key (payInRowKey). */
function toView(row: PayInTransaction): TransactionView {
  return { ...row, key: payInRowKey(row), kind: rowKindOf(row), refundedCents: 0, pendingRefundCents: 0, refundState: 'none' }
}

interface Harness {
  service: RefundService
  client: SecpaidClient
  file: string
  dir: string
  rows: Map<string, TransactionView[]>
  online: { value: boolean }
  /** Shifts the services' clock (the 90 s re-send guard) without waiting. */
  clock: { offsetMs: number }
  refresh(payId: string): Promise<void>
  /**
   * Another service instance on the same ledger file (same process: env switch; or, with `writer`,
   * playing the CLI).
   */
  reopen(overrides?: Partial<RefundServiceDeps> & { lockWaitMs?: number }): RefundService
}

function harness(opts: { baseUrl?: string } = {}): Harness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refund-svc-'))
  tmpDirs.push(dir)
  const file = path.join(dir, 'demo', 'refund-ledger.jsonl')
  // No mkdir here on purpose: a fresh data dir must work (the store creates the folder).
  const client = createSecpaidClient({
    baseUrl: opts.baseUrl ?? sim.baseUrl,
    apiKey: sim.apiKey,
    limiter: createRateLimiter({ maxPerWindow: null }),
    timeoutMs: 5000,
    retry: { attempts: 1 }
  })
  const rows = new Map<string, TransactionView[]>()
  const online = { value: true }
  const clock = { offsetMs: 0 }
  const refresh = async (payId: string): Promise<void> => {
    const result = await client.getPayInTransactions({ payId })
    rows.set(payId, result.rows.map(toView))
  }
  const make = ({ lockWaitMs, ...overrides }: Partial<RefundServiceDeps> & { lockWaitMs?: number } = {}): RefundService =>
    createRefundService({
      ledger: openRefundLedger({ env: 'demo', store: openRefundLedgerStore({ file, ...(lockWaitMs !== undefined && { lockWaitMs }) }) }),
      getClient: () => client,
      lookupPayment: (payId) => {
        const all = rows.get(payId) ?? []
        const payment = all.find((r) => r.kind === 'payment')
        return { payment, related: all.filter((r) => r !== payment) }
      },
      refreshPayment: refresh,
      isOnline: () => online.value,
      osUser: 'tester',
      now: () => new Date(Date.now() + clock.offsetMs),
      newId: randomUUID,
      ...overrides
    })
  return { service: make(), client, file, dir, rows, online, clock, refresh, reopen: make }
}

async function freshPayment(h: Harness, amount = '50.00'): Promise<string> {
  const payId = admin.addPayment({ amount }).pay_id
  await h.refresh(payId)
  return payId
}

const refundCalls = (payId: string): number => admin.requestLog({ path: 'refundPayment', payId }).length
const pendingOnServer = (payId: string): number => admin.refundRequests('pending').filter((r) => r.payId === payId).length
const base = { isFullRefund: false, reason: 'requested_by_customer' as const, note: null }

const children: ChildProcess[] = []
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL')
      await new Promise((resolve) => c.once('exit', resolve))
    }
  }
})

/** A pid that belonged to a process which has exited. */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', ''])
  await new Promise((resolve) => c.once('exit', resolve))
  if (c.pid === undefined) throw new Error('no pid')
  return c.pid
}

/** A running process standing in for another SecPaid Desk process (the CLI, say). */
async function liveProcess(): Promise<{ child: ChildProcess; writer: WriterIdentity }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
  children.push(child)
  await new Promise((resolve) => child.once('spawn', resolve))
  const pid = child.pid ?? 0
  const started = processStartTimeMs(pid) ?? Date.now()
  return { child, writer: { pid, hostname: os.hostname(), startedAt: new Date(started).toISOString() } }
}

/**
 * Journals a `requested` event as another process would (nothing sent, nothing in this process's
 * registry).
 */
function plantRequested(h: Harness, id: string, payId: string, opts: { writer?: WriterIdentity; at?: Date } = {}): void {
  openRefundLedgerStore({ file: h.file }).append(
    makeLedgerEvent('requested', id, opts.at ?? new Date(), {
      env: 'demo', payId, amount: 999, isFullRefund: false, reason: 'duplicate', note: null, recipientNote: null, osUser: 'tester',
      ...(opts.writer && { writer: opts.writer })
    })
  )
}

const ledgerLines = (h: Harness, id: string): string[] => fs.readFileSync(h.file, 'utf8').split('\n').filter((l) => l.includes(`"requestId":"${id}"`))
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('refund service against the simulator', () => {
  it('a partial refund is journaled, sent once and ends submitted', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const req = await h.service.submit({ ...base, payId, amount: 1250 })
    expect(req).toMatchObject({ payId, amount: 1250, state: 'submitted', env: 'demo' })
    expect(req.serverMessage).toMatch(/sent successfully/)
    expect(req.history.map((e) => e.state)).toEqual(['submitting', 'submitted'])
    expect(refundCalls(payId)).toBe(1)
    expect(pendingOnServer(payId)).toBe(1)
    expect(admin.refundRequests('pending').find((r) => r.payId === payId)?.amount).toBe('12.50')
    expect(h.service.eligibility(payId)).toMatchObject({ allowed: false, reasons: ['open_request'], pending: 1250, remaining: 3750 })
  })

  it('two concurrent submits for one pay_id → exactly one refundPayment; the second fails with open_request', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const results = await Promise.allSettled([
      h.service.submit({ ...base, payId, amount: 1000 }),
      h.service.submit({ ...base, payId, amount: 1000 })
    ])
    const ok = results.filter((r) => r.status === 'fulfilled')
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(failed).toHaveLength(1)
    expect(failed[0]?.reason).toBeInstanceOf(RefundPreconditionError)
    expect((failed[0]?.reason as RefundPreconditionError).reasons).toContain('open_request')
    expect(refundCalls(payId)).toBe(1)
    expect(h.service.list().filter((r) => r.payId === payId)).toHaveLength(1)
  })

  it('two service instances on one ledger (app + CLI) → still exactly one refundPayment', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const other = h.reopen() // its own in-flight set: only the journal can stop it
    const results = await Promise.allSettled([
      h.service.submit({ ...base, payId, amount: 900 }),
      other.submit({ ...base, payId, amount: 900 })
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(refundCalls(payId)).toBe(1)
    const requestedLines = fs.readFileSync(h.file, 'utf8').split('\n').filter((l) => l.includes('"type":"requested"'))
    expect(requestedLines).toHaveLength(1)
  })

  it('a second submit after the first is blocked locally with no HTTP call at all', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    await h.service.submit({ ...base, payId, amount: 500 })
    const before = admin.requestLog().length
    await expect(h.service.submit({ ...base, payId, amount: 500 })).rejects.toMatchObject({ reasons: ['open_request'] })
    expect(admin.requestLog().length).toBe(before)
  })

  it('local pre-checks: amount, offline, not found — nothing journaled, nothing sent', async () => {
    const h = harness()
    const payId = await freshPayment(h, '20.00')
    const before = admin.requestLog().length
    await expect(h.service.submit({ ...base, payId, amount: 2001 })).rejects.toMatchObject({ reasons: ['amount_exceeds_original'] })
    await expect(h.service.submit({ ...base, payId, amount: 0 })).rejects.toMatchObject({ reasons: ['amount_not_positive'] })
    await expect(h.service.submit({ ...base, payId, amount: 100, reason: 'other' })).rejects.toMatchObject({ reasons: ['note_required'] })
    await expect(h.service.submit({ ...base, payId: '1', amount: 100 })).rejects.toMatchObject({ reasons: ['not_found'] })
    h.online.value = false
    const err = await h.service.submit({ ...base, payId, amount: 100 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RefundPreconditionError)
    expect((err as RefundPreconditionError).message).toMatch(/offline/)
    expect(admin.requestLog().length).toBe(before)
    expect(h.service.list()).toEqual([])
  })

  it('server refusals become rejected with their code, and block further attempts where permanent', async () => {
    const h = harness()
    // Remaining changed server-side (a refund approved from the web dashboard); our cache is stale.
    const payId = await freshPayment(h, '50.00')
    await h.client.refundPayment({ payId, amount: 3000, isFullRefund: false })
    admin.approveRefund(payId)
    const stale = await h.service.submit({ ...base, payId, amount: 4000 })
    expect(stale).toMatchObject({ state: 'rejected', rejectionCode: 'invalid_amount', serverMessage: 'Invalid refund amount' })

    const expectRejected = async (payId: string, code: string, block: string): Promise<void> => {
      const info = admin.payment(payId)
      if (!info) throw new Error(`no payment ${payId}`)
      const amount = Math.round(Number(info.remaining) * 100) > 100 ? 100 : 1
      const r = await h.service.submit({ ...base, payId, amount })
      expect(r).toMatchObject({ state: 'rejected', rejectionCode: code })
      expect(h.service.eligibility(payId).reasons).toContain(block)
      const calls = refundCalls(payId)
      await expect(h.service.submit({ ...base, payId, amount })).rejects.toBeInstanceOf(RefundPreconditionError)
      expect(refundCalls(payId)).toBe(calls)
    }
    const cancelled = admin.payments({ kind: 'cancelled', limit: 50 }).find((p) => p.status === 'Success')
    const invoice = admin.payments({ kind: 'invoice', limit: 50 }).find((p) => p.status === 'Success')
    const disputed = admin.payments({ kind: 'dispute-open', limit: 50 })[0]
    if (!cancelled || !invoice || !disputed) throw new Error('seed lacks a special payment')
    for (const p of [cancelled, invoice]) await h.refresh(p.payId)
    await expectRejected(cancelled.payId, 'link_cancelled', 'cancelled_link')
    await expectRejected(invoice.payId, 'invoice', 'invoice')
    // A cache from before the dispute was opened: the payment row only, not yet flagged.
    const original = disputed.rows.find((r) => r.transaction_type !== 'Dispute')
    if (!original) throw new Error('no original row')
    await h.refresh(disputed.payId)
    h.rows.set(disputed.payId, (h.rows.get(disputed.payId) ?? []).filter((r) => r.kind === 'payment').map((r) => ({ ...r, isDispute: false })))
    await expectRejected(disputed.payId, 'dispute', 'disputed')
  })

  it('429 and connection refused are definite: rejected (rate_limited / not_sent)', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    admin.setFaults({ force429: 1 })
    expect(await h.service.submit({ ...base, payId, amount: 100 })).toMatchObject({ state: 'rejected', rejectionCode: 'rate_limited' })
    expect(pendingOnServer(payId)).toBe(0)

    const closed = await startSimulator({ port: 0, seed: 1, rows: 0, rateLimitPerMinute: null })
    const deadUrl = closed.baseUrl
    await closed.close()
    const dead = harness({ baseUrl: deadUrl })
    dead.rows.set(payId, h.rows.get(payId) ?? [])
    expect(await dead.service.submit({ ...base, payId, amount: 100 })).toMatchObject({ state: 'rejected', rejectionCode: 'not_sent' })
  })

  it('drop after commit → outcome_unknown → check again → submitted (confirmed by the duplicate)', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    admin.setFaults({ dropAfterRefundCommit: 1 })
    const first = await h.service.submit({ ...base, payId, amount: 2000 })
    expect(first.state).toBe('outcome_unknown')
    expect(pendingOnServer(payId)).toBe(1)
    expect(refundCalls(payId)).toBe(1)
    // Still blocks a new request while unknown.
    await expect(h.service.submit({ ...base, payId, amount: 2000 })).rejects.toMatchObject({ reasons: ['open_request'] })
    // Right away, the first attempt could still be on its way: no re-send yet.
    const early = await h.service.checkAgain(first.id).catch((e: unknown) => e)
    expect(early).toBeInstanceOf(RefundServiceError)
    expect(early).toMatchObject({ code: 'busy' })
    expect((early as Error).message).toMatch(/may still be in flight.*Nothing was re-sent; check again in \d+ s/)
    expect(refundCalls(payId)).toBe(1)
    expect(h.service.get(first.id)?.state).toBe('outcome_unknown')

    h.clock.offsetMs = RESEND_GUARD_MS + 1000
    const checked = await h.service.checkAgain(first.id)
    expect(checked.state).toBe('submitted')
    expect(checked.serverMessage).toBe('Refund already requested')
    expect(checked.history.at(-1)?.note).toBe('confirmed: the first request reached SecPaid')
    expect(checked.history.map((e) => e.state)).toEqual(['submitting', 'outcome_unknown', 'outcome_unknown', 'submitted'])
    expect(refundCalls(payId)).toBe(2)
    expect(pendingOnServer(payId)).toBe(1)
    // The re-send itself starts a new guard window.
    const again = h.reopen()
    expect(again.get(first.id)?.state).toBe('submitted')
  })

  it('5xx before SecPaid recorded it → outcome_unknown → check again sends it now', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    admin.setFaults({ errorRate: 1 })
    const first = await h.service.submit({ ...base, payId, amount: 700 })
    admin.setFaults({ errorRate: 0 })
    expect(first).toMatchObject({ state: 'outcome_unknown', rejectionCode: null })
    expect(pendingOnServer(payId)).toBe(0)
    await expect(h.service.checkAgain(first.id)).rejects.toMatchObject({ code: 'busy' })
    expect(refundCalls(payId)).toBe(1)
    h.clock.offsetMs = RESEND_GUARD_MS + 1000
    const checked = await h.service.checkAgain(first.id)
    expect(checked.state).toBe('submitted')
    expect(checked.history.at(-1)?.note).toBe('the first request had not arrived; sent now')
    expect(pendingOnServer(payId)).toBe(1)
  })

  it('check again needs a connection, and an open request', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const r = await h.service.submit({ ...base, payId, amount: 100 })
    h.online.value = false
    await expect(h.service.checkAgain(r.id)).rejects.toMatchObject({ code: 'offline' })
    h.online.value = true
    const calls = refundCalls(payId)
    // Submitted: check again only refreshes, never re-sends.
    expect((await h.service.checkAgain(r.id)).state).toBe('submitted')
    expect(refundCalls(payId)).toBe(calls)
    await expect(h.service.checkAgain('nope')).rejects.toBeInstanceOf(RefundServiceError)
  })

  it('approval on the admin side → refresh → reconcile → refunded, linked to the entry', async () => {
    const h = harness()
    const payId = await freshPayment(h, '80.00')
    const r = await h.service.submit({ ...base, payId, amount: 8000, isFullRefund: true })
    expect(r.state).toBe('submitted')
    const entry = admin.approveRefund(payId)
    await h.refresh(payId)
    expect(h.service.reconcile((p) => h.rows.get(p) ?? [])).toBe(1)
    const done = h.service.get(r.id)
    expect(done).toMatchObject({ state: 'refunded', refundEntryKey: `t:${entry.transaction_id}` })
    expect(done?.history.at(-1)).toMatchObject({ state: 'refunded', osUser: 'system' })
    expect(h.service.reconcile((p) => h.rows.get(p) ?? [])).toBe(0)
    expect(h.service.eligibility(payId)).toMatchObject({ reasons: ['fully_refunded'], refunded: 8000, remaining: 0 })
  })

  it('denial on the admin side → markDenied with the reason', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const r = await h.service.submit({ ...base, payId, amount: 300 })
    admin.denyRefund(payId, 'Outside the refund window')
    const denied = h.service.markDenied(r.id, 'Outside the refund window (e-mail from SecPaid)')
    expect(denied).toMatchObject({ state: 'denied', deniedReason: 'Outside the refund window (e-mail from SecPaid)' })
    expect(() => h.service.markDenied(r.id, 'again')).toThrow(RefundServiceError)
    expect(h.service.eligibility(payId).allowed).toBe(true)
  })

  it('crash recovery, durable history, and no API key in the ledger', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    await h.service.submit({ ...base, payId, amount: 400, note: 'broken zipper' })
    // A second payment whose request was journaled but the sending process died before the reply.
    const payId2 = await freshPayment(h)
    plantRequested(h, 'crashed-1', payId2, { writer: { pid: await deadPid(), hostname: os.hostname(), startedAt: new Date(Date.now() - 5000).toISOString() } })
    const reopened = h.reopen()
    expect(reopened.get('crashed-1')?.state).toBe('submitting')
    expect(reopened.recoverAfterCrash()).toBe(1)
    const recovered = reopened.get('crashed-1')
    expect(recovered?.state).toBe('outcome_unknown')
    expect(recovered?.history.at(-1)?.note).toBe('app closed before SecPaid answered')
    expect(reopened.recoverAfterCrash()).toBe(0)

    const again = h.reopen().list()
    expect(again).toHaveLength(2)
    expect(again[0]).toMatchObject({ payId, state: 'submitted', note: 'broken zipper' })
    expect(again[0]?.history.map((e) => [e.state, e.osUser])).toEqual([['submitting', 'tester'], ['submitted', 'tester']])
    const text = fs.readFileSync(h.file, 'utf8')
    expect(text.split('\n')[0]).toContain('secpaid-desk/refund-ledger')
    for (const f of fs.readdirSync(h.dir, { recursive: true, encoding: 'utf8' })) {
      const p = path.join(h.dir, f)
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p, 'utf8')).not.toContain(sim.apiKey)
    }
  })
})

describe('a refund on the wire is never flipped or sent twice', () => {
  it('second service instance in this process (env switch A→B→A): recoverAfterCrash and checkAgain leave a live send alone', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    admin.setFaults({ latencyMs: 1500 })
    const sending = h.service.submit({ ...base, payId, amount: 1100 })
    await sleep(200) // the request is journaled (synchronously) and now on the wire
    const other = h.reopen()
    const id = other.list().find((r) => r.payId === payId)?.id ?? ''
    expect(other.get(id)?.state).toBe('submitting')
    expect(JSON.parse(ledgerLines(h, id)[0] ?? '{}').data.writer).toEqual(currentWriter())

    expect(other.recoverAfterCrash()).toBe(0)
    const busy = await other.checkAgain(id).catch((e: unknown) => e)
    expect(busy).toBeInstanceOf(RefundServiceError)
    expect(busy).toMatchObject({ code: 'busy' })
    expect((busy as Error).message).toMatch(/still being sent/)
    await expect(other.submit({ ...base, payId, amount: 100 })).rejects.toMatchObject({ reasons: ['open_request'] })
    expect(other.get(id)?.state).toBe('submitting')

    const done = await sending
    expect(done).toMatchObject({ id, state: 'submitted' })
    expect(done.history.map((e) => e.state)).toEqual(['submitting', 'submitted'])
    expect(refundCalls(payId)).toBe(1)
    expect(ledgerLines(h, id).some((l) => l.includes('outcome_unknown'))).toBe(false)
    // Afterwards check again only refreshes a submitted request.
    admin.setFaults({ latencyMs: 0 })
    expect((await other.checkAgain(id)).state).toBe('submitted')
    expect(refundCalls(payId)).toBe(1)
  })

  it('another live process is sending: not recovered, check again refuses; recovered once that process is gone', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const cli = await liveProcess()
    plantRequested(h, 'cli-1', payId, { writer: cli.writer })
    expect(h.service.recoverAfterCrash()).toBe(0)
    await expect(h.service.checkAgain('cli-1')).rejects.toMatchObject({ code: 'busy' })
    expect(h.reopen().recoverAfterCrash()).toBe(0)
    expect(h.service.get('cli-1')?.state).toBe('submitting')

    cli.child.kill('SIGKILL')
    await new Promise((resolve) => cli.child.once('exit', resolve))
    expect(h.service.recoverAfterCrash()).toBe(1)
    const recovered = h.service.get('cli-1')
    expect(recovered?.state).toBe('outcome_unknown')
    expect(recovered?.history.at(-1)?.note).toBe('app closed before SecPaid answered')
    // Journaled moments ago: its send could still be arriving, so no re-send yet …
    await expect(h.service.checkAgain('cli-1')).rejects.toMatchObject({ code: 'busy' })
    expect(refundCalls(payId)).toBe(0)
    // … but after the guard window the deliberate re-send goes out (it never arrived: sent now).
    h.clock.offsetMs = RESEND_GUARD_MS + 1000
    const checked = await h.service.checkAgain('cli-1')
    expect(checked.state).toBe('submitted')
    expect(checked.history.at(-1)?.note).toBe('the first request had not arrived; sent now')
    expect(refundCalls(payId)).toBe(1)
  })

  it('check again recovers a submitting request whose writer died since start-up', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    plantRequested(h, 'dead-1', payId, { writer: { pid: await deadPid(), hostname: os.hostname(), startedAt: new Date(Date.now() - 60_000).toISOString() }, at: new Date(Date.now() - 120_000) })
    const checked = await h.service.checkAgain('dead-1')
    expect(checked.state).toBe('submitted')
    expect(checked.history.map((e) => e.state)).toEqual(['submitting', 'outcome_unknown', 'outcome_unknown', 'submitted'])
    expect(refundCalls(payId)).toBe(1)
  })

  it('other hosts and unrecorded (old-version) writers: recovered only after client timeout + 5 min', async () => {
    const h = harness()
    const [p1, p2, p3, p4] = [await freshPayment(h), await freshPayment(h), await freshPayment(h), await freshPayment(h)]
    const elsewhere: WriterIdentity = { pid: 4242, hostname: `${os.hostname()}-laptop`, startedAt: new Date(Date.now() - 3_600_000).toISOString() }
    const old = new Date(Date.now() - 6 * 60_000)
    plantRequested(h, 'legacy-new', p1)
    plantRequested(h, 'legacy-old', p2, { at: old })
    plantRequested(h, 'host-new', p3, { writer: elsewhere })
    plantRequested(h, 'host-old', p4, { writer: elsewhere, at: old })
    expect(h.service.recoverAfterCrash()).toBe(2)
    const state = (id: string): string | undefined => h.service.get(id)?.state
    expect([state('legacy-new'), state('legacy-old'), state('host-new'), state('host-old')]).toEqual(['submitting', 'outcome_unknown', 'submitting', 'outcome_unknown'])
    expect(h.service.get('host-old')?.history.at(-1)?.note).toMatch(/another computer.*within 6 minutes/)
  })

  it('the ledger lock is busy when SecPaid answers: submit still returns the real state, and the outcome is written later', async () => {
    const h = harness()
    const payId = await freshPayment(h)
    const app = h.reopen({ lockWaitMs: 300 })
    const holder = await liveProcess()
    const lockFile = path.join(path.dirname(h.file), 'refund-ledger.lock')
    admin.setFaults({ latencyMs: 400 })
    const sending = app.submit({ ...base, payId, amount: 1300 })
    // While the request is on the wire, another process takes the writer lock and keeps it.
    fs.writeFileSync(lockFile, `${holder.writer.pid}\n`)
    const r = await sending // must not throw LedgerLockedError
    expect(r).toMatchObject({ payId, state: 'submitted' })
    expect(refundCalls(payId)).toBe(1)
    expect(ledgerLines(h, r.id).map((l) => JSON.parse(l).type)).toEqual(['requested'])
    expect(app.notices().join('\n')).toMatch(new RegExp(`${r.id} \\(submitted\\) is not written to the ledger yet \\(The refund ledger is in use`))
    expect(app.get(r.id)?.state).toBe('submitted')

    // Another instance sees the real state, flips nothing and sends nothing while the lock is busy.
    const other = h.reopen({ lockWaitMs: 100 })
    expect(other.get(r.id)?.state).toBe('submitted')
    expect(() => other.recoverAfterCrash()).toThrow(LedgerLockedError)
    await expect(other.checkAgain(r.id)).rejects.toMatchObject({ code: 'busy' })
    expect(refundCalls(payId)).toBe(1)

    // The holder lets go: the next call writes the outcome.
    fs.rmSync(lockFile)
    expect(other.recoverAfterCrash()).toBe(0)
    expect(ledgerLines(h, r.id).map((l) => JSON.parse(l).type)).toEqual(['requested', 'submitted'])
    expect(app.notices().join('\n')).not.toMatch(/not written/)
    expect(h.reopen().get(r.id)?.history.map((e) => e.state)).toEqual(['submitting', 'submitted'])
    expect(refundCalls(payId)).toBe(1)
  })

  it('full refund after an approved partial one is refused (full = the original amount); the rest goes as a partial', async () => {
    const h = harness()
    const payId = await freshPayment(h, '50.00')
    await h.service.submit({ ...base, payId, amount: 2000 })
    admin.approveRefund(payId)
    await h.refresh(payId)
    expect(h.service.reconcile((p) => h.rows.get(p) ?? [])).toBe(1)
    const calls = refundCalls(payId)
    const err = await h.service.submit({ ...base, payId, amount: 3000, isFullRefund: true }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RefundPreconditionError)
    expect((err as RefundPreconditionError).reasons).toEqual(['full_refund_mismatch'])
    expect(refundCalls(payId)).toBe(calls)
    const rest = await h.service.submit({ ...base, payId, amount: 3000 })
    expect(rest).toMatchObject({ state: 'submitted', isFullRefund: false, amount: 3000 })
  })

  it('a pay_id longer than 18 digits is refused before anything is journaled', async () => {
    const h = harness()
    await expect(h.service.submit({ ...base, payId: '1'.repeat(19), amount: 100 })).rejects.toMatchObject({ reasons: ['invalid_pay_id'] })
    expect(h.service.list()).toEqual([])
  })
})

