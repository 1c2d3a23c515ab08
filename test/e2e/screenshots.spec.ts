/**
 * Screenshots of every screen in German and English (plus dark mode), saved under
 * test-results/screenshots for review. Each step also asserts the screen really rendered its
 * content in the right language, so a blank or broken screen fails the test.
 */
import { expect, test } from '@playwright/test'
import { startSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, goTo, screenshot, search, waitForRows } from './fixtures'

const TEXT = {
  de: {
    requests: 'Erstattungsanfragen', month: 'Summen', settings: 'Umgebung', request: 'Erstattung anfragen', welcome: 'Demo',
    review: 'Weiter zur Prüfung', submit: /verbindlich anfragen/, sent: 'Anfrage gesendet', close: 'Schließen', showHistory: 'Verlauf anzeigen',
    requested: 'Erstattung angefragt', accepted: 'Von SecPaid angenommen, wartet auf Prüfung', byPerson: 'Benutzer an diesem PC', historyTitle: 'Verlauf (Protokoll)',
    payouts: 'Auszahlungen', payoutsTable: 'Auszahlungen, neueste zuerst', paidOut: 'Ausgezahlt', reconciliation: /Auszahlungen abgleichen/, matches: 'Stimmt überein'
  },
  en: {
    requests: 'Refund requests', month: 'Totals', settings: 'Environment', request: 'Request refund', welcome: 'Demo',
    review: 'Continue to review', submit: /Request refund of/, sent: 'Request sent', close: 'Close', showHistory: 'Show history',
    requested: 'Refund requested', accepted: 'Accepted by SecPaid, awaiting review', byPerson: 'User at this PC', historyTitle: 'History (audit trail)',
    payouts: 'Payouts', payoutsTable: 'Payouts, newest first', paidOut: 'Paid out', reconciliation: /Payout reconciliation/, matches: 'Matches'
  }
} as const

for (const [locale, colorScheme] of [['de', 'light'], ['en', 'light'], ['en', 'dark']] as const) {
  test(`every screen renders (${locale}, ${colorScheme})`, async () => {
    const data = freshDataDir()
    const app: LaunchedApp = await launchApp({ env: 'demo', dataDir: data.dir, locale, colorScheme, demo: { rows: 1500, decisionDelayMs: 300 } })
    console.log(`[e2e] backend: ${app.backend}`)
    const tag = `${locale}-${colorScheme}`
    const t = TEXT[locale]
    try {
      const { page } = app
      await waitForRows(page)
      await screenshot(page, `${tag}-transactions`)

      // Open a payment that can be refunded (asked through the app's own API, as the UI would).
      const payId = await page.evaluate(async () => {
        const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
        const result = await api.queryTransactions({
          filter: { period: { kind: 'all' }, kinds: ['payment'], statuses: ['Success'], amountMinCents: 1000, amountMaxCents: null, search: '' },
          sort: { column: 'createdAt', direction: 'desc' },
          offset: 0,
          limit: 50
        })
        if (!result.ok) throw new Error(result.error.message)
        for (const row of result.value.rows) {
          const e = await api.getRefundEligibility({ payId: row.payId })
          if (e.ok && e.value.allowed) return row.payId
        }
        throw new Error('no refundable payment in the demo data')
      })
      await search(page, payId)
      await expect(dataRows(page)).toHaveCount(1)
      await dataRows(page).first().click()
      const detail = page.getByRole('complementary')
      await expect(detail).toContainText(payId)
      await screenshot(page, `${tag}-detail`)

      await detail.getByRole('button', { name: t.request }).click()
      const dialog = page.getByRole('dialog')
      await expect(dialog).toBeVisible()
      await screenshot(page, `${tag}-refund-dialog`)
      // A full refund request, so the requests screen has a history to show.
      await dialog.getByRole('button', { name: t.review }).click()
      await dialog.getByRole('button', { name: t.submit }).click()
      await expect(dialog.getByText(t.sent)).toBeVisible()
      await dialog.getByRole('button', { name: t.close, exact: true }).first().click()
      await expect(page.getByRole('dialog')).toHaveCount(0)
      await page.getByRole('searchbox').focus()
      await page.keyboard.press('Escape')
      await page.getByRole('searchbox').blur()

      await page.keyboard.press('?')
      await expect(page.getByRole('dialog')).toBeVisible()
      await screenshot(page, `${tag}-shortcuts`)
      await page.keyboard.press('Escape')

      await goTo(page, 'requests')
      await expect(page.getByRole('heading', { name: t.requests }).first()).toBeVisible()
      await screenshot(page, `${tag}-requests`)
      // The history speaks the reader's language: events and people, the OS account as a detail,
      // none of the ledger's English machine notes.
      await page.getByRole('button', { name: t.showHistory }).first().click()
      const history = page.getByRole('table', { name: t.historyTitle })
      await expect(history).toContainText(t.requested)
      await expect(history).toContainText(t.accepted)
      await expect(history).toContainText(t.byPerson)
      await expect(history).not.toContainText('system')
      await expect(history).not.toContainText('refund entry')
      await screenshot(page, `${tag}-requests-history`)

      await goTo(page, 'payouts')
      const payoutTable = page.getByRole('region', { name: t.payoutsTable })
      await expect(payoutTable.getByRole('row').nth(1)).toBeVisible({ timeout: 20_000 })
      await expect(payoutTable).toContainText(t.paidOut)
      await screenshot(page, `${tag}-payouts`)

      await goTo(page, 'month')
      await expect(page.getByRole('heading', { name: new RegExp(t.month) })).toBeVisible()
      await screenshot(page, `${tag}-month`)
      // Last month's payouts are reconciled against the days they cover (Demo nets refunds in).
      const reconciliation = page.getByRole('region', { name: t.reconciliation })
      await reconciliation.scrollIntoViewIfNeeded()
      await expect(reconciliation.getByText(t.matches).first()).toBeVisible()
      await screenshot(page, `${tag}-month-payouts`)

      await goTo(page, 'settings')
      await expect(page.getByRole('heading', { name: t.settings })).toBeVisible()
      await screenshot(page, `${tag}-settings`)
    } finally {
      await app.close()
      data.cleanup()
    }
  })
}

