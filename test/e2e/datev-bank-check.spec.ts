/**
 * The bookkeeper's month-end files, in both languages: DATEV export asks for its settings first
 * (with a link to them), the DATEV panel in Settings takes the adviser's numbers and fills in the
 * chart's accounts, Month-end downloads the Buchungsstapel (an EXTF file in Windows-1252), and
 * the payout reconciliation checks a camt.053 statement built from the simulator's payouts — one
 * payout left out, one foreign credit added — showing both sides.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { currentBerlinMonth, previousMonth } from '../../src/shared/berlin-time'
import type { PayOutTransaction } from '../../src/shared/domain'
import { buildCamt053, nextBusinessDay } from '../fixtures/bank/camt-builder'
import { launchApp, type LaunchedApp } from './harness'
import { freshDataDir, goTo, screenshot, waitForRows } from './fixtures'

const TEXT = {
  de: {
    datev: 'DATEV (Buchungsstapel)',
    missing: /DATEV-Einstellungen fehlen/,
    toSettings: /In den Einstellungen eintragen/,
    chart: 'Kontenrahmen',
    revenue: 'Erlöse',
    save: 'DATEV-Einstellungen speichern',
    saved: 'Gespeichert.',
    beraterError: 'Bitte eine Zahl von 1001 bis 9999999 eingeben.',
    done: /gespeichert: \d+ Buchungen/,
    bankFile: 'Mit Kontoauszug abgleichen…',
    matched: /^Zugeordnet \(\d+\)$/,
    payoutsWithout: (n: number) => `Auszahlungen ohne Gutschrift (${n})`,
    creditsWithout: 'Gutschriften ohne Auszahlung (1)',
    noCredit: /keine Gutschrift über diesen Betrag/,
    foreign: /keine Auszahlung – ein anderer Zahlungseingang/,
    payoutsCsv: 'Abgleich als CSV (Excel)'
  },
  en: {
    datev: 'DATEV (Buchungsstapel)',
    missing: /DATEV settings are missing/,
    toSettings: /Enter them in Settings/,
    chart: 'Chart of accounts',
    revenue: 'Revenue',
    save: 'Save DATEV settings',
    saved: 'Saved.',
    beraterError: 'Enter a number from 1001 to 9999999.',
    done: /saved: \d+ bookings/,
    bankFile: 'Check against bank statement…',
    matched: /^Matched \(\d+\)$/,
    payoutsWithout: (n: number) => `Payouts without a bank credit (${n})`,
    creditsWithout: 'Bank credits without a payout (1)',
    noCredit: /no credit of this amount/,
    foreign: /no payout – another incoming payment/,
    payoutsCsv: 'Reconciliation as CSV (Excel)'
  }
} as const

for (const lang of ['de', 'en'] as const) {
  test.describe(`DATEV export and bank check (${lang})`, () => {
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

    test('configures DATEV, exports the month and checks a bank statement', async () => {
      const { page } = app
      const s = TEXT[lang]
      const month = previousMonth(currentBerlinMonth(new Date()))
      await waitForRows(page)

      // Without settings the export says what is missing and where to enter it.
      await goTo(page, 'month')
      await page.getByRole('button', { name: s.datev }).click()
      await expect(page.getByText(s.missing)).toBeVisible()
      await page.getByRole('link', { name: s.toSettings }).click()

      // A number out of range is named in the user's language before anything is saved.
      await page.getByLabel(/Beraternummer/).fill('12')
      await page.getByRole('button', { name: s.save }).click()
      await expect(page.getByText(s.beraterError)).toBeVisible()
      await page.getByLabel(/Beraternummer/).fill('29098')
      await page.getByLabel(/Mandantennummer/).fill('55003')
      await page.getByLabel(s.chart).selectOption('SKR04')
      await expect(page.getByLabel(s.revenue, { exact: true })).toHaveValue('4400') // the chart's default
      await page.getByLabel(/Diktatkürzel/).fill('SD')
      await page.getByRole('button', { name: s.save }).click()
      await expect(page.getByText(s.saved)).toBeVisible()
      await screenshot(page, `${lang}-datev-settings`)

      await goTo(page, 'month')
      const downloadPromise = page.waitForEvent('download')
      await page.getByRole('button', { name: s.datev }).click()
      const download = await downloadPromise
      expect(download.suggestedFilename()).toMatch(/^EXTF_.*\.csv$/)
      const raw = readFileSync(await download.path())
      expect(raw.subarray(0, 14).toString('latin1')).toBe('"EXTF";700;21;')
      expect(raw.includes(Buffer.from('SecPaid Auszahlung', 'latin1'))).toBe(true)
      await expect(page.getByText(s.done)).toBeVisible()

      // The reconciliation as its own file: German Excel CSV, one line per payout of the screen's month.
      const csvPromise = page.waitForEvent('download')
      await page.getByRole('button', { name: s.payoutsCsv }).click()
      const csv = readFileSync(await (await csvPromise).path(), 'utf8')
      expect(csv.startsWith('\uFEFFAuszahlungen abgerufen;')).toBe(true)
      const shownPayouts = await page.locator('.po-table tbody tr').count()
      const csvLines = csv.split('\r\n')
      const header = csvLines.findIndex((l) => l.startsWith('Abgedeckter Tag;'))
      const payoutLines = csvLines.slice(header + 1, csvLines.indexOf('', header + 1))
      expect(payoutLines).toHaveLength(shownPayouts)
      expect(payoutLines.every((l) => /^\d{2}\.\d{2}\.\d{4};/.test(l))).toBe(true)

      // A statement with every approved payout of the month but one, and a credit from someone else.
      const listed = await page.evaluate(async () => {
        const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
        return api.listPayouts({})
      })
      if (!listed.ok) throw new Error(listed.error.message)
      const payouts: PayOutTransaction[] = listed.value.payouts
      const paid = payouts
        .filter((p) => p.createdAt.startsWith(month) && p.payoutStatus === 'Approved' && p.payoutAmount > 0)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      expect(paid.length).toBeGreaterThanOrEqual(3)
      const missing = paid[Math.floor(paid.length / 2)]!
      const credits = paid
        .filter((p) => p !== missing)
        .map((p) => ({ amountCents: p.payoutAmount, date: nextBusinessDay(p.createdAt.slice(0, 10)), debtor: 'SecPaid GmbH', reference: `Auszahlung ${p.payoutId}` }))
      const xml = buildCamt053([...credits, { amountCents: 123_457, date: `${month}-15`, debtor: 'Erika Mustermann', reference: 'Rechnung 4711' }])
      await page.getByLabel(s.bankFile).setInputFiles({ name: `kontoauszug-${month}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') })

      await expect(page.getByRole('heading', { name: s.matched })).toBeVisible()
      await expect(page.locator('.po-bank__matched tbody tr')).toHaveCount(credits.length)
      // Early in a month, the last payouts of the month before are not approved yet: listed too.
      const notApproved = payouts.filter((p) => p.createdAt.startsWith(month) && p.payoutStatus !== 'Approved').length
      await expect(page.getByRole('heading', { name: s.payoutsWithout(1 + notApproved) })).toBeVisible()
      await expect(page.locator('.po-bank__unmatched-payouts li')).toHaveCount(1 + notApproved)
      const missingItem = page.locator('.po-bank__unmatched-payouts li', { hasText: missing.payoutId })
      await expect(missingItem).toContainText(s.noCredit)
      await expect(page.getByRole('heading', { name: s.creditsWithout })).toBeVisible()
      await expect(page.locator('.po-bank__unmatched-credits li')).toContainText('Erika Mustermann')
      await expect(page.locator('.po-bank__unmatched-credits li')).toContainText(s.foreign)
      // The screen scrolls inside its own container: bring the check's start to the top for the picture.
      await page.locator('.po-bank').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await screenshot(page, `${lang}-month-bank-check`)
      await page.locator('.mr-export').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await screenshot(page, `${lang}-month-datev-export`)
    })
  })
}
