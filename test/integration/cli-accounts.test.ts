/**
 * `secpaid-desk` with several shops: `accounts add|rename|remove`, `--account NAME` on the
 * everyday commands, `month-end` across accounts and `export --all-accounts`, through runCli
 * against a simulator serving two merchants, with the real keychain (a service name of its own).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/run-cli'
import { createKeytarSecretStore, type SecretStore } from '../../src/main/services/credentials'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import type { MonthAcrossAccounts } from '../../src/shared/accounts'
import { currentBerlinMonth, previousMonth } from '../../src/shared/berlin-time'

let sim: RunningSimulator
let dir: string
let keychain: SecretStore
// Last month: a whole month of rows, whatever day the test runs (the current one may have none yet).
const month = previousMonth(currentBerlinMonth(new Date()))

async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(
    [...argv, '--data-dir', dir],
    { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin },
    { env: { SECPAID_API_BASE: sim.baseUrl }, keychain }
  )
  return { code, out, err }
}

async function listedPayIds(account: string): Promise<Set<string>> {
  const r = await cli(['list', '--account', account, '--json'])
  expect(r.code).toBe(0)
  return new Set((JSON.parse(r.out) as { rows: Array<{ payId: string }> }).rows.map((row) => row.payId))
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, rows: 250, rateLimitPerMinute: null, merchants: [{ seed: 32, rows: 180 }] })
  dir = mkdtempSync(join(tmpdir(), 'cli-accounts-'))
  keychain = createKeytarSecretStore({ service: `SecPaid Desk test cli accounts ${process.pid}-${Date.now()}` })
})
afterAll(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('CLI accounts', () => {
  it('adds two shops, keeps their data apart, and closes the month for both', async () => {
    expect((await cli(['accounts', 'add', 'Shop A', '--env', 'custom'])).code).toBe(0)
    expect((await cli(['accounts', 'add', 'Shop B', '--env', 'custom'])).code).toBe(0)
    expect((await cli(['accounts', 'add', 'shop a', '--env', 'custom'])).code).toBe(2)

    expect((await cli(['login', '--account', 'Shop A'], sim.apiKey)).out).toContain('"Shop A" (custom)')
    expect((await cli(['login', '--account', 'shop b'], sim.merchants[0]!.apiKey)).code).toBe(0)
    expect((await cli(['sync', '--account', 'Shop A'])).code).toBe(0)
    expect((await cli(['sync', '--account', 'Shop B'])).code).toBe(0)

    const a = await listedPayIds('Shop A')
    const b = await listedPayIds('Shop B')
    expect(a.size).toBeGreaterThan(10)
    expect(b.size).toBeGreaterThan(10)
    for (const id of b) expect(a.has(id)).toBe(false)

    const status = await cli(['status', '--account', 'Shop B'])
    expect(status.out).toMatch(/Account:\s+Shop B/)

    const listed = await cli(['accounts'])
    expect(listed.out).toContain('Shop A')
    expect(listed.out).toContain('Shop B')

    const monthEnd = await cli(['month-end', '--month', month, '--json'])
    expect(monthEnd.code).toBe(0)
    const summary = JSON.parse(monthEnd.out) as MonthAcrossAccounts
    const named = (name: string) => summary.accounts.find((x) => x.name === name)
    expect(named('Shop A')?.entries).toBeGreaterThan(0)
    expect(named('Shop B')?.entries).toBeGreaterThan(0)
    expect((await cli(['month-end', '--month', month])).out).toMatch(/Shop A[\s\S]*Shop B/)

    const out = mkdtempSync(join(tmpdir(), 'cli-accounts-out-'))
    try {
      const exported = await cli(['export', '--all-accounts', '--month', month, '--format', 'csv', '--out', out])
      expect(exported.code).toBe(0)
      const files = readdirSync(out)
      const fileOf = (prefix: string) => readFileSync(join(out, files.find((f) => f.startsWith(prefix))!), 'utf8')
      for (const id of a) expect(fileOf('shop-b-')).not.toMatch(new RegExp(`\\b${id}\\b`))
      for (const id of b) expect(fileOf('shop-a-')).not.toMatch(new RegExp(`\\b${id}\\b`))
    } finally {
      rmSync(out, { recursive: true, force: true })
    }

    expect((await cli(['accounts', 'rename', 'Shop B', 'Bike shop'])).code).toBe(0)
    expect((await cli(['accounts', 'remove', 'Bike shop'])).code).toBe(2)
    expect((await cli(['accounts', 'remove', 'Bike shop', '--yes'])).code).toBe(0)
    expect((await cli(['accounts'])).out).not.toContain('Bike shop')
    await cli(['logout', '--account', 'Shop A'])
  })

  it('refuses --account together with --env, and an account that does not exist', async () => {
    expect((await cli(['status', '--account', 'Shop A', '--env', 'custom'])).code).toBe(2)
    const missing = await cli(['status', '--account', 'Nobody'])
    expect(missing.code).not.toBe(0)
    expect(missing.err).toContain('There is no account "Nobody"')
  })
})