/**
 * Accounts: three shops against one SecPaid server with three merchants — the built-in custom
 * account and two added ones, each synced — then the switcher open, Settings → Accounts, and
 * Month-end → All accounts after "Export all accounts" (DATEV: no account has DATEV settings, so
 * every account is listed with the reason).
 */
const ACCOUNTS_TEXT = {
  de: { switcher: 'Konto wechseln', accounts: 'Konten', all: 'Alle Konten', perAccount: /je Konto$/, format: 'Format', exportAll: 'Alle Konten exportieren', notExported: 'Nicht exportiert:', datevMissing: /DATEV-Einstellungen fehlen/ },
  en: { switcher: 'Switch account', accounts: 'Accounts', all: 'All accounts', perAccount: /per account$/, format: 'Format', exportAll: 'Export all accounts', notExported: 'Not exported:', datevMissing: /DATEV settings are missing/ }
} as const

for (const locale of ['de', 'en'] as const) {
  test(`accounts: switcher, Settings → Accounts, month across accounts (${locale})`, async () => {
    const sim = await startSimulator({ seed: 5, rows: 400, rateLimitPerMinute: null, merchants: [{ seed: 7, rows: 300 }, { seed: 13, rows: 250 }] })
    const data = freshDataDir()
    const app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale })
    console.log(`[e2e] backend: ${app.backend}`)
    const t = ACCOUNTS_TEXT[locale]
    try {
      const { page } = app
      await waitForRows(page)
      // Two client shops, set up through the app's own API as Settings would (add, open, key, sync).
      const shops = [
        { name: 'Bäckerei Sonnenschein', apiKey: sim.merchants[0]!.apiKey },
        { name: 'Fahrradladen Kette GmbH', apiKey: sim.merchants[1]!.apiKey }
      ]
      await page.evaluate(async (list) => {
        const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
        const ok = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
          if (!r.ok) throw new Error(r.error.message)
          return r.value
        }
        const builtIn = ok(await api.listAccounts({})).active
        for (const shop of list) {
          const added = ok(await api.addAccount({ name: shop.name, env: 'custom' }))
          ok(await api.switchAccount({ id: added.id }))
          ok(await api.saveApiKey({ key: shop.apiKey, sessionOnly: false }))
          ok(await api.runSync({ full: false }))
          for (let i = 0; i < 300; i++) {
            const state = ok(await api.getSyncState({}))
            if (state.status !== 'syncing' && state.lastSuccessfulSyncAt !== null) break
            await new Promise((r) => setTimeout(r, 100))
          }
        }
        ok(await api.switchAccount({ id: builtIn }))
      }, shops)
      await waitForRows(page)

      // A bookkeeper opens the account that closes next: the first shop.
      await page.getByRole('navigation').getByRole('button', { name: /^(Konto|Account)\s*\S/ }).click()
      const panel = page.getByRole('group', { name: t.switcher })
      await expect(panel).toBeVisible()
      await panel.getByRole('button', { name: shops[0]!.name }).click()
      await expect(page.getByRole('navigation').getByRole('button', { name: new RegExp(shops[0]!.name) })).toBeVisible()
      await waitForRows(page)
      await page.getByRole('navigation').getByRole('button', { name: /^(Konto|Account)\s*\S/ }).click()
      await expect(panel).toBeVisible()
      await expect(panel.getByRole('button', { name: shops[1]!.name })).toBeVisible()
      await screenshot(page, `${locale}-accounts-switcher`)
      await page.keyboard.press('Escape')
      await expect(panel).toHaveCount(0)
      // A 1280×800 window at 200 % zoom: the navigation shows icons, the switcher the initials, and
      // its list opens beside them, whole inside the window.
      const wide = page.viewportSize()
      await page.setViewportSize({ width: 640, height: 400 })
      await page.getByRole('navigation').getByRole('button', { name: /^(Konto|Account)\s*\S/ }).click()
      await expect(panel).toBeVisible()
      const box = await panel.boundingBox()
      expect(box && box.x + box.width <= 640 && box.y >= 0 && box.y + box.height <= 400).toBe(true)
      await screenshot(page, `${locale}-accounts-switcher-narrow`)
      await page.keyboard.press('Escape')
      if (wide) await page.setViewportSize(wide)

      await goTo(page, 'settings')
      const accounts = page.getByRole('region', { name: t.accounts, exact: true })
      await expect(accounts.getByRole('row', { name: new RegExp(shops[1]!.name) })).toBeVisible()
      await screenshot(page, `${locale}-settings-accounts`)

      await goTo(page, 'month')
      await page.getByRole('button', { name: t.all }).click()
      const table = page.getByRole('table', { name: t.perAccount })
      for (const shop of shops) await expect(table.getByRole('row', { name: new RegExp(shop.name) })).toBeVisible()
      await page.getByLabel(t.format).selectOption('datev')
      await page.getByRole('button', { name: t.exportAll }).click()
      await expect(page.getByText(t.notExported)).toBeVisible()
      await expect(page.getByText(t.datevMissing).first()).toBeVisible()
      await screenshot(page, `${locale}-month-all-accounts`)
    } finally {
      await app.close()
      await sim.close()
      data.cleanup()
    }
  })
}
