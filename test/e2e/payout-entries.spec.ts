/**
 * Payouts → Entries: what a payout bundles, as far as the data allow — the successful entries of
 * the day it covers, their net against the payout's, keyboard-reachable, in de and en (Demo, whose
 * simulated SecPaid nets each day's refunds into that day's payout).
 */
import { expect, test } from '@playwright/test'
import { launchApp, type LaunchedApp } from './harness'
import { freshDataDir, goTo, screenshot, waitForRows } from './fixtures'
import { expectAccessible } from './axe-check'

const TEXT = {
  de: { paid: 'Ausgezahlt', show: /^Buchungen der Auszahlung/, heading: /^Auszahlung für die Zahlungen vom \d{2}\.\d{2}\.\d{4}$/, entriesNet: /^Netto von (\d+) Buchung/, matches: 'Stimmt überein', zero: '0,00 €', close: 'Schließen' },
  en: { paid: 'Paid out', show: /^Entries of payout/, heading: /^Payout for the payments of \d{1,2} \w+ \d{4}$/, entriesNet: /^Net of (\d+) entr/, matches: /match/i, zero: '€0.00', close: 'Close' }
} as const

for (const lang of ['de', 'en'] as const) {
  test.describe(`payout entries (${lang})`, () => {
    let app: LaunchedApp
    let cleanup: () => void

    test.beforeEach(async () => {
      const data = freshDataDir()
      cleanup = data.cleanup
      app = await launchApp({ env: 'demo', dataDir: data.dir, locale: lang, demo: { rows: 1200 } })
      console.log(`[e2e] backend: ${app.backend}`)
    })

    test.afterEach(async () => {
      await app.close()
      cleanup()
    })

    test('shows the entries of the day a paid-out payout covers, adding up to its net', async () => {
      const { page } = app
      const s = TEXT[lang]
      await waitForRows(page)
      await goTo(page, 'payouts')
      // An older paid-out payout (its day is complete in the cache): the third paid-out row.
      const row = page.locator('.po-screen .po-table tbody tr').filter({ hasText: s.paid }).nth(2)
      const button = row.getByRole('button', { name: s.show })
      await button.focus()
      await page.keyboard.press('Enter')
      await expect(button).toHaveAttribute('aria-expanded', 'true')
      const panel = page.locator('.po-entries')
      const heading = panel.getByRole('heading', { level: 2 })
      await expect(heading).toHaveText(s.heading)
      await expect(heading).toBeFocused()
      const label = await panel.locator('dt').nth(1).textContent()
      const count = Number(s.entriesNet.exec(label ?? '')?.[1])
      expect(count).toBeGreaterThan(0)
      await expect(panel.locator('tbody tr')).toHaveCount(count)
      // Demo nets each day's refunds into its payout: the payout and its day agree to the cent.
      await expect(panel.locator('dd').nth(2)).toHaveText(s.zero)
      await expect(panel).toContainText(s.matches)
      await expectAccessible(page, 'payout entries')
      await screenshot(page, `${lang}-payout-entries`)
      await panel.getByRole('button', { name: s.close }).click()
      await expect(panel).toHaveCount(0)
    })
  })
}
