/**
 * A long first sync shows its rows as pages arrive (the newest first), not after the last page:
 * here every page takes 3 s, and the rows are on screen while the header still says it syncs.
 * (Which rows, and what a failure keeps: test/integration/sync-progressive.test.ts.)
 */
import { expect, test } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, waitForRows } from './fixtures'

let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 41, rows: 4000, rateLimitPerMinute: null })
  sim.admin.setFaults({ latencyMs: 3_000 })
  const data = freshDataDir()
  cleanup = data.cleanup
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale: 'en' })
})

test.afterEach(async () => {
  await app.close()
  cleanup()
  await sim.close()
})

test('rows of the pages that arrived are browsable while the first sync still runs', async () => {
  const { page } = app
  await waitForRows(page)
  // Still syncing: the rows came from the first pages, not from a finished run.
  await expect(page.getByText('Syncing …')).toBeVisible()
  // And when it is done, the header says so and the list holds everything.
  await expect(page.getByText('Syncing …')).toBeHidden({ timeout: 60_000 })
  await expect(dataRows(page).first()).toBeVisible()
})
