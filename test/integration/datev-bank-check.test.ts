/**
 * The month-end bookkeeping operations through the real IPC router and core (Demo = the simulator
 * on loopback): the DATEV export of a month reads back as a DATEV file whose payout bookings are
 * exactly the month's approved payouts, and the bank cross-check pairs a statement built from the
 * simulator's payouts — one left out, one foreign credit added — with the stored payouts.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { toIpcError } from '../../src/main/ipc/ipc-errors'
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../src/main/ipc/ipc-router'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import type { BankCheckResult, DatevExportFile } from '../../src/shared/bookkeeping-views'
import { datevSettingsDefaults, type DatevSettings } from '../../src/shared/datev-settings'
import type { PayOutTransaction } from '../../src/shared/domain'
import { IPC_METHODS, type IpcMethod, type IpcResult, type PayoutList } from '../../src/shared/ipc-channels'
import { buildCamt053, nextBusinessDay } from '../fixtures/bank/camt-builder'
import { readDatevFile, unquote } from '../fixtures/datev/datev-reader'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

const sender: SenderInfo = { webContentsId: 1, isMainFrame: true, frameUrl: 'app://secpaid/' }
const SETTINGS: DatevSettings = { ...datevSettingsDefaults('SKR03'), beraternummer: 29098, mandantennummer: 55003, diktatkuerzel: 'SD' }

let dir: string
let core: AppCore
let router: IpcRouter
let month: string
let monthPayouts: PayOutTransaction[]

async function call<T>(method: IpcMethod, input: unknown): Promise<IpcResult<T>> {
  return (await router.dispatch(IPC_METHODS[method], sender, input)) as IpcResult<T>
}
async function ok<T>(method: IpcMethod, input: unknown): Promise<T> {
  const result = await call<T>(method, input)
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
  return result.value
}

const approved = (p: PayOutTransaction): boolean => p.payoutStatus === 'Approved'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datev-bank-'))
  const access = createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: null, startDemo: () => startDemoBackend({ rows: 400 }), loopbackRateLimitPerMinute: null })
  core = await createAppCore({ loaders: staticModuleLoaders, dataDir: dir, engine: createConfEngine(), keychain: createMemorySecretStore(), access, osUser: 'tester', forceEnvironment: 'demo' })
  router = createIpcRouter(core.handlers, { isTrustedSender: () => true, toIpcError: (e) => toIpcError(e) })
  await ok('runSync', { full: false })
  const { payouts } = await ok<PayoutList>('listPayouts', {})
  // The month with the most approved positive payouts: enough to leave one out and still match several.
  const byMonth = new Map<string, PayOutTransaction[]>()
  for (const p of payouts) byMonth.set(p.createdAt.slice(0, 7), [...(byMonth.get(p.createdAt.slice(0, 7)) ?? []), p])
  ;[month] = [...byMonth.entries()].sort((a, b) => b[1].filter(approved).length - a[1].filter(approved).length)[0]!
  monthPayouts = byMonth.get(month)!
  expect(monthPayouts.filter((p) => approved(p) && p.payoutAmount > 0).length).toBeGreaterThanOrEqual(3)
})

afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('DATEV export through the application API', () => {
  it('refuses to export before the DATEV settings are entered, and says where to enter them', async () => {
    expect(await ok('getDatevSettings', {})).toEqual({ settings: null })
    const result = await call('exportDatev', { month })
    expect(result).toMatchObject({ ok: false, error: { kind: 'precondition', code: 'datev_settings_missing' } })
  })

  it('refuses settings that break the schema and stores nothing', async () => {
    const bad = { ...SETTINGS, accounts: { ...SETTINGS.accounts, bank: '12' } }
    expect(await call('saveDatevSettings', { settings: bad })).toMatchObject({ ok: false, error: { kind: 'invalid_argument' } })
    expect(existsSync(join(dir, 'demo', 'datev-settings.json'))).toBe(false)
  })

  it('stores the settings per workspace and exports a month that reads back with one booking per approved payout', async () => {
    expect(await ok('saveDatevSettings', { settings: SETTINGS })).toEqual({ settings: SETTINGS })
    expect(await ok('getDatevSettings', {})).toEqual({ settings: SETTINGS })
    const file = await ok<DatevExportFile>('exportDatev', { month })
    const bytes = Buffer.from(file.base64, 'base64')
    const read = readDatevFile(bytes)
    expect(read.header.slice(0, 3).map(unquote)).toEqual(['EXTF', '700', '21'])
    expect(read.header[10]).toBe('29098')
    expect(read.bookings).toHaveLength(file.bookingCount)
    expect(file.fileName).toMatch(/\.csv$/)

    // Payout bookings: the bank account as Gegenkonto; Zusatzinformation names the payout.
    const payoutLines = read.bookings.filter((cells) => unquote(cells[7]!) === SETTINGS.accounts.bank)
    const booked = payoutLines.map((cells) => ({ id: unquote(cells[48]!), amount: unquote(cells[0]!), side: unquote(cells[1]!), konto: unquote(cells[6]!) }))
    const expected = monthPayouts
      .filter((p) => approved(p) && p.payoutAmount !== 0)
      .map((p) => ({
        id: p.payoutId,
        amount: `${Math.trunc(Math.abs(p.payoutAmount) / 100)},${String(Math.abs(p.payoutAmount) % 100).padStart(2, '0')}`,
        side: p.payoutAmount > 0 ? 'H' : 'S',
        konto: SETTINGS.accounts.clearing
      }))
    const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id)
    expect(booked.sort(byId)).toEqual(expected.sort(byId))
    expect(file.payoutCount).toBe(expected.length)
    expect(file.pendingPayoutCount).toBe(monthPayouts.filter((p) => !approved(p)).length)
  })
})

describe('bank-statement cross-check through the application API', () => {
  it('matches credits to payouts, names the missing payout and the foreign credit, and stores nothing', async () => {
    const paid = monthPayouts.filter((p) => approved(p) && p.payoutAmount > 0).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    // Leave out a payout from the middle of the month, so its window lies inside the statement.
    const missing = paid[Math.floor(paid.length / 2)]!
    const credits = paid
      .filter((p) => p !== missing)
      .map((p) => ({ amountCents: p.payoutAmount, date: nextBusinessDay(p.createdAt.slice(0, 10)), debtor: 'SecPaid GmbH', reference: `Auszahlung ${p.payoutId}` }))
    const foreign = { amountCents: 123_457, date: `${month}-15`, debtor: 'Erika Mustermann', reference: 'Rechnung 4711' }
    const xml = buildCamt053([...credits, foreign])
    const filesBefore = readdirSync(dir, { recursive: true }).sort()
    const result = await ok<BankCheckResult>('checkBankStatement', { month, base64: Buffer.from(xml, 'utf8').toString('base64') })

    expect(result.format).toBe('camt053')
    expect(result.recognised.messageVersion).toBe('001.08')
    expect(result.matched.map((m) => m.payoutId).sort()).toEqual(paid.filter((p) => p !== missing).map((p) => p.payoutId).sort())
    for (const m of result.matched) expect(m.byReference).toBe(true)
    const unmatchedIds = result.unmatchedPayouts.map((u) => u.payoutId)
    expect(unmatchedIds).toContain(missing.payoutId)
    expect(result.unmatchedPayouts.find((u) => u.payoutId === missing.payoutId)?.cause).toBe('no_credit_of_amount')
    expect(result.unmatchedCredits).toEqual([
      expect.objectContaining({ amountCents: 123_457, counterparty: 'Erika Mustermann', reference: 'Rechnung 4711', cause: 'no_payout' })
    ])
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(filesBefore)
  })

  it('turns an unreadable file into a coded, user-facing error', async () => {
    const result = await call('checkBankStatement', { month, base64: Buffer.from('<?xml version="1.0"?><Document><oops', 'utf8').toString('base64') })
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_argument' } })
    if (!result.ok) expect(result.error.code).toMatch(/^bank_/)
  })
})
