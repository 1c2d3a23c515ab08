/**
 * Keyboard safety and keyboard-only use. The transaction screen's shortcuts must never act behind
 * a dialog (↓ in the refund dialog once moved the grid's selection to another payment while the
 * dialog stayed open), focus must never fall to the page body, and a keyboard user gets from the
 * search box to the results, through a refund, and on to the month-end review and its export.
 * Real simulator over loopback, like refund-mission.spec.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test'
import { createSimulatorControlClient, startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, waitForRows } from './fixtures'

let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 21, rows: 800, rateLimitPerMinute: null })
  const data = freshDataDir()
  cleanup = data.cleanup
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale: 'en' })
  console.log(`[e2e] backend: ${app.backend}`)
  await waitForRows(app.page)
})

test.afterEach(async () => {
  await app.close()
  await sim.close()
  cleanup()
})

interface FocusInfo {
  tag: string
  role: string | null
  name: string
  visible: boolean
  inDialog: boolean
}

/** What has keyboard focus, described the way a user would (element, role, accessible-ish name). */
// Runs in the page (as source text: the e2e specs are type-checked without the DOM library).
const DESCRIBE_FOCUS = `(() => {
  const el = document.activeElement
  if (!el || el === document.body || el === document.documentElement) return { tag: 'body', role: null, name: '', visible: false, inDialog: false }
  const rect = el.getBoundingClientRect()
  const labelText = el.labels && el.labels[0] ? el.labels[0].textContent : ''
  const name = el.getAttribute('aria-label') || labelText || el.textContent || ''
  return {
    tag: el.tagName.toLowerCase(),
    role: el.getAttribute('role'),
    name: name.replace(/\\s+/g, ' ').trim().slice(0, 80),
    visible: rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden',
    inDialog: el.closest('[role="dialog"]') !== null
  }
})()`

/** What has keyboard focus, described the way a user would (element, role, name). */
async function focused(page: Page): Promise<FocusInfo> {
  return page.evaluate<FocusInfo>(DESCRIBE_FOCUS)
}

/** After every step: focus sits on a visible element that means something, never the body. */
async function expectMeaningfulFocus(page: Page, expected?: { tag?: string; role?: string; name?: RegExp; inDialog?: boolean }): Promise<FocusInfo> {
  const info = await focused(page)
  expect(info.tag, `focus fell to the page body`).not.toBe('body')
  expect(info.visible, `focused element is invisible: ${JSON.stringify(info)}`).toBe(true)
  if (expected?.tag) expect(info.tag, JSON.stringify(info)).toBe(expected.tag)
  if (expected?.role) expect(info.role, JSON.stringify(info)).toBe(expected.role)
  if (expected?.name) expect(info.name, JSON.stringify(info)).toMatch(expected.name)
  if (expected?.inDialog !== undefined) expect(info.inDialog, JSON.stringify(info)).toBe(expected.inDialog)
  return info
}

/** Tab (or Shift+Tab) until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, match: (f: FocusInfo) => boolean, options: { back?: boolean; max?: number } = {}): Promise<FocusInfo> {
  for (let i = 0; i < (options.max ?? 40); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    const info = await focused(page)
    if (match(info)) return info
  }
  throw new Error(`no focusable element matched after ${options.max ?? 40} tabs (at ${JSON.stringify(await focused(page))})`)
}

/** A refundable payment among the first visible rows, not the first or last (so ↓/↑ could move). */
async function refundableRowInList(page: Page): Promise<{ payId: string; row: Locator }> {
  const candidates = await createSimulatorControlClient(sim.controlUrl).payments({ kind: 'refundable', limit: 500 })
  const ids = new Set(candidates.map((p) => p.payId))
  const rows = dataRows(page)
  const count = Math.min(await rows.count(), 15)
  for (let i = 1; i < count - 1; i++) {
    const text = (await rows.nth(i).textContent()) ?? ''
    const payId = [...ids].find((id) => text.includes(id))
    if (payId) return { payId, row: rows.nth(i) }
  }
  throw new Error('no refundable payment among the first visible rows')
}

