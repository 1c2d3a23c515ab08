/**
 * Offline is a state, not an error (docs/architecture.md): after a sync, SecPaid goes away; the app says
 * so calmly, and browsing, search and export keep working from the cache.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, screenshot, search, waitForRows } from './fixtures'

let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 31, rows: 1500, rateLimitPerMinute: null })
  const data = freshDataDir()
  cleanup = data.cleanup
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale: 'en' })
  console.log(`[e2e] backend: ${app.backend}`)
})

test.afterEach(async () => {
  await app.close()
  cleanup()
})

test('browsing, search and export keep working when SecPaid is unreachable', async () => {
  const { page } = app
  await waitForRows(page)
  const someNote = (await sim.admin.payments({ kind: 'refundable', limit: 1 }))[0]
  if (!someNote) throw new Error('no payment')
  await sim.close() // SecPaid is gone

  await page.getByRole('button', { name: /^Sync/ }).click()
  await expect(page.getByText('SecPaid cannot be reached right now', { exact: false })).toBeVisible({ timeout: 20_000 })
  // Offline, the header and the banner name the moment the data shows, not a live-sounding "now".
  const syncRegion = page.getByRole('region', { name: 'Synchronisation' })
  await expect(syncRegion).toContainText(/Data from \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/)
  await expect(syncRegion).not.toContainText('Last synced')
  await expect(page.getByText(/last successful sync on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/)).toBeVisible()
  await screenshot(page, 'en-offline')

  await search(page, someNote.payId)
  await expect(dataRows(page).first()).toContainText(someNote.payId)

  await search(page, '')
  // Export takes the filter on screen: wait until the cleared search shows every row again.
  await expect.poll(() => dataRows(page).count()).toBeGreaterThan(1)
  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export (CSV)' }).click()
  const download = await downloadPromise
  const raw = readFileSync(await download.path())
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // Excel (Deutsch) CSV from the cache
  const lines = raw.toString('utf8').slice(1).split('\r\n')
  expect(lines.find((l) => l.startsWith('Stand der Daten;'))).toMatch(/\d{2}\.\d{2}\.\d{4}/) // data-as-of carried
  const header = lines[lines.indexOf('') + 1] ?? ''
  expect(header.split(';')).toContain('Betrag')
  const rowCount = lines.slice(lines.indexOf('') + 2).filter((l) => l !== '').length
  expect(rowCount).toBe(Number(lines.find((l) => l.startsWith('Anzahl;'))?.split(';')[1]))
  expect(rowCount).toBeGreaterThan(100)
})
