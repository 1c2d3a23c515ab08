/**
 * Several shops in one desk: two added accounts on one SecPaid server (the simulator serving two
 * merchants, told apart by their key, like SecPaid) through the app core, with the real OS
 * keychain (gnome-keyring via keytar, a service name of its own per run). Nothing of one account
 * may appear in or be sent with the other: rows, keys, refund requests, review ticks, exports.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runUseCase } from '../../src/main/app/app-api'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { createKeytarSecretStore, keychainAccount, type SecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { currentBerlinMonth, previousMonth } from '../../src/shared/berlin-time'
import type { TransactionFilter } from '../../src/shared/views'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }

let sim: RunningSimulator
let keychain: SecretStore
const service = `SecPaid Desk test accounts ${process.pid}-${Date.now()}`
const dirs: string[] = []
/** Every request the app sent: where, with which key, for which pay_id. */
const sent: Array<{ endpoint: string; token: string | null; payId: string | null }> = []

beforeAll(async () => {
  sim = await startSimulator({ seed: 21, rows: 300, rateLimitPerMinute: null, merchants: [{ seed: 22, rows: 200 }] })
  keychain = createKeytarSecretStore({ service })
})
afterAll(async () => {
  await sim.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init)
  const body = new URLSearchParams(await request.clone().text())
  sent.push({ endpoint: new URL(request.url).pathname.split('/').pop() ?? '', token: request.headers.get('token'), payId: body.get('pay_id') })
  return fetch(request)
}

/** Events the core sent to the window, in order. */
let emitted: string[] = []

async function openCore(dataDir: string): Promise<AppCore> {
  return createAppCore({
    loaders: staticModuleLoaders,
    emit: (event) => {
      emitted.push(event)
    },
    dataDir,
    engine: createConfEngine(),
    keychain,
    access: createEnvironmentAccess({
      loadClient: staticModuleLoaders.client,
      customBaseUrl: sim.baseUrl,
      startDemo: () => startDemoBackend({ rows: 10 }),
      fetch: recordingFetch,
      loopbackRateLimitPerMinute: null
    }),
    osUser: 'bookkeeper'
  })
}

async function payIds(core: AppCore): Promise<Set<string>> {
  const { rows } = await runUseCase(core.api, 'selectTransactions', { filter: ALL })
  return new Set(rows.map((r) => r.payId))
}

