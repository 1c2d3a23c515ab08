/**
 * Regressions in the renderer found in review: Enter-Enter through the refund dialog, the
 * requests screen's "Open refund entry" link, filter changes lost on a quick screen change or
 * unload, actions on stale rows under a new filter, outside clicks throwing away the refund
 * form, relative period presets, and English error text for German users.
 * Real simulator over loopback, like refund-mission.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test'
import { createSimulatorControlClient, startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, goTo, search, waitForRows } from './fixtures'

let sim: RunningSimulator
let app: LaunchedApp | null
let dataDir: string
let cleanup: () => void

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 21, rows: 800, rateLimitPerMinute: null })
  const data = freshDataDir()
  dataDir = data.dir
  cleanup = data.cleanup
  app = null
})

test.afterEach(async () => {
  await app?.close()
  await sim.close()
  cleanup()
})

async function start(locale: 'de' | 'en' = 'en', waitRows = true): Promise<Page> {
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir, locale })
  console.log(`[e2e] backend: ${app.backend}`)
  if (waitRows) await waitForRows(app.page)
  return app.page
}

async function refundablePayId(): Promise<string> {
  const [payment] = await createSimulatorControlClient(sim.controlUrl).payments({ kind: 'refundable', limit: 1 })
  if (!payment) throw new Error('no refundable payment in the simulator')
  return payment.payId
}

async function openRefundDialog(page: Page, payId: string) {
  await search(page, payId)
  await expect(dataRows(page)).toHaveCount(1)
  await dataRows(page).first().click()
  const detail = page.getByRole('complementary')
  await expect(detail).toContainText(payId)
  await detail.getByRole('button', { name: 'Request refund' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('button', { name: 'Continue to review' })).toBeVisible()
  return dialog
}

test('Enter, Enter on "Continue to review" shows the review and sends nothing', async () => {
  const page = await start()
  const payId = await refundablePayId()
  const dialog = await openRefundDialog(page, payId)

  await dialog.getByRole('button', { name: 'Continue to review' }).focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')

  await expect(dialog).toContainText('SecPaid reviews the request')
  await expect(dialog.getByRole('heading', { name: 'Please review' })).toBeFocused()
  await expect(dialog.getByRole('button', { name: /Request refund of/ })).toBeEnabled()
  await page.waitForTimeout(500) // a request, had one started, would be in flight by now
  if (app?.host) expect(app.host.core.workspace().refunds.list()).toHaveLength(0)
  expect(sim.admin.requestLog({ path: 'refundPayment' })).toHaveLength(0)
})

test('an outside click keeps a refund form with input open; Esc still closes it', async () => {
  const page = await start()
  const payId = await refundablePayId()
  let dialog = await openRefundDialog(page, payId)
  await dialog.getByPlaceholder('For your records and for SecPaid').fill('Customer called')

  await page.mouse.click(4, 4) // on the overlay, outside the dialog
  await expect(dialog).toBeVisible()
  await expect(dialog.getByPlaceholder('For your records and for SecPaid')).toHaveValue('Customer called')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // Without input an outside click still closes it.
  dialog = await openRefundDialog(page, payId)
  await page.mouse.click(4, 4)
  await expect(dialog).toBeHidden()
})

test('"Open refund entry" on the requests screen opens the negative entry in the detail panel', async () => {
  const page = await start()
  const payId = await refundablePayId()
  const dialog = await openRefundDialog(page, payId)
  await dialog.getByText('Partial refund').click()
  await dialog.getByLabel(/Amount in €/).fill('1.50')
  await dialog.getByRole('button', { name: 'Continue to review' }).click()
  await dialog.getByRole('button', { name: /Request refund of/ }).click()
  await expect(dialog.getByText('Request sent')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).first().click()
  await search(page, '') // the link must make the row findable by itself

  await createSimulatorControlClient(sim.controlUrl).approveRefund(payId)
  await page.getByRole('button', { name: /^Sync/ }).click()
  await goTo(page, 'requests')
  const requestRow = page.getByRole('row').filter({ hasText: payId })
  await expect(requestRow).toContainText(/refunded/i, { timeout: 20_000 })
  await requestRow.getByRole('link', { name: 'Open refund entry' }).click()

  const detail = page.getByRole('complementary')
  await expect(detail).toContainText(payId)
  await expect(detail).toContainText('-€1.50')
  await expect(page.getByRole('searchbox')).toHaveValue(payId)
  await expect(dataRows(page).filter({ hasText: '-€1.50' })).toHaveCount(1)
  expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe('#/transactions')
})

test('a filter change survives a quick screen change and a restart', async () => {
  let page = await start()
  const refundsOnly = (p: Page) => p.getByRole('button', { name: 'Refunds only' })
  await expect(refundsOnly(page)).toHaveAttribute('aria-pressed', 'false')
  await refundsOnly(page).click()
  await goTo(page, 'requests') // well within the save debounce
  await goTo(page, 'transactions')
  await expect(refundsOnly(page)).toHaveAttribute('aria-pressed', 'true')

  await app?.close()
  app = null
  page = await start('en', false)
  await expect(refundsOnly(page)).toHaveAttribute('aria-pressed', 'true')
})

test('after a restart the last filters come back visibly, clearable in one click, and the old search does not', async () => {
  let page = await start()
  const total = await page.getByRole('grid').getAttribute('aria-rowcount')
  await page.getByRole('button', { name: 'Refunds only' }).click()
  await search(page, 'zzz-nothing-matches')
  await goTo(page, 'requests')
  await goTo(page, 'transactions')
  // A screen switch within the session keeps everything, search included, without a notice.
  await expect(page.getByRole('searchbox')).toHaveValue('zzz-nothing-matches')
  await expect(page.getByText('The filters from your last session are active')).toHaveCount(0)

  await app?.close()
  app = null
  page = await start('en', false)
  await expect(page.getByRole('searchbox')).toHaveValue('')
  await expect(page.getByRole('button', { name: 'Refunds only' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByText('The filters from your last session are active')).toBeVisible()
  await page.getByRole('button', { name: 'Show all entries' }).click()
  await expect(page.getByText('The filters from your last session are active')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Refunds only' })).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', total ?? '')
})

test('a filter change right before the window unloads is saved', async () => {
  const page = await start()
  const refundsOnly = page.getByRole('button', { name: 'Refunds only' })
  await refundsOnly.click()
  await page.reload() // beforeunload, well within the save debounce
  await expect(refundsOnly).toHaveAttribute('aria-pressed', 'true')
})

test('rows of the previous filter are dimmed and ignore clicks, Enter and r while the new query runs', async () => {
  const page = await start()
  test.skip(!app?.host, 'needs the in-process core (chromium backend) to hold a query back')
  const handlers = app!.host!.core.handlers as unknown as Record<string, (arg: unknown) => Promise<unknown>>
  const original = handlers['queryTransactions']!
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  handlers['queryTransactions'] = async (arg: unknown) => {
    const kinds = (arg as { filter?: { kinds?: string[] } }).filter?.kinds ?? []
    if (kinds.includes('refund')) await gate
    return original(arg)
  }

  const grid = page.getByRole('grid', { name: 'Transactions' })
  await page.getByRole('button', { name: 'Refunds only' }).click()
  await expect(grid).toHaveAttribute('aria-busy', 'true')

  await dataRows(page).first().click()
  await grid.focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.keyboard.press('r')
  await expect(page.getByRole('complementary')).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(grid).toHaveClass(/tx-table--stale/)

  release()
  await expect(grid).not.toHaveClass(/tx-table--stale/)
  await expect(page.getByRole('complementary')).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('right after a keystroke, before its rows arrive, the rows on screen already ignore clicks, Enter and r', async () => {
  const page = await start()
  test.skip(!app?.host, 'needs the in-process core (chromium backend) to hold a query back')
  const handlers = app!.host!.core.handlers as unknown as Record<string, (arg: unknown) => Promise<unknown>>
  const original = handlers['queryTransactions']!
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  handlers['queryTransactions'] = async (arg: unknown) => {
    if ((arg as { filter?: { search?: string } }).filter?.search === 'z') await gate
    return original(arg)
  }

  // The screen keeps the previous rows on screen, undimmed, for a moment while it waits for the
  // answer (one render per keystroke): they must be inert from the keystroke on, not only once
  // they are shown as stale.
  await page.getByRole('searchbox').fill('z')
  await dataRows(page).first().click()
  await expect(page.getByRole('complementary')).toHaveCount(0)
  await page.getByRole('grid', { name: 'Transactions' }).focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('r')
  await expect(page.getByRole('complementary')).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)

  release()
  await expect(page.getByRole('grid', { name: 'Transactions' })).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByRole('complementary')).toHaveCount(0)
  await expect(page.getByRole('dialog')).toHaveCount(0)
})

test('a saved "This month" period stays relative: it is the current month after a reload', async () => {
  const page = await start()
  await page.clock.setFixedTime(new Date('2025-05-15T10:00:00+02:00'))
  const period = page.getByLabel('Period')
  await period.selectOption('thisMonth')
  await expect(period).toHaveValue('thisMonth')
  await page.waitForTimeout(1500) // the debounced save has run

  await page.clock.setFixedTime(new Date('2025-06-10T10:00:00+02:00'))
  await page.reload()
  await expect(page.getByLabel('Period')).toHaveValue('thisMonth')
})

test('German users see a German sentence for a failed sync, main\'s text only as details', async () => {
  const page = await start('de')
  sim.admin.setFaults({ wrongShape: 100 })
  await page.getByRole('button', { name: /^Synchronisieren/ }).click()
  const banner = page.getByRole('alert').filter({ hasText: 'Synchronisierung fehlgeschlagen' })
  await expect(banner).toContainText('SecPaid hat unerwartet geantwortet', { timeout: 30_000 })
  await expect(banner).toContainText('Details:')
})

test('the German totals bar labels never run into each other (each label is its figure\'s formula)', async () => {
  const page = await start('de')
  await page.setViewportSize({ width: 1360, height: 860 })
  const boxes = await page.locator('.tx-totals dt').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect()
      // The text's own width: wider than its box means it overflows into the neighbour.
      return { text: el.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom, overflows: el.scrollWidth > el.clientWidth + 1 }
    })
  )
  expect(boxes.length).toBeGreaterThan(5)
  for (const box of boxes) expect(box.overflows, `"${box.text}" overflows its column`).toBe(false)
  for (let i = 1; i < boxes.length; i++) {
    const [a, b] = [boxes[i - 1]!, boxes[i]!]
    const sameLine = a.top < b.bottom && b.top < a.bottom
    if (sameLine) expect(a.right, `"${a.text}" runs into "${b.text}"`).toBeLessThanOrEqual(b.left + 1)
  }
})
