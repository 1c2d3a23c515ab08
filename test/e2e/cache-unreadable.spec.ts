/**
 * A cached month that cannot be read while the window loads the older months (an I/O error: a
 * permission, a failing disk) ends the load. The window says so in the user's language, keeps the
 * list's count and totals marked as not final, and the month-end screen says why it cannot show
 * the month instead of spinning for ever. Here the oldest month's base file is a directory of its
 * name, so reading it fails with EISDIR. The newest month, read before the first screen, fails the
 * same way: the window opens all the same and says the entries could not be read.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openTransactionCache } from '../../src/main/services/storage/transaction-cache'
import { syntheticRows } from '../../bench/cache-synthetic-rows'
import { launchApp, type LaunchedApp } from './harness'
import { customCacheDir, freshDataDir, goTo, screenshot } from './fixtures'

// Nothing listens there: the window works from its cache alone.
const API = 'http://127.0.0.1:9/api/v2/'

let app: LaunchedApp | null = null
let cleanup: () => void = () => undefined

test.afterEach(async () => {
  await app?.close()
  cleanup()
})

const TEXT = {
  en: { notice: /The stored data of some months could not be read\. The transactions list/, empty: 'The stored entries could not be read', month: 'Month', totals: 'Totals for the current filter', refusal: /so this month may lack entries\. Please start SecPaid Desk again/ },
  de: { notice: /Die gespeicherten Daten einiger Monate konnten nicht gelesen werden\. Die Transaktionsliste/, empty: 'Die gespeicherten Buchungen konnten nicht gelesen werden', month: 'Monat', totals: 'Summen für den aktuellen Filter', refusal: /in diesem Monat können daher Buchungen fehlen\. Bitte starten Sie SecPaid Desk neu/ }
} as const

for (const locale of ['en', 'de'] as const) {
  test(`an unreadable cached month ends the load with a notice, and month-end says why it cannot show the month (${locale})`, async () => {
    const data = freshDataDir()
    cleanup = data.cleanup
    const rows = syntheticRows(6000, 6)
    const dir = customCacheDir(data.dir, API)
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    cache.updateMeta({ lastSuccessfulSyncAt: new Date().toISOString() })
    const months = [...new Set(rows.map((r) => r.createdAt.slice(0, 7)))].sort()
    const oldest = months[0] as string
    const newest = months.at(-1) as string
    const base = join(dir, `tx-${oldest}.json`)
    rmSync(base)
    mkdirSync(base)

    app = await launchApp({ env: 'custom', apiBase: API, dataDir: data.dir, locale })
    const { page } = app
    await expect(page.getByText(TEXT[locale].notice)).toBeVisible({ timeout: 30_000 })
    // The count and totals cover the months read: still marked as not final, also after the
    // answers the window asked again for when the load ended.
    await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(rows.filter((r) => !r.createdAt.startsWith(oldest)).length + 1))
    const totals = page.getByRole('region', { name: TEXT[locale].totals })
    await expect(totals).toHaveAttribute('aria-busy', 'true')
    await page.waitForTimeout(500)
    await expect(totals).toHaveAttribute('aria-busy', 'true')
    await screenshot(page, `cache-unreadable-list-${locale}`)

    await goTo(page, 'month')
    await page.getByLabel(TEXT[locale].month, { exact: true }).selectOption(newest)
    await expect(page.getByRole('alert').filter({ hasText: TEXT[locale].refusal })).toBeVisible()
    await screenshot(page, `cache-unreadable-month-${locale}`)
  })
}

for (const locale of ['de', 'en'] as const) {
  test(`an unreadable newest month no longer stops the window from opening: it says why, the list is empty and not final (${locale})`, async () => {
    const data = freshDataDir()
    cleanup = data.cleanup
    const rows = syntheticRows(3000, 3)
    const dir = customCacheDir(data.dir, API)
    const cache = openTransactionCache({ dir })
    cache.replaceAll(rows)
    cache.updateMeta({ lastSuccessfulSyncAt: new Date().toISOString() })
    const newest = [...new Set(rows.map((r) => r.createdAt.slice(0, 7)))].sort().at(-1) as string
    const base = join(dir, `tx-${newest}.json`)
    rmSync(base)
    mkdirSync(base)

    app = await launchApp({ env: 'custom', apiBase: API, dataDir: data.dir, locale })
    const { page } = app
    await expect(page.getByText(TEXT[locale].notice)).toBeVisible({ timeout: 30_000 })
    // Nothing read is not nothing stored: no "sync to load your transactions" here.
    await expect(page.getByText(TEXT[locale].empty)).toBeVisible()
    await expect(page.getByRole('region', { name: TEXT[locale].totals })).toHaveAttribute('aria-busy', 'true')
    await screenshot(page, `cache-unreadable-newest-${locale}`)
  })
}