describe('accounts: several shops in one desk', () => {
  it('keeps keys, rows, requests, reviews and exports of two shops apart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'accounts-'))
    dirs.push(dataDir)
    const keyA = sim.apiKey
    const keyB = sim.merchants[0]!.apiKey
    const core = await openCore(dataDir)
    try {
      const a = (await runUseCase(core.api, 'addAccount', { name: 'Café Müller', env: 'custom' })).id
      const b = (await runUseCase(core.api, 'addAccount', { name: 'Radladen Nord', env: 'custom' })).id
      await expect(runUseCase(core.api, 'addAccount', { name: 'café müller', env: 'custom' })).rejects.toMatchObject({ code: 'account_name_taken' })

      await runUseCase(core.api, 'switchAccount', { id: a })
      expect((await runUseCase(core.api, 'getCredentialStatus', {})).hasKey).toBe(false)
      await runUseCase(core.api, 'saveApiKey', { key: keyA, sessionOnly: false })
      expect((await runUseCase(core.api, 'runSync', { full: false })).status).toBe('idle')
      const rowsA = await payIds(core)

      await runUseCase(core.api, 'switchAccount', { id: b })
      // B starts empty: nothing of A shows, and A's key is not B's.
      expect((await payIds(core)).size).toBe(0)
      expect((await runUseCase(core.api, 'getCredentialStatus', {})).hasKey).toBe(false)
      await runUseCase(core.api, 'saveApiKey', { key: keyB, sessionOnly: false })
      expect((await runUseCase(core.api, 'runSync', { full: false })).status).toBe('idle')
      const rowsB = await payIds(core)
      expect(rowsA.size).toBeGreaterThan(20)
      expect(rowsB.size).toBeGreaterThan(20)
      for (const id of rowsB) expect(rowsA.has(id)).toBe(false)

      // Each key sits in its own keychain slot, none in the built-in custom slot.
      expect(await keychain.get(`account:${a}:${keychainAccount('custom', sim.baseUrl)}`)).toBe(keyA)
      expect(await keychain.get(`account:${b}:${keychainAccount('custom', sim.baseUrl)}`)).toBe(keyB)
      expect(await keychain.get(keychainAccount('custom', sim.baseUrl))).toBeNull()

      // Last month: a whole month of rows, whatever day the test runs (the current one may have none yet).
      const month = previousMonth(currentBerlinMonth(new Date()))
      // A refund in B goes out with B's key only, and is B's request only (a payment of that month).
      let payment: { payId: string } | undefined
      for (const row of (await runUseCase(core.api, 'selectTransactions', { filter: { ...ALL, kinds: ['payment'], period: { kind: 'month', month } } })).rows) {
        if ((await runUseCase(core.api, 'getRefundEligibility', { payId: row.payId })).remaining > 200) {
          payment = row
          break
        }
      }
      expect(payment).toBeDefined()
      sim.admin.clearRequestLog()
      const request = await runUseCase(core.api, 'submitRefund', { payId: payment!.payId, amount: 100, isFullRefund: false, reason: 'other', note: 'B only' })
      expect(request.state).not.toBe('rejected')
      expect(sim.admin.requestLog({ path: 'refundPayment' }).map((e) => e.merchant)).toEqual([1])
      const monthKeysB = (await runUseCase(core.api, 'selectTransactions', { filter: { ...ALL, period: { kind: 'month', month } } })).rows.map((r) => r.key)
      expect(monthKeysB.length).toBeGreaterThan(0)
      await runUseCase(core.api, 'setReviewed', { month, keys: monthKeysB.slice(0, 3), reviewed: true })

      await runUseCase(core.api, 'switchAccount', { id: a })
      expect(await payIds(core)).toEqual(rowsA)
      expect(await runUseCase(core.api, 'listRefundRequests', {})).toEqual([])
      expect((await runUseCase(core.api, 'getReviewState', { month })).reviewedKeys).toEqual([])
      await expect(runUseCase(core.api, 'getTransaction', { key: monthKeysB[0]! })).rejects.toMatchObject({ reason: 'not_found' })

      // No request ever paired one shop's key with the other shop's payment.
      for (const r of sent) {
        if (r.payId === null) continue
        if (r.token === keyA) expect(rowsB.has(r.payId)).toBe(false)
        if (r.token === keyB) expect(rowsA.has(r.payId)).toBe(false)
      }

      // The month across accounts: one row per shop, each from its own data.
      const across = await runUseCase(core.api, 'getMonthAcrossAccounts', { month })
      const rowOf = (id: string) => across.accounts.find((x) => x.accountId === id)
      const monthRowsA = (await runUseCase(core.api, 'selectTransactions', { filter: { ...ALL, period: { kind: 'month', month } } })).rows
      expect(rowOf(a)).toMatchObject({ name: 'Café Müller', entries: monthRowsA.length, reviewed: 0, openRefundRequests: 0 })
      expect(rowOf(b)).toMatchObject({ name: 'Radladen Nord', entries: monthKeysB.length, reviewed: 3 })
      expect(rowOf(b)!.openRefundRequests).toBe(request.state === 'refunded' ? 0 : 1)
      expect(across.accounts.some((x) => x.accountId === 'custom')).toBe(false) // built-in custom: never used here

      // One export per shop, each with its own rows only.
      const files = await runUseCase(core.api, 'exportMonthAcrossAccounts', { month, format: 'csv', language: 'en' })
      const textOf = (id: string) => Buffer.from(files.exports.find((x) => x.accountId === id)!.file!.base64, 'base64').toString('utf8')
      expect(files.exports.map((x) => x.file?.fileName.split('-')[0])).toEqual(expect.arrayContaining(['cafe', 'radladen']))
      for (const id of rowsB) expect(textOf(a)).not.toMatch(new RegExp(`\\b${id}\\b`))
      for (const id of rowsA) expect(textOf(b)).not.toMatch(new RegExp(`\\b${id}\\b`))
      const datev = await runUseCase(core.api, 'exportMonthAcrossAccounts', { month, format: 'datev', language: 'de' })
      expect(datev.exports.every((x) => x.file === null && x.problem?.code === 'datev_settings_missing')).toBe(true)

      // Removing: never the open account; otherwise its key leaves the keychain and its folder moves aside.
      await expect(runUseCase(core.api, 'removeAccount', { id: a })).rejects.toMatchObject({ code: 'account_open' })
      const left = await runUseCase(core.api, 'removeAccount', { id: b })
      expect(left.accounts.map((x) => x.id)).not.toContain(b)
      expect(await keychain.get(`account:${b}:${keychainAccount('custom', sim.baseUrl)}`)).toBeNull()
      expect(existsSync(join(dataDir, 'accounts', b))).toBe(false)
      expect(readdirSync(join(dataDir, 'removed-accounts')).some((n) => n.startsWith(b))).toBe(true)
    } finally {
      await core.close()
    }

    // A restart opens the account that was open, with its key and data.
    const again = await openCore(dataDir)
    try {
      const info = await runUseCase(again.api, 'getEnvironment', {})
      expect(info.account.name).toBe('Café Müller')
      expect((await runUseCase(again.api, 'getCredentialStatus', {})).last4).toBe(keyA.slice(-4))
      await again.api.signOut({})
    } finally {
      await again.close()
    }
  })

  it("never writes one shop's sync into the other's cache when the user switches mid-sync", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'accounts-switch-'))
    dirs.push(dataDir)
    const core = await openCore(dataDir)
    try {
      const a = (await runUseCase(core.api, 'addAccount', { name: 'A', env: 'custom' })).id
      const b = (await runUseCase(core.api, 'addAccount', { name: 'B', env: 'custom' })).id
      await runUseCase(core.api, 'switchAccount', { id: b })
      await runUseCase(core.api, 'saveApiKey', { key: sim.merchants[0]!.apiKey, sessionOnly: false })
      await runUseCase(core.api, 'switchAccount', { id: a })
      await runUseCase(core.api, 'saveApiKey', { key: sim.apiKey, sessionOnly: false })
      sim.admin.setFaults({ latencyMs: 30 })
      const syncA = runUseCase(core.api, 'runSync', { full: false })
      await new Promise((r) => setTimeout(r, 60))
      await runUseCase(core.api, 'switchAccount', { id: b })
      emitted = []
      await syncA.catch(() => undefined)
      sim.admin.setFaults({ latencyMs: 0 })
      // A's sync ended after the switch: the window, now showing B, hears nothing of it.
      expect(emitted.filter((e) => e === 'syncState' || e === 'syncProgress' || e === 'ledgerChanged')).toEqual([])
      // B has no rows until it syncs itself, and then only B's.
      expect((await payIds(core)).size).toBe(0)
      await runUseCase(core.api, 'runSync', { full: false })
      const rowsB = await payIds(core)
      expect(rowsB.size).toBeGreaterThan(0)
      for (const id of rowsB) expect(Number(id)).toBeGreaterThan(100_000_000)
      await core.api.signOut({})
      await runUseCase(core.api, 'switchAccount', { id: a })
      await core.api.signOut({})
    } finally {
      await core.close()
    }
  })
})
