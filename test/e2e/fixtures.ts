/**
 * Shared pieces for the e2e specs: a fresh data dir per test, a simulator per test, screenshots
 * under test-results/screenshots, and small page helpers that act like a user (roles, labels).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { createAccountTargets } from '../../src/main/app/account-targets'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { openAccountDirectory } from '../../src/main/services/accounts/account-directory'

export const SCREENSHOT_DIR = resolve(__dirname, '../../test-results/screenshots')

export function freshDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'secpaid-e2e-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** The transactions table's data rows (the header row excluded). */
export function dataRows(page: Page) {
  return page.getByRole('grid', { name: /^(Transactions|Transaktionen)$/ }).getByRole('row').filter({ hasNot: page.getByRole('columnheader') })
}

export async function waitForRows(page: Page): Promise<void> {
  await expect(dataRows(page).first()).toBeVisible({ timeout: 30_000 })
}

export async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole('searchbox')
  await box.fill(text)
}

export async function goTo(page: Page, hash: 'transactions' | 'requests' | 'payouts' | 'month' | 'settings' | 'welcome'): Promise<void> {
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = `#/${h}`
  }, hash)
}

/** Where the app keeps the custom environment's cache for `apiBase` under `dataDir` (asked of the app's own code). */
export function customCacheDir(dataDir: string, apiBase: string): string {
  const unused = (): never => {
    throw new Error('not used here')
  }
  const access = createEnvironmentAccess({ customBaseUrl: apiBase, startDemo: unused, loadClient: unused })
  const target = createAccountTargets({ directory: openAccountDirectory({ dataDir, now: () => new Date() }), access }).resolve('custom')
  if (target === null) throw new Error('the custom environment is not available')
  return join(dataDir, target.dirName, 'cache')
}
