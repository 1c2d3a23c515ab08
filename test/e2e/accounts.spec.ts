/**
 * Several shops in one desk, as a bookkeeper sets them up: two accounts added in Settings against
 * one SecPaid server that serves two merchants (told apart by their API key), each opened, given
 * its key and synced. The rows of one never appear in the other (pay_ids compared, and a search
 * for the other shop's payment finds nothing); switching back and forth through the switcher shows
 * each shop's own rows; Month-end → All accounts shows both with their own counts; "Export all
 * accounts" saves one file per synced account, each with only that account's rows.
 */
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { currentBerlinMonth, previousMonth } from '../../src/shared/berlin-time'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { expectAccessible } from './axe-check'
import { dataRows, freshDataDir, goTo, search } from './fixtures'


let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void

const SHOP_A = 'Bäckerei Sonnenschein'
const SHOP_B = 'Fahrradladen Kette'

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 3, rows: 200, rateLimitPerMinute: null, merchants: [{ seed: 7, rows: 300 }, { seed: 11, rows: 250 }] })
  const data = freshDataDir()
  cleanup = data.cleanup
  // The built-in custom account keeps no key: only the two added shops are synced.
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, dataDir: data.dir, locale: 'en' })
  console.log(`[e2e] backend: ${app.backend}`)
})

test.afterEach(async () => {
  await app.close()
  await sim.close()
  cleanup()
})

interface StoredRow {
  payId: string
  createdAt: string
}

/** Every row the open account has stored, asked through the app's own API as the screens do. */
async function storedRows(page: Page): Promise<StoredRow[]> {
  // The stored months are read newest first after opening: wait until all are in.
  await expect(page.getByTestId('cache-load')).toHaveCount(0, { timeout: 30_000 })
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
    const rows: Array<{ payId: string; createdAt: string }> = []
    for (;;) {
      const result = await api.queryTransactions({
        filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' },
        sort: { column: 'createdAt', direction: 'desc' },
        offset: rows.length,
        limit: 1000
      })
      if (!result.ok) throw new Error(result.error.message)
      rows.push(...result.value.rows.map((r) => ({ payId: r.payId, createdAt: r.createdAt })))
      if (result.value.rows.length === 0 || rows.length >= result.value.total) return rows
    }
  })
}

/** The switcher in the navigation: its name is what it shows ("Account", the open account, its environment). */
function switcherButton(page: Page, open = '') {
  return page.getByRole('navigation').getByRole('button', { name: new RegExp(`^Account\\s*${open}`) })
}

/** Settings → Accounts → add (custom environment), open it, enter its key; the key's save starts a sync. */
async function addAndOpen(page: Page, name: string, apiKey: string): Promise<void> {
  await goTo(page, 'settings')
  const accounts = page.getByRole('region', { name: 'Accounts', exact: true })
  await accounts.getByLabel('Name of the shop').fill(name)
  await accounts.getByLabel('Environment').selectOption('custom')
  await accounts.getByRole('button', { name: 'Add account' }).click()
  await expect(accounts.getByText(`“${name}” was added.`)).toBeVisible()
  await expect(accounts.getByRole('row', { name: new RegExp(name) })).toBeVisible()
  await accounts.getByRole('button', { name: `Open “${name}” now` }).click()
  // The new account opens without a key: the usual "add a key" flow.
  await expect(switcherButton(page, `${name}\\s*Custom address`)).toBeVisible()
  await expect(page.getByText('No API key is stored for this account.')).toBeVisible()
  await page.getByLabel('Paste your API key').fill(apiKey)
  await page.getByRole('button', { name: 'Check and save' }).click()
  await expect(page.getByText(/^Key ending in …/)).toBeVisible()
  await goTo(page, 'transactions')
  await expect(dataRows(page).first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('region', { name: 'Synchronisation' })).toContainText('Last synced', { timeout: 30_000 })
}

/** Opens an account through the switcher in the navigation, by keyboard (↓ from the open one). */
async function switchTo(page: Page, name: string): Promise<void> {
  const button = switcherButton(page)
  await button.focus()
  await page.keyboard.press('Enter')
  const panel = page.getByRole('group', { name: 'Switch account' })
  await expect(panel).toBeVisible()
  // Focus starts on the open account; arrows move through the list.
  await expect(panel.locator('[aria-current="true"]')).toBeFocused()
  const item = panel.getByRole('button', { name: new RegExp(`^${name}$`) })
  for (let i = 0; i < 10 && !(await item.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)); i++) {
    await page.keyboard.press('ArrowDown')
  }
  await expect(item).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(panel).toHaveCount(0)
  await expect(switcherButton(page, name)).toBeVisible()
  await expect(button).toBeFocused()
}

