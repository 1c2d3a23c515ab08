/**
 * Property-based fuzzing of every IPC channel through the real router over a real core: a
 * simulator on loopback as the Custom environment (key stored), the data dir in a temp folder.
 * For arbitrary values (fc.anything, hostile shapes) and near-valid mutations of valid arguments:
 *  - the answer is always { ok: true, value } or a typed error — never a thrown exception, never
 *    'internal' (an error nobody meant to throw);
 *  - a refused input has no side effect: no request reached the simulator, no file in the data
 *    dir changed (settings, cache, ledger, reviews — hashed before and after every case);
 *  - the read-only channels (READ_ONLY) have none even for accepted input.
 * Channels whose valid calls act by design on the outside world are listed in NOT_DISPATCHED_WHEN_VALID:
 * a generated input that passes their schema is counted and not sent.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { toIpcError } from '../../src/main/ipc/ipc-errors'
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../src/main/ipc/ipc-router'
import { createMemorySecretStore, keychainAccount } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { IPC_METHODS, type IpcErrorKind, type IpcMethod, type IpcResult } from '../../src/shared/ipc-channels'
import { ipcRequestSchemas } from '../../src/shared/ipc-contract'
import type { QueryResult } from '../../src/shared/views'
import { mutate, validArgs, type KnownData } from './fuzz/ipc-arbitraries'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

/** Valid calls of these act on the outside world by design (switch the environment, write or
 *  delete the key, validate a key or sync over HTTP): inputs that pass their schema are not sent. */
const NOT_DISPATCHED_WHEN_VALID: ReadonlySet<IpcMethod> = new Set(['setEnvironment', 'saveApiKey', 'signOut', 'runSync'])

/** Reads only: even their accepted calls must send nothing and write nothing. */
const READ_ONLY: ReadonlySet<IpcMethod> = new Set([
  'getEnvironment', 'getCredentialStatus', 'getSyncState', 'queryTransactions', 'getTransaction', 'listStatuses',
  'getRefundEligibility', 'listRefundRequests', 'exportTransactions', 'getSettings', 'getReviewState',
  'listPayouts', 'getPayoutReconciliation', 'getDatevSettings', 'exportDatev', 'checkBankStatement'
])

const RUNS_PER_CHANNEL = 480 // 27 channels → 12,960 cases; ~30 s on an idle 2-core machine
const ERROR_KINDS: ReadonlySet<IpcErrorKind> = new Set([
  'invalid_argument', 'forbidden_sender', 'auth', 'rejected', 'rate_limited', 'offline', 'server', 'protocol',
  'keychain_unavailable', 'not_found', 'precondition'
])

const sender: SenderInfo = { webContentsId: 1, isMainFrame: true, frameUrl: 'app://secpaid/' }
let sim: RunningSimulator
let dir: string
let core: AppCore
let router: IpcRouter
let known: KnownData

function hashDir(root: string): string {
  const hash = createHash('sha256')
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else hash.update(p).update('\0').update(readFileSync(p)).update('\0')
    }
  }
  walk(root)
  return hash.digest('hex')
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 23, rows: 200, rateLimitPerMinute: null })
  dir = mkdtempSync(join(tmpdir(), 'ipc-fuzz-'))
  const keychain = createMemorySecretStore()
  // The custom key's slot is bound to its server's URL.
  await keychain.set(keychainAccount('custom', sim.baseUrl), sim.apiKey)
  core = await createAppCore({
    loaders: staticModuleLoaders,
    dataDir: dir,
    engine: createConfEngine(),
    keychain,
    access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: sim.baseUrl, startDemo: () => startDemoBackend({ rows: 10 }), loopbackRateLimitPerMinute: null }),
    osUser: 'tester',
    forceEnvironment: 'custom'
  })
  router = createIpcRouter(core.handlers, { isTrustedSender: () => true, toIpcError: (e) => toIpcError(e) })
  expect(await router.dispatch(IPC_METHODS.runSync, sender, { full: false })).toMatchObject({ ok: true, value: { status: 'idle' } })
  const all = await router.dispatch(IPC_METHODS.queryTransactions, sender, {
    filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' },
    sort: { column: 'createdAt', direction: 'desc' },
    offset: 0,
    limit: 1000
  })
  if (!all.ok) throw new Error(all.error.message)
  const rows = (all.value as QueryResult).rows
  known = {
    keys: rows.map((r) => r.key),
    payIds: [...new Set(rows.map((r) => r.payId))],
    months: [...new Set(rows.map((r) => r.createdAt.slice(0, 7)))],
    requestIds: []
  }
}, 60_000)

