/**
 * `secpaid-desk export --format datev` and `bank-check` through runCli against the Demo
 * environment: the export refuses without DATEV settings and writes the EXTF file with them; the
 * bank check prints matched and unmatched payouts, and bank text cannot drive the terminal.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runUseCase } from '../../src/main/app/app-api'
import { createAppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { runCli } from '../../src/main/cli/run-cli'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { writeDatevSettings } from '../../src/main/services/settings/datev-settings-store'
import { currentBerlinMonth, previousMonth } from '../../src/shared/berlin-time'
import { datevSettingsDefaults } from '../../src/shared/datev-settings'
import type { PayOutTransaction } from '../../src/shared/domain'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { buildCamt053, nextBusinessDay } from '../fixtures/bank/camt-builder'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

// ESC, BEL, the 8-bit CSI and any other C0/C1 control except LF.
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/

let dir: string
const keychain = createMemorySecretStore()
const month = previousMonth(currentBerlinMonth(new Date()))

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(
    [...argv, '--env', 'demo', '--data-dir', dir],
    { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => '' },
    { env: {}, keychain }
  )
  return { code, out, err }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-bookkeeping-'))
  expect((await cli(['sync'])).code).toBe(0)
})

/** The payouts the CLI's sync stored, read through the app core on the same data dir. */
async function storedPayouts(): Promise<PayOutTransaction[]> {
  const access = createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: null, startDemo: () => startDemoBackend({}), loopbackRateLimitPerMinute: null })
  const core = await createAppCore({ loaders: staticModuleLoaders, dataDir: dir, engine: createConfEngine(), keychain, access, osUser: 'tester', forceEnvironment: 'demo' })
  try {
    return (await runUseCase(core.api, 'listPayouts', {})).payouts
  } finally {
    await core.close()
  }
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('secpaid-desk export --format datev', () => {
  it('refuses without DATEV settings and names where to enter them', async () => {
    const result = await cli(['export', '--month', month, '--format', 'datev', '--out', join(dir, 'x.csv')])
    expect(result.code).not.toBe(0)
    expect(result.err).toMatch(/DATEV settings are missing/)
  })

  it('writes the Buchungsstapel as Windows-1252 bytes', async () => {
    writeDatevSettings(join(dir, 'demo'), { ...datevSettingsDefaults('SKR03'), beraternummer: 29098, mandantennummer: 55003 })
    const out = join(dir, 'EXTF.csv')
    const result = await cli(['export', '--month', month, '--format', 'datev', '--out', out])
    expect(result.code).toBe(0)
    expect(result.err).toMatch(/Wrote \d+ bookings \(\d+ payouts\)/)
    const bytes = readFileSync(out)
    expect(bytes.subarray(0, 14).toString('latin1')).toBe('"EXTF";700;21;')
    // "Rückbelastung"/"Erstattung" texts are Windows-1252: ü is one byte 0xFC, never UTF-8's C3 BC.
    expect(bytes.includes(Buffer.from([0xc3, 0xbc]))).toBe(false)
  })
})

