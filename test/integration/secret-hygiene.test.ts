/**
 * Proof of secret hygiene (docs/architecture.md#the-api-key-never-leaves-main): a whole run of the
 * core — login, sync, a refund, auth failures whose server text echoes the key in several shapes,
 * exports — leaves no piece of the key (any 8 characters, any ASCII case, escaped or base64) in
 * any file of the data directory, in the core's log, or in the exports; and the key went to no
 * URL but its own server's. Real simulator over loopback, real keychain (scripts/with-keyring.sh).
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootstrapCore } from '../../src/main/app/bootstrap'
import { createKeytarSecretStore, keychainAccount } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import type { TransactionFilter } from '../../src/shared/transaction-filter'
import { htmlEscape, keyPieceIn } from '../support/key-pieces'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

const KEY = `Hyg-${randomUUID()}-SecretKEY`
const keychain = createKeytarSecretStore({ service: `SecPaid Desk Test ${randomUUID()}`, timeoutMs: 5_000 })
const probe = process.env.DBUS_SESSION_BUS_ADDRESS ? await keychain.probe() : null
const skip = !probe?.ok && !process.env.CI
if (skip) console.warn('\n[secret-hygiene] SKIPPING: no usable keychain (run via scripts/with-keyring.sh)\n')

const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const base = { isFullRefund: false, reason: 'requested_by_customer' as const, note: 'customer asked' }

let sim: RunningSimulator
const dirs: string[] = []
beforeAll(async () => {
  sim = await startSimulator({ seed: 31, rows: 80, apiKey: KEY, rateLimitPerMinute: null })
})
afterAll(async () => {
  await sim.close()
  await keychain.delete(keychainAccount('custom', sim.baseUrl)).catch(() => false)
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** A SecPaid-shaped auth failure that quotes the key as is, lower-cased, base64, HTML-escaped and in part. */
function echoingAuthFailure(): Response {
  const echo = [KEY, KEY.toLowerCase(), Buffer.from(KEY).toString('base64'), htmlEscape(`<${KEY}>`), KEY.slice(3, 15)].join(' | ')
  return new Response(JSON.stringify({ ResponseCode: 0, Result: 'False', ResponseMsg: `Incorrect token: ${echo}`, ServerTime: 'CET' }), {
    status: 200,
    headers: { 'content-type': 'application/json' }
  })
}

describe('secret hygiene of a whole run', () => {
  it.skipIf(skip)('login, sync, refund, echoed auth failures, export: the key is nowhere on disk and went only to its server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hygiene-data-'))
    const exportDir = mkdtempSync(join(tmpdir(), 'hygiene-export-'))
    dirs.push(dataDir, exportDir)
    mkdirSync(join(dataDir, 'logs'))
    const logFile = join(dataDir, 'logs', 'core.log')

    const sent: { url: string; token: string | null }[] = []
    let echoOn: string | null = null // endpoint whose reply is replaced by an echoing auth failure
    const fetchSpy = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      sent.push({ url: request.url, token: request.headers.get('token') })
      if (echoOn !== null && request.url.endsWith(`/${echoOn}`)) {
        await request.arrayBuffer() // a server reads the body before it answers
        return echoingAuthFailure()
      }
      return fetch(request)
    }
    const refundable = sim.admin.addPayment({ amount: '30.00' }).pay_id
    const second = sim.admin.addPayment({ amount: '20.00' }).pay_id

    const core = await bootstrapCore({
      loaders: staticModuleLoaders,
      dataDir,
      engine: createConfEngine(),
      keychain,
      osUser: 'tester',
      customBaseUrl: sim.baseUrl,
      forceEnvironment: 'custom',
      loopbackRateLimitPerMinute: null,
      fetch: fetchSpy,
      log: (line) => appendFileSync(logFile, `${line}\n`)
    })
    const exports: string[] = []
    try {
      const api = core.handlers
      expect(await api.saveApiKey({ key: KEY, sessionOnly: false })).toMatchObject({ hasKey: true })
      expect((await api.runSync({ full: true })).status).toBe('idle')
      expect(await api.submitRefund({ ...base, payId: refundable, amount: 1000 })).toMatchObject({ state: 'submitted' })

      // SecPaid answers the refund with an auth failure that quotes the key: journaled as rejected.
      echoOn = 'refundPayment'
      const rejected = await api.submitRefund({ ...base, payId: second, amount: 500 })
      expect(rejected).toMatchObject({ state: 'rejected', rejectionCode: 'auth' })
      // And a sync meets the same reply.
      echoOn = 'getPayInTransactions'
      const failed = await api.runSync({ full: false })
      expect(failed.status).toBe('needs_key')
      echoOn = null

      for (const format of ['csv-de', 'csv', 'json'] as const) {
        const file = await api.exportTransactions({ filter: ALL, format, language: 'de' })
        exports.push(file.content)
        appendFileSync(join(exportDir, file.fileName), file.content)
      }
      exports.push(JSON.stringify(await api.listRefundRequests({})), JSON.stringify(failed))
    } finally {
      await core.close()
    }

    const files = filesUnder(dataDir)
    expect(files.some((f) => f.endsWith('refund-ledger.jsonl'))).toBe(true)
    expect(files.some((f) => f.includes(`${join('cache', 'tx-')}`))).toBe(true)
    for (const file of [...files, ...filesUnder(exportDir)]) {
      const found = keyPieceIn(readFileSync(file).toString('latin1'), KEY)
      expect(found, `${file} holds "${found}"`).toBeNull()
    }
    for (const text of exports) expect(keyPieceIn(text, KEY)).toBeNull()

    // The key went out only in the token header, only to its own server.
    expect(sent.length).toBeGreaterThan(0)
    for (const request of sent) {
      expect(request.url.startsWith(sim.baseUrl)).toBe(true)
      expect(request.token).toBe(KEY)
      expect(keyPieceIn(request.url, KEY)).toBeNull()
    }
  }, 90_000)
})
