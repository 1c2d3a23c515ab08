/**
 * The IPC boundary with the real app core behind it (Demo environment = real simulator on
 * loopback): every call passes the sender check and the zod schema before a handler runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess, type EnvironmentAccess } from '../../src/main/app/environment-access'
import { toIpcError } from '../../src/main/ipc/ipc-errors'
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../src/main/ipc/ipc-router'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { LedgerLockedError, RefundServiceError } from '../../src/main/services/refunds'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { IPC_METHODS } from '../../src/shared/ipc-channels'
import { isAppUrl } from '../../src/main/window-security'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

const APP_URL = 'http://127.0.0.1:5999/'
const trusted: SenderInfo = { webContentsId: 1, isMainFrame: true, frameUrl: APP_URL + '#/transactions' }

let dir: string
let core: AppCore
let router: IpcRouter
let handlerCalls = 0
let access: EnvironmentAccess

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ipc-router-'))
  access = createEnvironmentAccess({
    loadClient: staticModuleLoaders.client,
    customBaseUrl: null,
    startDemo: () => startDemoBackend({ rows: 300 }),
    loopbackRateLimitPerMinute: null
  })
  core = await createAppCore({
    loaders: staticModuleLoaders,
    dataDir: dir,
    engine: createConfEngine(),
    keychain: createMemorySecretStore(),
    access,
    osUser: 'tester',
    forceEnvironment: 'demo'
  })
  const counted = Object.fromEntries(
    Object.entries(core.handlers).map(([name, fn]) => [
      name,
      (arg: never) => {
        handlerCalls++
        return (fn as (a: never) => Promise<unknown>)(arg)
      }
    ])
  ) as unknown as AppCore['handlers']
  router = createIpcRouter(counted, {
    isTrustedSender: (s) => s.webContentsId === 1 && s.isMainFrame && isAppUrl(s.frameUrl, APP_URL),
    toIpcError: (e) => toIpcError(e)
  })
})

afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('IPC router over the real core', () => {
  it('serves a valid call from our own window', async () => {
    const result = await router.dispatch(IPC_METHODS.getEnvironment, trusted, {})
    expect(result).toMatchObject({ ok: true, value: { active: 'demo', isProduction: false } })
  })

  it('syncs and queries through the contract', async () => {
    const sync = await router.dispatch(IPC_METHODS.runSync, trusted, { full: false })
    expect(sync).toMatchObject({ ok: true, value: { status: 'idle' } })
    const q = await router.dispatch(IPC_METHODS.queryTransactions, trusted, {
      filter: { period: { kind: 'all' }, kinds: ['refund'], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' },
      sort: { column: 'amount', direction: 'asc' },
      offset: 0,
      limit: 5
    })
    expect(q.ok).toBe(true)
    if (!q.ok) return
    const value = q.value as { total: number; rows: { kind: string; amount: number }[] }
    expect(value.total).toBeGreaterThan(0)
    expect(value.rows.every((r) => r.kind === 'refund' && r.amount < 0)).toBe(true)
  })

  it.each([
    ['a subframe', { ...trusted, isMainFrame: false }],
    ['another window', { ...trusted, webContentsId: 2 }],
    ['a foreign origin', { ...trusted, frameUrl: 'https://evil.example/' }],
    ['a userinfo look-alike', { ...trusted, frameUrl: 'http://x@127.0.0.1:5999/' }]
  ])('refuses %s and runs nothing', async (_label, sender) => {
    const before = handlerCalls
    const result = await router.dispatch(IPC_METHODS.submitRefund, sender, {
      payId: '1', amount: 100, isFullRefund: false, reason: 'duplicate', note: null
    })
    expect(result).toEqual({ ok: false, error: { kind: 'forbidden_sender', message: expect.any(String) } })
    expect(handlerCalls).toBe(before)
  })

  it.each([
    ['missing fields', {}],
    ['a negative amount', { payId: '1', amount: -5, isFullRefund: false, reason: 'duplicate', note: null }],
    ['fractional cents', { payId: '1', amount: 10.5, isFullRefund: false, reason: 'duplicate', note: null }],
    ['a non-digit pay_id', { payId: '1; DROP', amount: 5, isFullRefund: false, reason: 'duplicate', note: null }],
    ['an unknown reason', { payId: '1', amount: 5, isFullRefund: false, reason: 'because', note: null }],
    ['an extra property', { payId: '1', amount: 5, isFullRefund: false, reason: 'duplicate', note: null, apiKey: 'x' }],
    ['not an object', 'refund everything']
  ])('rejects %s before any handler runs', async (_label, arg) => {
    const before = handlerCalls
    const result = await router.dispatch(IPC_METHODS.submitRefund, trusted, arg)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('invalid_argument')
    expect(handlerCalls).toBe(before)
  })

  class RunSyncArgs {
    full = false
  }
  const withGetter = Object.defineProperty({}, 'full', { enumerable: true, get: () => false })
  const proxied = new Proxy({ full: false }, {})

  it.each([
    ['a class instance', new RunSyncArgs()],
    ['an array where an object is expected', [{ full: false }]],
    ['an object with a getter', withGetter],
    ['a proxy', proxied],
    ['a nested class instance', { filter: new Date(), format: 'csv', language: 'en' }],
    ['a symbol key', { full: false, [Symbol('x')]: 1 }],
    ['a function inside', { full: false, f: () => 1 }]
  ])('refuses %s before zod and any handler, as invalid_argument', async (_label, arg) => {
    const before = handlerCalls
    const result = await router.dispatch(IPC_METHODS.runSync, trusted, arg)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_argument' } })
    expect(handlerCalls).toBe(before)
  })

  it('refuses a getter without ever calling it', async () => {
    let calls = 0
    const arg = Object.defineProperty({}, 'full', { enumerable: true, get: () => (calls++, false) })
    const result = await router.dispatch(IPC_METHODS.runSync, trusted, arg)
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_argument' } })
    expect(calls).toBe(0)
  })

  it('accepts a null-prototype object (plain data from JSON-like sources)', async () => {
    const nullProto = Object.assign(Object.create(null) as object, { month: '2026-05' })
    const result = await router.dispatch(IPC_METHODS.getReviewState, trusted, nullProto)
    expect(result).toMatchObject({ ok: true, value: { month: '2026-05' } })
  })

  it('rejects unknown channels', async () => {
    const before = handlerCalls
    const result = await router.dispatch('credentials:get-key', trusted, {})
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_argument' } })
    expect(handlerCalls).toBe(before)
  })

  it('turns service errors into typed IPC errors (unknown row → not_found)', async () => {
    const result = await router.dispatch(IPC_METHODS.getTransaction, trusted, { key: 'id:does-not-exist' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'not_found' } })
  })

  it('never exposes the demo key, only its last 4 characters', async () => {
    const status = await router.dispatch(IPC_METHODS.getCredentialStatus, trusted, {})
    expect(status.ok).toBe(true)
    if (!status.ok) return
    // The demo key is random per demo backend: ask the one this core runs.
    const key = await access.demoKey()
    expect(JSON.stringify(status.value)).not.toContain(key)
    expect((status.value as { last4: string }).last4).toBe(key.slice(-4))
  })
})

describe('toIpcError', () => {
  it('maps refund-service and ledger errors to typed, user-facing errors (not "internal")', () => {
    const serviceError = new RefundServiceError('offline', 'SecPaid Desk is offline.')
    expect(toIpcError(serviceError)).toEqual({ kind: 'offline', message: 'SecPaid Desk is offline.', code: 'offline' })
    const busy = new RefundServiceError('busy', 'still sending')
    expect(toIpcError(busy)).toMatchObject({ kind: 'precondition', code: 'busy' })
    const locked = new LedgerLockedError('/x/refund-ledger.lock', 4242)
    expect(toIpcError(locked)).toMatchObject({ kind: 'precondition', code: 'ledger_locked' })
  })

  it('hides unexpected error messages from the renderer', () => {
    const lines: string[] = []
    const e = toIpcError(new Error('ENOENT /home/user/secret-path'), (l) => lines.push(l))
    expect(e).toEqual({ kind: 'internal', message: expect.not.stringContaining('secret-path') })
    expect(lines.join()).toContain('secret-path') // logged in main instead
  })
})

/** A second core on its own data dir (Demo, in-memory key store), for start-up behaviour. */
function openDemoCore(dataDir: string): ReturnType<typeof createAppCore> {
  return createAppCore({
    loaders: staticModuleLoaders,
    dataDir,
    engine: createConfEngine(),
    keychain: createMemorySecretStore(),
    access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: null, startDemo: () => startDemoBackend({ rows: 50 }) }),
    osUser: 'tester',
    forceEnvironment: 'demo'
  })
}