afterAll(async () => {
  await core?.close()
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

const stats = { cases: 0, valid: 0, validNotSent: 0, accepted: 0, refused: 0, byChannel: {} as Record<string, { accepted: number; refused: number; validNotSent: number }> }

function inputsFor(method: IpcMethod): fc.Arbitrary<unknown> {
  const valid = validArgs(known)[method]
  const anything = fc.anything({
    withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
    withObjectString: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true, maxDepth: 3
  })
  const mutated = fc
    .tuple(valid, fc.nat(), fc.nat(), anything, fc.oneof(fc.constantFrom('__proto__', 'constructor', 'apiKey'), fc.string({ maxLength: 8 })))
    .map(([v, how, where, replacement, extraKey]) => mutate(v, how, where, replacement, extraKey))
  return fc.oneof({ arbitrary: anything, weight: 3 }, { arbitrary: mutated, weight: 6 }, { arbitrary: valid, weight: 1 })
}

function expectTypedAnswer(result: IpcResult<unknown>): void {
  expect(typeof result).toBe('object')
  if (result.ok) {
    expect(() => structuredClone(result.value)).not.toThrow()
    return
  }
  expect(ERROR_KINDS.has(result.error.kind), `${result.error.kind}: ${result.error.message}`).toBe(true)
  expect(typeof result.error.message).toBe('string')
  expect(result.error.message.length).toBeGreaterThan(0)
}

describe('IPC fuzzing over every channel', () => {
  const methods = Object.keys(IPC_METHODS) as IpcMethod[]

  it('covers every channel of the contract', () => {
    expect(methods.sort()).toEqual(Object.keys(ipcRequestSchemas).sort())
    expect(methods.length * RUNS_PER_CHANNEL).toBeGreaterThanOrEqual(10_000)
  })

  it.each(methods)('%s: typed answers only, and refused input has no side effect', async (method) => {
    const channelStats = (stats.byChannel[method] = { accepted: 0, refused: 0, validNotSent: 0 })
    await fc.assert(
      fc.asyncProperty(inputsFor(method), async (arg) => {
        stats.cases++
        const isValid = ipcRequestSchemas[method].safeParse(arg).success
        if (isValid) stats.valid++
        if (isValid && NOT_DISPATCHED_WHEN_VALID.has(method)) {
          stats.validNotSent++
          channelStats.validNotSent++
          return
        }
        sim.admin.clearRequestLog()
        const before = hashDir(dir)
        let result: IpcResult<unknown>
        try {
          result = await router.dispatch(IPC_METHODS[method], sender, arg)
        } catch (error) {
          throw new Error(`dispatch threw: ${String(error)}`, { cause: error })
        }
        expectTypedAnswer(result)
        if (READ_ONLY.has(method)) {
          expect(sim.admin.requestLog(), `${method} is a read but sent a request`).toEqual([])
          expect(hashDir(dir), `${method} is a read but changed the data dir`).toBe(before)
        }
        if (result.ok) {
          stats.accepted++
          channelStats.accepted++
          if (method === 'submitRefund') known.requestIds.push((result.value as { id: string }).id)
          return
        }
        stats.refused++
        channelStats.refused++
        expect(sim.admin.requestLog(), `${method} refused (${result.error.kind}) but sent a request`).toEqual([])
        expect(hashDir(dir), `${method} refused (${result.error.kind}) but changed the data dir`).toBe(before)
      }),
      { numRuns: RUNS_PER_CHANNEL }
    )
  }, 60_000)

  afterAll(() => {
    console.info(`[ipc-fuzz] ${stats.cases} cases over ${methods.length} channels: ${stats.valid} valid by the contract (${stats.validNotSent} of them not sent), ${stats.accepted} accepted, ${stats.refused} refused`)
    console.info(`[ipc-fuzz] per channel ${JSON.stringify(stats.byChannel)}`)
  })
})
