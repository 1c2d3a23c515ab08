/**
 * The whole mission headless : login → sync → list → refunds only → refund → approve on
 * the simulator's admin side → sync → refunded → export, against the real simulator over
 * loopback and the real OS keychain (gnome-keyring in the dbus session of scripts/with-keyring.sh).
 * In-process runs use runCli() with a per-run keychain service; the child-process tests run the
 * built bin/secpaid-desk.js exactly as a bookkeeper's script would.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/run-cli'
import { createKeytarSecretStore } from '../../src/main/services/credentials'
import { startSimulator, createSimulatorControlClient, type RunningSimulator } from '../../src/main/simulator'
import { currentBerlinMonth } from '../../src/shared/berlin-time'

const ROOT = resolve(__dirname, '../..')
const BIN = join(ROOT, 'bin/secpaid-desk.js')
const hasKeyring = Boolean(process.env['DBUS_SESSION_BUS_ADDRESS'])
const needsKeyring = it.skipIf(!hasKeyring && !process.env['CI'])
if (!hasKeyring) console.warn('[cli] SKIPPING keychain-backed CLI tests: no D-Bus session (run via scripts/with-keyring.sh)')

let sim: RunningSimulator
const dirs: string[] = []
const keychain = createKeytarSecretStore({ service: `SecPaid Desk CLI Test ${process.pid}-${Date.now()}` })

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cli-'))
  dirs.push(d)
  return d
}

async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin },
    { env: { SECPAID_API_BASE: sim.baseUrl }, keychain }
  )
  return { code, out, err }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, rows: 5200, rateLimitPerMinute: null })
})

afterAll(async () => {
  await sim.close()
  for (const env of ['custom', 'production', 'development']) await keychain.delete(env).catch(() => false)
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('secpaid-desk (in-process, real simulator + keychain)', () => {
  needsKeyring('runs the whole mission headless', async () => {
    const dir = tempDir()
    const base = ['--env', 'custom', '--data-dir', dir]

    expect((await cli(['login', ...base], 'wrong-key-123456')).code).toBe(3)
    const login = await cli(['login', ...base], sim.apiKey + '\n')
    expect(login.code).toBe(0)
    expect(login.out).toContain(sim.apiKey.slice(-4))
    expect(login.out).not.toContain(sim.apiKey)

    const sync = await cli(['sync', ...base])
    expect(sync.code, sync.err).toBe(0)
    expect(sync.err).toMatch(/syncing: \d+ rows/)

    const all = JSON.parse((await cli(['list', ...base, '--json'])).out) as { rows: { kind: string; payId: string }[] }
    expect(all.rows.length).toBeGreaterThan(4000)
    const refundsOnly = JSON.parse((await cli(['list', ...base, '--refunds-only', '--json'])).out) as { rows: { kind: string }[] }
    expect(refundsOnly.rows.length).toBeGreaterThan(0)
    expect(refundsOnly.rows.every((r) => r.kind === 'refund')).toBe(true)

    const control = createSimulatorControlClient(sim.controlUrl)
    const [target] = await control.payments({ kind: 'refundable', limit: 1 })
    if (!target) throw new Error('simulator has no refundable payment')

    expect((await cli(['refund', ...base, '--pay-id', target.payId, '--amount', '1,50'])).code).toBe(2) // no --yes
    const refund = await cli(['refund', ...base, '--pay-id', target.payId, '--amount', '1,50', '--reason', 'Ware beschädigt', '--yes'])
    expect(refund.code, refund.err).toBe(0)
    expect(refund.out).toContain('submitted')
    const again = await cli(['refund', ...base, '--pay-id', target.payId, '--amount', '1.00', '--yes'])
    expect(again.code).toBe(4) // blocked locally: a request is open
    expect(sim.admin.requestLog({ path: 'refundPayment', payId: target.payId })).toHaveLength(1)

    await control.approveRefund(target.payId)
    expect((await cli(['sync', ...base])).code).toBe(0)
    const ledger = JSON.parse((await cli(['refunds', ...base, '--json'])).out) as { state: string; amountCents: number; refundEntryKey: string }[]
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ state: 'refunded', amountCents: 150 })

    const month = currentBerlinMonth(new Date())
    const out = join(dir, 'month.csv')
    const exported = await cli(['export', ...base, '--month', month, '--format', 'csv-de', '--out', out])
    expect(exported.code, exported.err).toBe(0)
    const csv = readFileSync(out, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain(';-1,50;')

    // The key is in the keychain only: no file in the data directory contains it.
    for (const file of walk(dir)) expect(readFileSync(file, 'latin1')).not.toContain(sim.apiKey)
  })

  needsKeyring('keeps working offline: list and export from cache, sync reports exit 5', async () => {
    const offlineSim = await startSimulator({ seed: 8, rows: 800, rateLimitPerMinute: null })
    const dir = tempDir()
    const env = { SECPAID_API_BASE: offlineSim.baseUrl }
    const run = async (argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> => {
      let out = ''
      let err = ''
      const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin }, { env, keychain })
      return { code, out, err }
    }
    const base = ['--env', 'custom', '--data-dir', dir]
    expect((await run(['login', ...base], offlineSim.apiKey)).code).toBe(0)
    expect((await run(['sync', ...base])).code).toBe(0)
    const online = JSON.parse((await run(['list', ...base, '--json'])).out) as { rows: unknown[] }
    await offlineSim.close()

    const sync = await run(['sync', ...base])
    expect(sync.code).toBe(5)
    expect(sync.err).toMatch(/offline/i)
    const offline = JSON.parse((await run(['list', ...base, '--json'])).out) as { rows: unknown[] }
    expect(offline.rows).toHaveLength(online.rows.length)
    const exported = await run(['export', ...base, '--month', currentBerlinMonth(new Date()), '--format', 'json'])
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.out)).toHaveProperty('rows')
  })

  it('explains usage errors with exit code 2', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2)
    expect((await cli(['list', '--month', '2026-13', '--data-dir', tempDir(), '--env', 'custom'])).code).toBe(2)
    expect((await cli(['export', '--data-dir', tempDir(), '--env', 'custom', '--month', '2026-05', '--format', 'xlsx'])).code).toBe(2)
  })

  it('names a cached file it cannot read (an I/O error), and leaves the cache as it is', async () => {
    const dir = tempDir()
    const base = ['--env', 'demo', '--data-dir', dir]
    expect((await cli(['sync', ...base])).code).toBe(0)
    const cacheDir = join(dir, 'demo', 'cache')
    const newest = readdirSync(cacheDir).filter((n) => /^tx-\d{4}-\d{2}\.json$/.test(n)).sort().at(-1) as string
    // The month's journal path is a directory: reading it fails, the base stays as it is.
    mkdirSync(join(cacheDir, newest.replace(/\.json$/, '.jsonl')))
    const before = readFileSync(join(cacheDir, newest))
    const status = await cli(['status', ...base])
    expect(status.code).toBe(1)
    expect(status.err).toContain(`Cannot read the cached file ${join(cacheDir, newest.replace(/\.json$/, '.jsonl'))} (EISDIR)`)
    expect(status.err).toContain("Check that file's permissions and the disk")
    expect(readFileSync(join(cacheDir, newest))).toEqual(before)
  })
})

describe('bin/secpaid-desk.js (child process, built output)', () => {
  const built = existsSync(join(ROOT, 'out/main/cli.js'))
  const run = promisify(execFile)

  it.skipIf(!built)('prints usage and exits 0 for help (needs `npm run build`)', async () => {
    const { stdout } = await run(process.execPath, [BIN, 'help'])
    expect(stdout).toContain('Usage: secpaid-desk')
  })

  it.skipIf(!built || (!hasKeyring && !process.env['CI']))('a sync killed with SIGKILL mid-way leaves a readable cache', async () => {
    const slow = await startSimulator({ seed: 9, rows: 6000, rateLimitPerMinute: null })
    const dir = tempDir()
    const env = { ...process.env, SECPAID_API_BASE: slow.baseUrl }
    try {
      const login = spawn(process.execPath, [BIN, 'login', '--env', 'custom', '--data-dir', dir], { env })
      login.stdin.end(slow.apiKey)
      expect(await exitCode(login)).toBe(0)
      // Slow replies so the kill lands while pages are being fetched and written.
      await createSimulatorControlClient(slow.controlUrl).setFaults({ latencyMs: 300 })
      for (let attempt = 0; attempt < 3; attempt++) {
        const child = spawn(process.execPath, [BIN, 'sync', '--env', 'custom', '--data-dir', dir, '--full'], { env })
        await new Promise((r) => setTimeout(r, 700 + attempt * 400))
        child.kill('SIGKILL')
        await exitCode(child)
      }
      const { stdout } = await run(process.execPath, [BIN, 'status', '--env', 'custom', '--data-dir', dir], { env })
      expect(stdout).toMatch(/Cached rows:\s+\d+/)
      const list = await run(process.execPath, [BIN, 'list', '--env', 'custom', '--data-dir', dir, '--json'], { env, maxBuffer: 64 * 1024 * 1024 })
      expect(JSON.parse(list.stdout)).toHaveProperty('rows')
      await createSimulatorControlClient(slow.controlUrl).setFaults({ latencyMs: 0 })
      const finish = await run(process.execPath, [BIN, 'sync', '--env', 'custom', '--data-dir', dir], { env })
      expect(finish.stdout).toMatch(/rows cached/)
    } finally {
      await slow.close()
      // The child used the app's own keychain service (in CI a throwaway keyring); clean it anyway.
      await createKeytarSecretStore().delete('custom').catch(() => false)
    }
  }, 90_000)
})

function exitCode(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)))
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}
