/**
 * The fault matrix: every way SecPaid (or the network in between) can misbehave, against the two
 * calls that matter — the list call behind a sync, and refundPayment — through the app core's own
 * API (the operations the renderer and the CLI call), the real SecPaid client, real files, and the
 * simulator over 127.0.0.1. For each cell we check what the user is shown, that nothing is lost,
 * and — for refunds — that the simulator's request log never holds a second refundPayment for one
 * intent unless the user deliberately asked for it (check again after the re-send guard, or a new
 * submit after a definite refusal).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import type { EnvironmentAccess } from '../../src/main/app/environment-access'
import { createMemorySecretStore, keychainAccount } from '../../src/main/services/credentials'
import { RESEND_GUARD_MS } from '../../src/main/services/refunds'
import { createRateLimiter, createSecpaidClient, resolveBaseUrl } from '../../src/main/services/secpaid'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import type { FaultPatch } from '../../src/main/simulator/faults'
import type { TransactionFilter } from '../../src/shared/transaction-filter'
import type { RefundRequest } from '../../src/shared/views'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

/** Short client timeout so a hang costs ~1 s, not the production 30 s; the code path is the same. */
const CLIENT_TIMEOUT_MS = 900

let sim: RunningSimulator
let core: AppCore
let dir: string
/** Moves the app's clock (the 90 s re-send guard of check again) without waiting. */
const clock = { offsetMs: 0 }

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 23, rows: 150, rateLimitPerMinute: null })
  dir = mkdtempSync(join(tmpdir(), 'fault-matrix-'))
  const keychain = createMemorySecretStore()
  await keychain.set(keychainAccount('custom', sim.baseUrl), sim.apiKey) // the custom slot is bound to its server
  const base = resolveBaseUrl('custom', { customBase: sim.baseUrl })
  // The production access object, except for the client's timeout and a short retry policy for
  // list calls (3 attempts with long backoff would only make the matrix slow, not different).
  const access: EnvironmentAccess = {
    available: () => ['custom'],
    baseUrl: async () => base,
    knownBaseUrl: () => base,
    createClient: async (_env, apiKey) =>
      createSecpaidClient({
        baseUrl: base,
        apiKey,
        limiter: createRateLimiter({ maxPerWindow: null }),
        timeoutMs: CLIENT_TIMEOUT_MS,
        retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 2_000 }
      }),
    demoKey: async () => {
      throw new Error('no demo in this test')
    },
    close: async () => undefined
  }
  core = await createAppCore({
    loaders: staticModuleLoaders,
    dataDir: dir,
    engine: createConfEngine(),
    keychain,
    access,
    osUser: 'matrix',
    forceEnvironment: 'custom',
    now: () => new Date(Date.now() + clock.offsetMs)
  })
  const first = await core.handlers.runSync({ full: false })
  expect(first.status).toBe('idle')
}, 30_000)

afterEach(() => sim.admin.reset()) // faults back to defaults; data is kept