test('with the refund dialog open, ↓ ↑ j k r e ? Enter change nothing outside it, and the request is for the reviewed payment', async () => {
  const { page } = app
  const downloads: string[] = []
  page.on('download', (d) => downloads.push(d.suggestedFilename()))
  // includeHidden: an open modal dialog hides the page behind it from the accessibility tree.
  const grid = page.getByRole('grid', { name: 'Transactions', includeHidden: true })
  const detail = page.getByRole('complementary', { includeHidden: true })
  const { payId, row } = await refundableRowInList(page)

  await row.click() // selects the row, opens its detail, focuses the grid
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(payId)
  const selected = await grid.getAttribute('aria-activedescendant')
  expect(selected).toMatch(/^tx-row-\d+$/)
  await page.keyboard.press('r')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toHaveAttribute('aria-modal', 'true')
  await expect(dialog).toContainText(payId)
  const full = dialog.getByRole('radio', { name: /Full refund/ })
  const partial = dialog.getByRole('radio', { name: /Partial refund/ })
  await expect(full).toBeFocused()

  const nothingChangedOutside = async (): Promise<void> => {
    await expect(page.getByRole('dialog')).toHaveCount(1) // no shortcut sheet on top
    await expect(dialog).toContainText(payId)
    await expect(grid).toHaveAttribute('aria-activedescendant', selected!)
    await expect(detail.getByRole('heading', { level: 2, includeHidden: true })).toContainText(payId)
    expect(downloads).toEqual([])
  }

  // ↓/↑ move between the two choices, as radio buttons do.
  await page.keyboard.press('ArrowDown')
  await expect(partial).toBeChecked()
  await expect(partial).toBeFocused()
  await nothingChangedOutside()
  await page.keyboard.press('ArrowUp')
  await expect(full).toBeChecked()
  await expect(full).toBeFocused()
  await nothingChangedOutside()
  for (const key of ['j', 'k', 'r', 'e', '?', 'Enter', 'End', 'PageDown']) {
    await page.keyboard.press(key)
    await nothingChangedOutside()
  }
  await expect(full).toBeChecked()

  // Partial refund of 1.50, reviewed and confirmed by keyboard only.
  await page.keyboard.press('ArrowDown')
  await expect(partial).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(dialog.getByLabel(/Amount in €/)).toBeFocused()
  await page.keyboard.type('1.50')
  await tabTo(page, (f) => f.name === 'Continue to review')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('heading', { name: 'Please review' })).toBeFocused()
  await expect(dialog).toContainText(payId)
  await expect(dialog).toContainText('€1.50')
  for (const key of ['ArrowDown', 'j', 'r', 'e', '?']) {
    await page.keyboard.press(key)
    await nothingChangedOutside()
  }
  await tabTo(page, (f) => /^Request refund of/.test(f.name))
  await page.keyboard.press('Enter')
  await expect(dialog.getByText('Request sent', { exact: true })).toBeVisible()
  await expect(page.getByTestId('refund-announcer')).toHaveText('Refund request for €1.50 delivered to SecPaid for review.')
  await nothingChangedOutside()

  const sent = sim.admin.requestLog({ path: 'refundPayment' })
  expect(sent).toHaveLength(1)
  expect(sent[0]!.params).toMatchObject({ pay_id: payId, refund_amount: '1.50' })
})

test('a second refund dialog can never replace an open one (r from the grid while the dialog is open)', async () => {
  const { page } = app
  const grid = page.getByRole('grid', { name: 'Transactions', includeHidden: true })
  const { payId, row } = await refundableRowInList(page)
  await row.click()
  await page.keyboard.press('r')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(payId)
  // Even a key event aimed straight at the grid behind the dialog changes nothing.
  const before = await grid.getAttribute('aria-activedescendant')
  await grid.dispatchEvent('keydown', { key: 'ArrowDown', bubbles: true })
  await grid.dispatchEvent('keydown', { key: 'r', bubbles: true })
  await expect(page.getByRole('dialog')).toHaveCount(1)
  await expect(dialog).toContainText(payId)
  await expect(grid).toHaveAttribute('aria-activedescendant', before!)
})