test('two shops: own rows only, switching back and forth, the month across accounts and one export per account', async () => {
  const { page } = app
  const [merchantA, merchantB] = sim.merchants
  if (!merchantA || !merchantB) throw new Error('simulator without extra merchants')
  // The built-in custom account has no key yet: the needs-key notice, nothing synced.
  await expect(page.getByText('No API key is stored for this account.')).toBeVisible()

  await addAndOpen(page, SHOP_A, merchantA.apiKey)
  const rowsA = await storedRows(page)
  await addAndOpen(page, SHOP_B, merchantB.apiKey)
  const rowsB = await storedRows(page)

  const idsA = new Set(rowsA.map((r) => r.payId))
  const idsB = new Set(rowsB.map((r) => r.payId))
  expect(idsA.size).toBeGreaterThan(50)
  expect(idsB.size).toBeGreaterThan(50)
  expect([...idsA].filter((id) => idsB.has(id))).toEqual([])
  // The banner names the added account next to the environment.
  await expect(page.getByRole('region', { name: new RegExp(`CUSTOM .* · Account: ${SHOP_B}`) })).toBeVisible()

  // B is open: a payment of A is not found, B's own is.
  const someA = [...idsA][0]!
  const someB = [...idsB][0]!
  await search(page, someA)
  await expect(page.getByText('No entries match this filter')).toBeVisible()
  await expect(dataRows(page)).toHaveCount(0)
  await search(page, someB)
  await expect(dataRows(page).first()).toContainText(someB)

  // Back and forth through the switcher: each time only that shop's rows, and the search typed
  // for the other shop is not carried over.
  for (const [name, own, other] of [
    [SHOP_A, idsA, idsB],
    [SHOP_B, idsB, idsA],
    [SHOP_A, idsA, idsB]
  ] as const) {
    await switchTo(page, name)
    await expect(page.getByRole('searchbox')).toHaveValue('')
    await expect(dataRows(page).first()).toBeVisible({ timeout: 30_000 })
    // The pay_id cell of every row on screen belongs to this shop.
    const shown = await dataRows(page).locator('[role="gridcell"].mono:not(.mono--small)').allTextContents()
    expect(shown.length).toBeGreaterThan(5)
    expect(shown.filter((id) => !own.has(id.trim()))).toEqual([])
    expect(shown.filter((id) => other.has(id.trim()))).toEqual([])
    const stored = await storedRows(page)
    expect(new Set(stored.map((r) => r.payId))).toEqual(own)
  }

  // A refund is confirmed for a named shop: the review step says which account it goes out of.
  const refundable = await page.evaluate(async () => {
    const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
    const result = await api.queryTransactions({
      filter: { period: { kind: 'all' }, kinds: ['payment'], statuses: ['Success'], amountMinCents: 100, amountMaxCents: null, search: '' },
      sort: { column: 'createdAt', direction: 'desc' },
      offset: 0,
      limit: 50
    })
    if (!result.ok) throw new Error(result.error.message)
    for (const row of result.value.rows) {
      const e = await api.getRefundEligibility({ payId: row.payId })
      if (e.ok && e.value.allowed) return row.payId
    }
    throw new Error('no refundable payment')
  })
  expect(idsA.has(refundable)).toBe(true)
  await search(page, refundable)
  await dataRows(page).first().click()
  await page.getByRole('complementary').getByRole('button', { name: 'Request refund' }).click()
  const refundDialog = page.getByRole('dialog')
  await refundDialog.getByRole('button', { name: 'Continue to review' }).click()
  await expect(refundDialog).toContainText(`Shop (account): ${SHOP_A} · Custom address`)
  await page.keyboard.press('Escape')
  await expect(refundDialog).toHaveCount(0)
  await search(page, '')

  // Month-end → All accounts: both shops with the counts of their own month; built-in accounts
  // that hold no data are not listed (they are not shops of the month).
  const month = previousMonth(currentBerlinMonth(new Date()))
  const inMonth = (rows: StoredRow[]): number => rows.filter((r) => r.createdAt.startsWith(month)).length
  expect(inMonth(rowsA)).toBeGreaterThan(0)
  expect(inMonth(rowsB)).toBeGreaterThan(0)
  await goTo(page, 'month')
  await page.getByRole('button', { name: 'All accounts' }).click()
  const table = page.getByRole('table', { name: /per account$/ })
  await expect(table).toBeVisible()
  const rowA = table.getByRole('row', { name: new RegExp(SHOP_A) })
  const rowB = table.getByRole('row', { name: new RegExp(SHOP_B) })
  // Cells after the row header (account and its environment): data as of, entries, reviewed …
  const entries = (row: typeof rowA) => row.getByRole('cell').nth(1)
  await expect(entries(rowA)).toHaveText(new Intl.NumberFormat('en-GB').format(inMonth(rowsA)))
  await expect(entries(rowB)).toHaveText(new Intl.NumberFormat('en-GB').format(inMonth(rowsB)))
  await expect(rowA.getByRole('cell').nth(2)).toHaveText(`0 of ${new Intl.NumberFormat('en-GB').format(inMonth(rowsA))}`)
  await expect(rowA).toContainText('Custom address')
  // The built-in Custom account was only opened, never synced: not a shop of this month.
  await expect(table.getByRole('row', { name: /^Custom address/ })).toHaveCount(0)

  // Export all accounts (JSON): one file per synced account, each with only its own rows.
  const downloads: Array<{ name: string; path: Promise<string | null> }> = []
  page.on('download', (d) => downloads.push({ name: d.suggestedFilename(), path: d.path() }))
  await page.getByLabel('Format').selectOption('json')
  await page.getByRole('button', { name: 'Export all accounts' }).click()
  await expect(page.getByText('2 files saved:')).toBeVisible()
  await expect.poll(() => downloads.length).toBe(2)
  // Both shops of the month were synced: nothing is left out.
  await expect(page.getByText(/Not exported:/)).toHaveCount(0)
  const files = await Promise.all(downloads.map(async (d) => JSON.parse(readFileSync((await d.path)!, 'utf8')) as { rows: Array<{ payId: string }> }))
  const ofA = files.find((f) => f.rows.some((r) => idsA.has(r.payId)))
  const ofB = files.find((f) => f.rows.some((r) => idsB.has(r.payId)))
  if (!ofA || !ofB || ofA === ofB) throw new Error(`expected one file per shop, got ${downloads.map((d) => d.name).join(', ')}`)
  // Each file: exactly that shop's month, nothing of the other.
  expect(ofA.rows.filter((r) => !idsA.has(r.payId))).toEqual([])
  expect(ofB.rows.filter((r) => !idsB.has(r.payId))).toEqual([])
  expect(ofA.rows).toHaveLength(inMonth(rowsA))
  expect(ofB.rows).toHaveLength(inMonth(rowsB))
  await expectAccessible(page, 'month across accounts')

  // The switcher open, as a screen reader and axe see it.
  await switcherButton(page).click()
  await expect(page.getByRole('group', { name: 'Switch account' })).toBeVisible()
  await expectAccessible(page, 'switcher open')
  await page.keyboard.press('Escape')
  await expect(switcherButton(page)).toBeFocused()

  // Settings → Accounts: rename the other shop, then remove it after reading what that does.
  await goTo(page, 'settings')
  const accounts = page.getByRole('region', { name: 'Accounts', exact: true })
  await expectAccessible(page, 'settings accounts')
  // The open account (A) cannot be removed.
  await expect(accounts.getByRole('button', { name: `Remove ${SHOP_A}` })).toBeDisabled()
  await accounts.getByRole('button', { name: `Rename ${SHOP_B}` }).click()
  const renameDialog = page.getByRole('dialog', { name: `Rename “${SHOP_B}”` })
  await renameDialog.getByLabel('New name').fill('   ')
  await renameDialog.getByRole('button', { name: 'Save name' }).click()
  await expect(renameDialog.getByText('Enter a name.')).toBeVisible()
  await renameDialog.getByLabel('New name').fill('Fahrradladen Kette & Söhne')
  await renameDialog.getByRole('button', { name: 'Save name' }).click()
  await expect(renameDialog).toHaveCount(0)
  await expect(accounts.getByRole('row', { name: /Fahrradladen Kette & Söhne/ })).toBeVisible()
  await switcherButton(page).click()
  await expect(page.getByRole('group', { name: 'Switch account' }).getByRole('button', { name: 'Fahrradladen Kette & Söhne' })).toBeVisible()
  await page.keyboard.press('Escape')

  await accounts.getByRole('button', { name: 'Remove Fahrradladen Kette & Söhne' }).click()
  const removeDialog = page.getByRole('dialog', { name: 'Remove “Fahrradladen Kette & Söhne”?' })
  await expect(removeDialog).toContainText("Its API key is deleted from this PC's keychain.")
  await expect(removeDialog).toContainText('moved aside in the data folder, not deleted')
  await expect(removeDialog).toContainText('Nothing changes at SecPaid')
  await expectAccessible(page, 'remove dialog')
  await removeDialog.getByRole('button', { name: 'Remove account' }).click()
  await expect(removeDialog).toHaveCount(0)
  await expect(accounts.getByRole('row', { name: /Fahrradladen/ })).toHaveCount(0)
  await expect(accounts.getByRole('row', { name: new RegExp(SHOP_A) })).toBeVisible()
  // A is still open and still shows its own rows.
  await goTo(page, 'transactions')
  const shown = await dataRows(page).locator('[role="gridcell"].mono:not(.mono--small)').allTextContents()
  expect(shown.filter((id) => !idsA.has(id.trim()))).toEqual([])
})