describe('sync notices', () => {
  it('reports a corrupt cache shard once, and forgets it when dismissed through IPC', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ipc-notices-'))
    mkdirSync(join(own, 'demo', 'cache'), { recursive: true })
    writeFileSync(join(own, 'demo', 'cache', 'tx-2026-01.json'), '{"schema": "secpaid-desk/tx-shard", "rows": [[')
    const other = await openDemoCore(own)
    try {
      const r = createIpcRouter(other.handlers, { isTrustedSender: () => true, toIpcError: (e) => toIpcError(e) })
      const before = await r.dispatch(IPC_METHODS.getSyncState, trusted, {})
      expect(before).toMatchObject({ ok: true })
      // A code with our own parameters (the renderer words it per language), never a sentence.
      expect(before.ok && (before.value as { notices: unknown[] }).notices).toEqual([
        { code: 'cache_shard_corrupt', params: { month: '2026-01', setAsideAs: expect.stringMatching(/tx-2026-01\.corrupt-[0-9TZ-]+\.json$/), reason: 'invalid_json' } }
      ])
      const after = await r.dispatch(IPC_METHODS.dismissSyncNotices, trusted, {})
      expect(after).toMatchObject({ ok: true, value: { notices: [] } })
    } finally {
      await other.close()
      rmSync(own, { recursive: true, force: true })
    }
  })

  it('start-up notices beyond the cache (a review-ticks or settings file set aside) reach the window too', async () => {
    const own = mkdtempSync(join(tmpdir(), 'ipc-notices-'))
    mkdirSync(join(own, 'demo'), { recursive: true })
    writeFileSync(join(own, 'demo', 'reviews.json'), '{"2026-01": [')
    writeFileSync(join(own, 'settings.json'), '{"language": ')
    const other = await openDemoCore(own)
    try {
      const r = createIpcRouter(other.handlers, { isTrustedSender: () => true, toIpcError: (e) => toIpcError(e) })
      const state = await r.dispatch(IPC_METHODS.getSyncState, trusted, {})
      const notices = state.ok ? (state.value as { notices: unknown[] }).notices : []
      expect(notices).toEqual(
        expect.arrayContaining([
          { code: 'file_set_aside', params: { file: 'reviews', setAsideAs: expect.stringContaining('reviews.corrupt-') } },
          { code: 'file_set_aside', params: { file: 'settings', setAsideAs: expect.stringContaining('settings.corrupt-') } }
        ])
      )
    } finally {
      await other.close()
      rmSync(own, { recursive: true, force: true })
    }
  })
})