test('the month-end chart holds no tab stops: Tab goes from the export buttons to the table of its values', async () => {
  const { page } = app
  await page.getByRole('link', { name: /Month-end$/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Month-end' })).toBeVisible()
  // The chart is drawn (its bars' layer is there) before Tab is tried across it.
  await expect(page.locator('.mr-chart__canvas .recharts-bar').first()).toBeAttached()
  await page.getByRole('button', { name: 'DATEV (Buchungsstapel)' }).focus()
  await page.keyboard.press('Tab')
  await expectMeaningfulFocus(page, { tag: 'summary', name: /Values per day as a table/ })
})

test('keyboard only: search → results → detail → partial refund → review → confirm → close → next row → month-end tick → export', async () => {
  const { page } = app
  const downloads: string[] = []
  page.on('download', (d) => downloads.push(d.suggestedFilename()))
  const [payment] = await createSimulatorControlClient(sim.controlUrl).payments({ kind: 'refundable', limit: 1 })
  if (!payment) throw new Error('no refundable payment in the simulator')
  const grid = page.getByRole('grid', { name: 'Transactions' })
  const dialog = page.getByRole('dialog')

  // The first Tab reaches the skip link; it moves focus into the main content.
  await page.keyboard.press('Tab')
  await expectMeaningfulFocus(page, { tag: 'a', name: /Skip to main content/ })
  await page.keyboard.press('Enter')
  await expectMeaningfulFocus(page, { tag: 'main' })

  // search
  await page.keyboard.press('/')
  await expectMeaningfulFocus(page, { tag: 'input', name: /Search/ })
  await page.keyboard.type(payment.payId)
  // → results: ↓ moves into the grid on the first row
  await page.keyboard.press('ArrowDown')
  await expect(dataRows(page)).toHaveCount(1)
  await expectMeaningfulFocus(page, { role: 'grid' })
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tx-row-0')
  // → detail
  await page.keyboard.press('Enter')
  await expect(page.getByRole('complementary')).toContainText(payment.payId)
  await expectMeaningfulFocus(page, { role: 'grid' })
  // → partial refund
  await page.keyboard.press('r')
  await expect(dialog).toContainText(payment.payId)
  // The form appears once the refundable amount is known (a moment on a busy machine); focus then
  // moves to its first choice by itself.
  await expect(dialog.getByRole('radio', { name: /Full refund/ })).toBeFocused()
  await expectMeaningfulFocus(page, { tag: 'input', name: /Full refund/, inDialog: true })
  await page.keyboard.press('ArrowDown')
  await expectMeaningfulFocus(page, { tag: 'input', name: /Partial refund/, inDialog: true })
  await page.keyboard.press('Tab')
  await expectMeaningfulFocus(page, { tag: 'input', inDialog: true })
  await page.keyboard.type('2.00')
  await tabTo(page, (f) => f.name === 'Continue to review')
  // → review
  await page.keyboard.press('Enter')
  await expectMeaningfulFocus(page, { tag: 'h2', name: /Please review/, inDialog: true })
  // → confirm
  await tabTo(page, (f) => /^Request refund of/.test(f.name))
  await page.keyboard.press('Enter')
  await expect(dialog.getByText('Request sent', { exact: true })).toBeVisible()
  await expectMeaningfulFocus(page, { inDialog: true })
  // → close: focus returns to what opened the dialog (the grid, where r was pressed)
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  // The dialog hands focus back in the task after it unmounts (its focus scope restores it in a
  // timeout): for that moment focus is on the body, so wait for it to arrive.
  await expect(grid).toBeFocused()
  await expectMeaningfulFocus(page, { role: 'grid' })
  expect(sim.admin.requestLog({ path: 'refundPayment', payId: payment.payId })).toHaveLength(1)

  // → next row: clear the search (/ then Esc), back into the grid, one row down
  await page.keyboard.press('/')
  await page.keyboard.press('Escape')
  await expect.poll(() => dataRows(page).count()).toBeGreaterThan(2)
  await page.keyboard.press('ArrowDown')
  await expectMeaningfulFocus(page, { role: 'grid' })
  await page.keyboard.press('ArrowDown')
  await expect(grid).toHaveAttribute('aria-activedescendant', 'tx-row-1')
  await expectMeaningfulFocus(page, { role: 'grid' })

  // → month-end: back through the page to the navigation link; focus lands on the screen heading
  await tabTo(page, (f) => f.tag === 'a' && /Month-end$/.test(f.name), { back: true })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Month-end' })).toBeFocused()
  await expectMeaningfulFocus(page, { tag: 'h1' })
  // → tick the first entry of the review list (not "Show only unreviewed", which comes first and
  // says "review" too), once the month's entries are listed: tabbing through a screen still
  // loading would pass the place where the list is about to appear
  await expect(page.getByRole('checkbox', { name: /^Reviewed:/ }).first()).toBeVisible()
  const first = await tabTo(page, (f) => f.tag === 'input' && /^Reviewed:/.test(f.name), { max: 80 })
  await page.keyboard.press('Space')
  await expect(page.getByRole('checkbox', { name: first.name }).first()).toBeChecked()
  await expectMeaningfulFocus(page, { tag: 'input' })
  // → export: `e` on month-end exports the month (Excel, German); focus stays where it was
  await page.keyboard.press('e')
  await expect.poll(() => downloads.length).toBe(1)
  expect(downloads[0]).toMatch(/\.csv$/)
  await expectMeaningfulFocus(page, { tag: 'input' })
})