afterAll(async () => {
  await core?.close()
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

const refundCalls = (payId: string): number => sim.admin.requestLog({ path: 'refundPayment', payId }).length
/** Refund requests the simulator has committed for the payment (what would cost the merchant money). */
const committed = (payId: string): number => sim.admin.refundRequests().filter((r) => r.payId === payId).length

interface LedgerLine {
  requestId: string
  type: string
  data: Record<string, unknown>
}

/** The ledger file as written: every line must parse; returns the events (header skipped). */
function readLedger(): LedgerLine[] {
  const text = readFileSync(join(core.workspace().dir, 'refund-ledger.jsonl'), 'utf8')
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  const parsed = lines.map((l) => JSON.parse(l) as Partial<LedgerLine>)
  return parsed.filter((e): e is LedgerLine => typeof e.requestId === 'string' && typeof e.type === 'string')
}

/** refundPayment attempts the ledger journaled for a payment: `requested` and deliberate re-sends. */
function journaledSends(payId: string): number {
  const events = readLedger()
  const ids = new Set(events.filter((e) => e.type === 'requested' && e.data['payId'] === payId).map((e) => e.requestId))
  return events.filter((e) => ids.has(e.requestId) && (e.type === 'requested' || (e.type === 'recheck' && e.data['result'] === 'resubmitting')))
    .length
}

async function cachedPayment(): Promise<string> {
  const payId = sim.admin.addPayment({ amount: '40.00' }).pay_id
  await core.handlers.refreshPayment({ payId })
  return payId
}

const submit = (payId: string, amount = 1250): Promise<RefundRequest> =>
  core.handlers.submitRefund({ payId, amount, isFullRefund: false, reason: 'requested_by_customer', note: null })

type RefundCell = [name: string, faults: FaultPatch, shown: 'outcome_unknown' | 'rejected' | 'submitted', reachedServer: boolean]

// reachedServer: whether SecPaid committed the request although the app did not get a clean answer.
const REFUND_CELLS: RefundCell[] = [
  ['timeout (reply held past the client timeout)', { hangMs: 2_500 }, 'outcome_unknown', true],
  ['connection reset before the server handled it', { resetConnection: 1 }, 'outcome_unknown', false],
  ['HTTP 500 with an HTML body', { forceHtmlError: 1, forceHtmlErrorStatus: 500 }, 'outcome_unknown', false],
  ['HTTP 502 with an HTML body (proxy)', { forceHtmlError: 1, forceHtmlErrorStatus: 502 }, 'outcome_unknown', false],
  ['HTTP 429 with Retry-After', { force429: 1, retryAfterSeconds: 1 }, 'rejected', false],
  ['HTTP 429 without Retry-After', { force429: 1, omitRetryAfter: true }, 'rejected', false],
  ['malformed (truncated) JSON after commit', { malformedJson: 1 }, 'outcome_unknown', true],
  ['valid JSON of the wrong shape after commit', { wrongShape: 1 }, 'outcome_unknown', true],
  ['key refused mid-session', { authFailure: true }, 'rejected', false],
  ['reply dropped after commit', { dropAfterRefundCommit: 1 }, 'outcome_unknown', true],
  ['slow trickle past the timeout', { trickleMs: 150 }, 'outcome_unknown', true],
  ['slow trickle within the timeout', { trickleMs: 5 }, 'submitted', true]
]

describe('fault matrix: refundPayment', () => {
  it.each(REFUND_CELLS)('%s %j → %s', async (_name, faults, shown, reachedServer) => {
    clock.offsetMs = 0
    const payId = await cachedPayment()
    // Only the refund call breaks: the app refreshes the payment (a list call) right before it.
    sim.admin.setFaults({ ...faults, faultEndpoint: 'refundPayment' })

    // 1. The submit itself: the state the user sees, one request on the wire, journaled first.
    const request = await submit(payId)
    expect(request.state).toBe(shown)
    if (shown === 'rejected') expect(request.rejectionCode).toBeTruthy()
    expect(refundCalls(payId)).toBe(1)
    expect(committed(payId)).toBe(reachedServer ? 1 : 0)
    expect(journaledSends(payId)).toBe(1)
    const listed = (await core.handlers.listRefundRequests({})).find((r) => r.id === request.id)
    expect(listed?.state).toBe(shown)
    sim.admin.reset()

    // 2. The user tries again at once, and syncs: an open or unknown request blocks a second send;
    //    a sync never sends one. After a definite refusal the new submit is the user's decision.
    if (shown === 'rejected') {
      const again = await submit(payId)
      expect(again.state).toBe('submitted')
      expect(again.id).not.toBe(request.id)
      expect(refundCalls(payId)).toBe(2)
      expect(committed(payId)).toBe(1)
    } else {
      await expect(submit(payId)).rejects.toMatchObject({ reasons: ['open_request'] })
      expect(refundCalls(payId)).toBe(1)
    }
    const sendsBeforeSync = refundCalls(payId)
    expect((await core.handlers.runSync({ full: false })).status).toBe('idle')
    expect(refundCalls(payId)).toBe(sendsBeforeSync)

    // 3. Check again: within the re-send guard it sends nothing; after it, only an unknown outcome
    //    is re-sent, and SecPaid's answer settles it without a second committed refund.
    if (shown === 'outcome_unknown') {
      const early = await core.handlers.checkRefundRequest({ requestId: request.id }).then(
        (r) => r.state,
        () => 'refused to re-send yet'
      )
      expect(['outcome_unknown', 'refused to re-send yet']).toContain(early)
      expect(refundCalls(payId)).toBe(1)
      clock.offsetMs = RESEND_GUARD_MS + 1_000
      const checked = await core.handlers.checkRefundRequest({ requestId: request.id })
      expect(checked.state).toBe('submitted')
      expect(refundCalls(payId)).toBe(2)
      expect(journaledSends(payId)).toBe(2)
      expect(committed(payId)).toBe(1)
      // Settled: a further check again or sync sends nothing more.
      await core.handlers.checkRefundRequest({ requestId: request.id })
      await core.handlers.runSync({ full: false })
      expect(refundCalls(payId)).toBe(2)
    } else {
      clock.offsetMs = RESEND_GUARD_MS + 1_000
      const before = refundCalls(payId)
      await core.handlers.checkRefundRequest({ requestId: request.id }).catch(() => undefined)
      expect(refundCalls(payId)).toBe(before)
    }

    // Nothing lost: every refundPayment the simulator saw is journaled, the ledger parses.
    expect(journaledSends(payId)).toBe(refundCalls(payId))
    expect(committed(payId)).toBe(1)
  }, 20_000)
})

/** The payment refresh right before a send fails: nothing is journaled and nothing is sent. */
type RefreshCell = [name: string, faults: FaultPatch]
const REFRESH_CELLS: RefreshCell[] = [
  ['timeout', { hangMs: 2500 }],
  ['connection reset', { resetConnection: 10 }],
  ['HTTP 502 with an HTML body', { forceHtmlError: 10, forceHtmlErrorStatus: 502 }],
  ['malformed JSON', { malformedJson: 10 }]
]

describe('fault matrix: the refresh before a refund', () => {
  it.each(REFRESH_CELLS)('%s %j on the list call → refused, nothing sent', async (_name, faults) => {
    const payId = await cachedPayment()
    sim.admin.setFaults({ ...faults, faultEndpoint: 'getPayInTransactions' })
    await expect(submit(payId)).rejects.toThrow()
    sim.admin.reset()
    expect(sim.admin.requestLog({ path: 'refundPayment', payId })).toHaveLength(0)
    expect(journaledSends(payId)).toBe(0)
    expect((await core.handlers.listRefundRequests({})).filter((r) => r.payId === payId)).toEqual([])
  }, 20_000)
})

const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
/** Rows the user can browse right now, read from the cache through the query engine. */
const cachedRowCount = async (): Promise<number> => (await core.handlers.selectTransactions({ filter: ALL })).totals.count

type SyncCell = [name: string, faults: FaultPatch, status: 'offline' | 'error' | 'needs_key' | 'idle']

// Counters are large so that the list call's retries see the fault too.
const SYNC_CELLS: SyncCell[] = [
  ['timeout (reply held past the client timeout)', { hangMs: 2_500 }, 'offline'],
  ['connection reset', { resetConnection: 100 }, 'offline'],
  ['HTTP 500 with an HTML body', { forceHtmlError: 100, forceHtmlErrorStatus: 500 }, 'error'],
  ['HTTP 502 with an HTML body (proxy)', { forceHtmlError: 100, forceHtmlErrorStatus: 502 }, 'error'],
  ['HTTP 429 with Retry-After', { force429: 100, retryAfterSeconds: 1 }, 'error'],
  ['HTTP 429 without Retry-After', { force429: 100, omitRetryAfter: true }, 'error'],
  ['malformed (truncated) JSON', { malformedJson: 100 }, 'error'],
  ['valid JSON of the wrong shape', { wrongShape: 100 }, 'error'],
  ['key refused mid-session', { authFailure: true }, 'needs_key'],
  ['slow trickle past the timeout', { trickleMs: 100 }, 'offline'],
  ['slow trickle within the timeout', { trickleMs: 10 }, 'idle']
]

describe('fault matrix: sync (list calls)', () => {
  it.each(SYNC_CELLS)('%s %j → %s', async (_name, faults, status) => {
    const before = await core.handlers.getSyncState({})
    const rowsBefore = await cachedRowCount()
    expect(before.cachedRows).toBeGreaterThan(0)
    const refundsBefore = sim.admin.requestLog({ path: 'refundPayment' }).length
    sim.admin.setFaults(faults)

    const state = await core.handlers.runSync({ full: false })
    expect(state.status).toBe(status)
    if (status === 'idle') {
      expect(state.lastError).toBeNull()
    } else {
      expect(state.lastError?.message).toBeTruthy()
      // The message is ours or the server's, never the key.
      expect(state.lastError?.message).not.toContain(sim.apiKey)
      // A failed sync changes nothing in the cache: browsing and totals keep working.
      expect(state.lastSuccessfulSyncAt).toBe(before.lastSuccessfulSyncAt)
    }
    expect(state.cachedRows).toBeGreaterThanOrEqual(before.cachedRows)
    expect(await cachedRowCount()).toBeGreaterThanOrEqual(rowsBefore)
    // A sync never sends a refund, faulty or not.
    expect(sim.admin.requestLog({ path: 'refundPayment' })).toHaveLength(refundsBefore)

    sim.admin.reset()
    const recovered = await core.handlers.runSync({ full: false })
    expect(recovered.status).toBe('idle')
    expect(recovered.lastError).toBeNull()
    expect(readLedger()).toBeDefined() // the ledger still parses
  }, 20_000)
})
