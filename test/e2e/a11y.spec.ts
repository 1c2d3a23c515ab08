/**
 * Automated accessibility check (axe-core, WCAG 2.0/2.1/2.2 A and AA) over every screen and state
 * a user meets: transactions, a payment's detail, the refund dialog's form and review steps, the
 * shortcut sheet, refund requests, month-end, settings and the welcome screen — in light, dark and
 * German. No serious or critical violation is acceptable; a lesser one fails the test too unless
 * it is named below with the reason it is accepted.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { createSimulatorControlClient, startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, goTo, search, waitForRows } from './fixtures'

/** Violations accepted on purpose: rule id → why. Serious and critical ones are never accepted. */
const ACCEPTED: Record<string, string> = {}

// best-practice adds rules such as "all content inside landmarks" (region) that WCAG tags leave out.
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

interface Finding {
  state: string
  rule: string
  impact: string
  targets: string[]
}

async function audit(page: Page, state: string, findings: Finding[]): Promise<void> {
  // Let transitions and lazy chunks settle so axe sees the state a user sees.
  await page.waitForTimeout(300)
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  for (const v of result.violations) {
    findings.push({ state, rule: v.id, impact: v.impact ?? 'unknown', targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })
  }
}

const CONFIGS = [
  { locale: 'en', colorScheme: 'light' },
  { locale: 'en', colorScheme: 'dark' },
  { locale: 'de', colorScheme: 'light' }
] as const

const TEXT = {
  en: { request: 'Request refund', partial: /Partial refund/, amount: /Amount in €/, amountValue: '1.50', continue: 'Continue to review', month: 'Month-end' },
  de: { request: 'Erstattung anfragen', partial: /Teilweise erstatten/, amount: /Betrag in €/, amountValue: '1,50', continue: 'Weiter zur Prüfung', month: 'Monatsabschluss' }
} as const

let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void

test.afterEach(async () => {
  await app?.close()
  await sim?.close()
  cleanup?.()
})

// Nine screens and states, each analysed by axe: minutes on a busy 2-core machine.
test.describe.configure({ timeout: 300_000 })

for (const config of CONFIGS) {
  test(`axe: no serious or critical violation on any screen (${config.locale}, ${config.colorScheme})`, async () => {
    sim = await startSimulator({ seed: 21, rows: 800, rateLimitPerMinute: null })
    const data = freshDataDir()
    cleanup = data.cleanup
    app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale: config.locale, colorScheme: config.colorScheme })
    console.log(`[e2e] backend: ${app.backend}`)
    const { page } = app
    const t = TEXT[config.locale]
    const findings: Finding[] = []
    await waitForRows(page)
    await audit(page, 'transactions', findings)

    const [payment] = await createSimulatorControlClient(sim.controlUrl).payments({ kind: 'refundable', limit: 1 })
    if (!payment) throw new Error('no refundable payment in the simulator')
    await search(page, payment.payId)
    await expect(dataRows(page)).toHaveCount(1)
    await dataRows(page).first().click()
    const detail = page.getByRole('complementary')
    await expect(detail).toContainText(payment.payId)
    await audit(page, 'transactions + detail', findings)

    await detail.getByRole('button', { name: t.request }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText(t.partial).click()
    await dialog.getByLabel(t.amount).fill(t.amountValue)
    await audit(page, 'refund dialog: form', findings)
    await dialog.getByRole('button', { name: t.continue }).click()
    await audit(page, 'refund dialog: review', findings)
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)

    await page.getByRole('searchbox').focus()
    await page.keyboard.press('Escape')
    await page.getByRole('main').focus()
    await page.keyboard.press('?')
    await expect(page.getByRole('dialog')).toBeVisible()
    await audit(page, 'shortcut sheet', findings)
    await page.keyboard.press('Escape')

    await goTo(page, 'requests')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await audit(page, 'refund requests', findings)

    await goTo(page, 'payouts')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(page.locator('.po-table tbody tr').first()).toBeVisible({ timeout: 30_000 })
    await audit(page, 'payouts', findings)

    await goTo(page, 'month')
    await expect(page.getByRole('heading', { level: 1, name: t.month })).toBeVisible()
    await expect(page.locator('.mr-chart')).toBeVisible({ timeout: 30_000 })
    await page.locator('.mr-chart__table summary').click()
    await audit(page, 'month-end (chart table open)', findings)

    await goTo(page, 'settings')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await audit(page, 'settings', findings)

    await goTo(page, 'welcome')
    await page.waitForTimeout(500)
    await audit(page, 'welcome', findings)

    const table = findings.map((f) => `${f.state.padEnd(30)} ${f.impact.padEnd(9)} ${f.rule}  ${f.targets.join(' | ')}`)
    console.log(`[a11y] ${config.locale}/${config.colorScheme}: ${findings.length} finding(s)\n${table.join('\n')}`)
    const severe = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')
    expect(severe, 'serious/critical violations').toEqual([])
    const unexplained = findings.filter((f) => !(f.rule in ACCEPTED))
    expect(unexplained, 'violations not named in ACCEPTED').toEqual([])
  })
}