describe('secpaid-desk bank-check', () => {
  it('prints matched and unmatched sides, with bank text made terminal-safe', async () => {
    const ofMonth = (await storedPayouts()).filter((p) => p.createdAt.startsWith(month))
    const payouts = ofMonth.filter((p) => p.payoutStatus === 'Approved' && p.payoutAmount > 0)
    // Early in a month, the last payouts of the month before are not approved yet: no credit either.
    const notApproved = ofMonth.filter((p) => p.payoutStatus !== 'Approved').length
    expect(payouts.length).toBeGreaterThanOrEqual(2)
    const [missing, ...rest] = payouts
    const credits = rest.map((p) => ({ amountCents: p.payoutAmount, date: nextBusinessDay(p.createdAt.slice(0, 10)), debtor: 'SecPaid GmbH', reference: `Auszahlung ${p.payoutId}` }))
    const file = join(dir, 'statement.xml')
    writeFileSync(file, buildCamt053([...credits, { amountCents: 4711, date: `${month}-15`, debtor: 'Evil \u009b31m Corp', reference: 'x\u202Ey' }]))
    const result = await cli(['bank-check', '--month', month, file])
    expect(result.code).toBe(0)
    expect(result.out).toContain(`Matched (${rest.length}):`)
    expect(result.out).toContain(`Payouts without a bank credit (${1 + notApproved}):`)
    expect(result.out).toContain(missing!.payoutId)
    expect(result.out).toContain('Bank credits without a payout (1):')
    expect(result.out).toMatch(/Evil .*Corp/)
    expect(result.out.replace(/\n/g, '')).not.toMatch(TERMINAL_CONTROLS)
  })

  it('explains an unreadable file and exits with a usage error', async () => {
    const file = join(dir, 'broken.csv')
    writeFileSync(file, 'nothing;useful\n1;2\n')
    const result = await cli(['bank-check', '--month', month, file])
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/secpaid-desk: /)
  })
})

describe('secpaid-desk payouts', () => {
  it('lists the stored payouts, and reconciles a month against the days they cover', async () => {
    const stored = await storedPayouts()
    expect(stored.length).toBeGreaterThan(0)
    const list = await cli(['payouts'])
    expect(list.code).toBe(0)
    expect(list.out).toContain(`${stored.length} payouts · fetched`)
    expect(list.out).toContain(stored[0]?.transactionId ?? stored[0]?.payoutId ?? '?')

    const json = await cli(['payouts', '--month', month, '--json'])
    expect(json.code).toBe(0)
    const rec = JSON.parse(json.out) as import('../../src/shared/views').PayoutReconciliation
    expect(rec.month).toBe(month)
    expect(rec.payouts.length).toBeGreaterThan(20)
    // Demo nets refunds into the day's payout: every payout of a finished month matches its day.
    expect(rec.payouts.every((l) => l.cause === 'matches')).toBe(true)
    const text = await cli(['payouts', '--month', month])
    expect(text.out).toMatch(new RegExp(`Payouts for days of ${month}: [\\d,.]+ EUR`))
    expect((await cli(['payouts', '--month', '2026-13'])).code).toBe(2)
  })

  it('writes the month reconciliation as a German Excel CSV whose lines add up to the summary', async () => {
    const rec = JSON.parse((await cli(['payouts', '--month', month, '--json'])).out) as import('../../src/shared/views').PayoutReconciliation
    const csv = await cli(['payouts', '--month', month, '--format', 'csv-de'])
    expect(csv.code).toBe(0)
    expect(csv.out.startsWith('\uFEFF')).toBe(true)
    const lines = csv.out.slice(1).split('\r\n')
    const header = lines.findIndex((l) => l.startsWith('Abgedeckter Tag;'))
    expect(header).toBeGreaterThan(0)
    const payoutLines = lines.slice(header + 1, header + 1 + rec.payouts.length).map((l) => l.split(';'))
    expect(payoutLines).toHaveLength(rec.payouts.length)
    const cents = (cell: string | undefined) => Math.round(Number((cell ?? '').replace(',', '.')) * 100)
    // Column 8 is SecPaid's net: the lines add up to the summary's payouts net, in exact cents.
    expect(payoutLines.reduce((sum, cells) => sum + cents(cells[7]), 0)).toBe(rec.summary.payoutsNet)
    expect(lines.find((l) => l.startsWith('Summe Auszahlungen (netto);'))).toBe(`Summe Auszahlungen (netto);${(rec.summary.payoutsNet / 100).toFixed(2).replace('.', ',')}`)
    expect(payoutLines.every((cells) => cells[11] === 'stimmt überein')).toBe(true)
    expect((await cli(['payouts', '--month', month, '--format', 'xlsx'])).code).toBe(2)
  })
})
