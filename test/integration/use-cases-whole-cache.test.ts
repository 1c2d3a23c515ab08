/**
 * While the window's cache load still reads older months, only the transactions list answers from
 * what is read so far (marked partial). What needs whole months or every row — an export, the
 * month-end review, a month's payouts — waits for every cached month, and asks for them at once
 * instead of waiting for the window's first screen (src/main/app/use-cases.ts `loaded`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache } from '../../src/main/services/storage/transaction-cache'
import type { TransactionFilter } from '../../src/shared/views'
import { syntheticRows } from '../../bench/cache-synthetic-rows'

// Nothing listens there: the core works from its cache.
const API = 'http://127.0.0.1:9/api/v2/'
const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const rows = syntheticRows(6000, 6)
const months = [...new Set(rows.map((r) => r.createdAt.slice(0, 7)))].sort()
const oldest = months[0] as string

const dirs: string[] = []
const cores: AppCore[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * A core opened the window's way (progressive cache load) on a cache of six months; `beforeOpen`
 * may change the cache directory first.
 */
async function openWindowCore(beforeOpen?: (cacheDir: string) => void): Promise<AppCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'whole-cache-'))
  dirs.push(dataDir)
  const access = () => createEnvironmentAccess({ customBaseUrl: API, startDemo: () => Promise.reject(new Error('no demo here')), loadClient: staticModuleLoaders.client })
  const base = { loaders: staticModuleLoaders, dataDir, engine: createConfEngine(), keychain: createMemorySecretStore(), osUser: 'tester', forceEnvironment: 'custom' as const }
  // A first open makes the account's folder; the cache is written into it, then the window opens.
  const first = await createAppCore({ ...base, access: access() })
  const cacheDir = join(first.workspace().dir, 'cache')
  await first.close()
  openTransactionCache({ dir: cacheDir }).replaceAll(rows)
  beforeOpen?.(cacheDir)
  const core = await createAppCore({ ...base, access: access(), progressiveCacheLoad: true })
  cores.push(core)
  // No query yet: the older months wait for the window's first screen.
  expect(core.workspace().index.size).toBeLessThan(rows.length)
  return core
}

it('an export made during the load holds every cached row', async () => {
  const core = await openWindowCore()
  const file = await core.handlers.exportTransactions({ filter: ALL, format: 'csv', language: 'en' })
  expect(file.rowCount).toBe(rows.length)
})

it('a review tick on a row of a month not read yet is kept', async () => {
  const core = await openWindowCore()
  const row = rows.find((r) => r.createdAt.startsWith(oldest) && r.transactionId !== null)
  if (row === undefined) throw new Error('no row with an id in the oldest month')
  const state = await core.handlers.setReviewed({ month: oldest, keys: [`id:${row.transactionId}`], reviewed: true })
  expect(state.reviewedKeys).toEqual([`id:${row.transactionId}`])
})

it('the month-end rows are those of the whole month, not of the months read so far', async () => {
  const core = await openWindowCore()
  const month = { ...ALL, period: { kind: 'month' as const, month: oldest } }
  const selected = await core.handlers.selectTransactions({ filter: month })
  expect(selected.rows).toHaveLength(rows.filter((r) => r.createdAt.startsWith(oldest)).length)
  expect(selected.rows.length).toBeGreaterThan(0)
})

it('an export asked for while another account opens refuses, or holds every row: never part of them', async () => {
  const core = await openWindowCore()
  const [exported, switched] = await Promise.allSettled([
    core.handlers.exportTransactions({ filter: ALL, format: 'csv', language: 'en' }),
    core.switchEnvironment('development')
  ])
  expect(switched.status).toBe('fulfilled')
  if (exported.status === 'fulfilled') expect(exported.value.rowCount).toBe(rows.length)
  else expect(exported.reason).toMatchObject({ code: 'account_switched' })
})

it('the transactions list answers at once from the months read so far, and says so', async () => {
  const core = await openWindowCore()
  const page = await core.handlers.queryTransactions({ filter: ALL, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 30 })
  expect(page.partial).toBe(true)
  expect(page.total).toBeLessThan(rows.length)
})

it('a month that cannot be read during the load (an I/O error) ends it: the list stays partial, a notice says why, and an export refuses instead of waiting for ever', async () => {
  // The oldest month's base is a directory of its name now: reading it fails with EISDIR, as a
  // file without read permission or a failing disk would (the test runs as root in CI).
  const core = await openWindowCore((cacheDir) => {
    const base = join(cacheDir, `tx-${oldest}.json`)
    rmSync(base)
    mkdirSync(base)
  })
  const exported = core.handlers.exportTransactions({ filter: ALL, format: 'csv', language: 'en' })
  await expect(exported).rejects.toMatchObject({ code: 'cache_unreadable' })
  const state = core.workspace().sync.state()
  expect(state.cacheLoad).toBeNull()
  expect(state.notices).toContainEqual({ code: 'cache_read_failed', params: { detail: `Cannot read the cached file ${join(core.workspace().dir, 'cache', `tx-${oldest}.json`)} (EISDIR)` } })
  const page = await core.handlers.queryTransactions({ filter: ALL, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 30 })
  expect(page).toMatchObject({ partial: true, cacheUnreadable: true })
  expect(page.total).toBe(rows.filter((r) => !r.createdAt.startsWith(oldest)).length)
  // A sync would take what the index lacks for new, and a refund's check needs every month:
  // both refuse with the same sentence rather than act on part of the cache.
  await expect(core.handlers.runSync({ full: false })).rejects.toMatchObject({ code: 'cache_unreadable' })
  const payment = rows.find((r) => !r.createdAt.startsWith(oldest) && r.transactionType === 'Basic' && r.amount > 100)
  if (payment === undefined) throw new Error('no payment outside the oldest month')
  const refund = core.handlers.submitRefund({ payId: payment.payId, amount: 100, isFullRefund: false, reason: 'requested_by_customer', note: null })
  await expect(refund).rejects.toMatchObject({ code: 'cache_unreadable' })
})

it('the newest month unreadable at start: the window still opens, says why, and refuses what needs every month', async () => {
  // The newest month is read before the window's first screen. Its failure used to fail the
  // start ("could not open its data"); now it ends the load like any other month's.
  const newest = months.at(-1) as string
  const synced = '2026-11-30T08:00:00.000Z'
  const core = await openWindowCore((cacheDir) => {
    openTransactionCache({ dir: cacheDir }).updateMeta({ lastSuccessfulSyncAt: synced })
    const base = join(cacheDir, `tx-${newest}.json`)
    rmSync(base)
    mkdirSync(base)
  })
  const state = core.workspace().sync.state()
  expect(state.cacheLoad).toBeNull()
  expect(state.notices).toContainEqual({ code: 'cache_read_failed', params: { detail: `Cannot read the cached file ${join(core.workspace().dir, 'cache', `tx-${newest}.json`)} (EISDIR)` } })
  // "Data as of" still comes from meta.
  expect(state.lastSuccessfulSyncAt).toBe(synced)
  const page = await core.handlers.queryTransactions({ filter: ALL, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 30 })
  expect(page).toMatchObject({ partial: true, cacheUnreadable: true, total: 0 })
  await expect(core.handlers.exportTransactions({ filter: ALL, format: 'csv', language: 'en' })).rejects.toMatchObject({ code: 'cache_unreadable' })
  await expect(core.handlers.runSync({ full: false })).rejects.toMatchObject({ code: 'cache_unreadable' })
})
