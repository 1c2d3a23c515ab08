/**
 * Zoom 200 %: a 1280×800 window zoomed to 200 % lays out in 640×400 CSS pixels. Emulated as a
 * 640×400 viewport at deviceScaleFactor 2: media queries see what they see at 200 % zoom, and
 * screenshots look like the zoomed window. At that size every control stays reachable (in view, or by scrolling a container that
 * scrolls) and unclipped, the grid shows at least five whole rows, the navigation collapses to
 * icons that keep their accessible names, the detail panel overlays the grid instead of squeezing
 * it, and month-end amounts stay inside their cards. A second test checks what axe does not:
 * placeholder text ≥ 4.5:1 and input/select borders ≥ 3:1, in light and dark.
 * Screenshots of every screen at 100 % and 200 % in de and en:
 * test-results/screenshots/zoom-<screen>-<lang>-<100|200>.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type CDPSession, type Locator, type Page } from '@playwright/test'
import { createSimulatorControlClient, startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, goTo, SCREENSHOT_DIR, search, waitForRows } from './fixtures'

const TEXT = {
  de: {
    nav: 'Hauptnavigation',
    totals: 'Summen für den aktuellen Filter',
    links: ['Transaktionen', 'Erstattungsanfragen', 'Monatsabschluss', 'Einstellungen'],
    grid: 'Transaktionen',
    search: 'Suche',
    refundsOnly: 'Nur Erstattungen',
    reset: 'Filter zurücksetzen',
    export: 'Exportieren (CSV)',
    period: 'Zeitraum',
    type: 'Art',
    status: 'Status',
    detail: 'Zahlungsdetails',
    closeDetail: 'Details schließen',
    requestRefund: 'Erstattung anfragen',
    continue: 'Weiter zur Prüfung',
    cancel: 'Abbrechen',
    requests: 'Erstattungsanfragen',
    month: 'Summen',
    settings: 'Umgebung',
    welcome: 'Willkommen bei SecPaid Desk',
    start: 'Weiter zu den Transaktionen',
    thisMonth: 'Dieser Monat',
    checkAgain: 'Erneut prüfen',
    markDenied: 'Als abgelehnt markieren',
    signOut: 'Abmelden (Schlüssel entfernen)'
  },
  en: {
    nav: 'Main navigation',
    totals: 'Totals for the current filter',
    links: ['Transactions', 'Refund requests', 'Month-end', 'Settings'],
    grid: 'Transactions',
    search: 'Search',
    refundsOnly: 'Refunds only',
    reset: 'Reset filters',
    export: 'Export (CSV)',
    period: 'Period',
    type: 'Type',
    status: 'Status',
    detail: 'Payment details',
    closeDetail: 'Close details',
    requestRefund: 'Request refund',
    continue: 'Continue to review',
    cancel: 'Cancel',
    requests: 'Refund requests',
    month: 'Totals',
    settings: 'Environment',
    welcome: 'Welcome to SecPaid Desk',
    start: 'Continue to transactions',
    thisMonth: 'This month',
    checkAgain: 'Check again',
    markDenied: 'Mark as denied',
    signOut: 'Sign out (remove key)'
  }
} as const

/**
 * The browser globals and element members the in-page callbacks below use. The test project's
 * typings carry no DOM library (main-process code shares them and must not see `window`), so
 * callbacks reach the page's globals through `globalThis as unknown as PageGlobals`.
 */
interface PageElement {
  parentElement: PageElement | null
  textContent: string | null
  outerHTML: string
  labels?: ArrayLike<{ textContent: string | null }> | null
  clientTop: number
  clientWidth: number
  clientHeight: number
  scrollWidth: number
  getAttribute(name: string): string | null
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; width: number; height: number }
  querySelector(selector: string): PageElement | null
  querySelectorAll(selector: string): ArrayLike<PageElement>
}
interface PageGlobals {
  innerWidth: number
  innerHeight: number
  document: { documentElement: PageElement; querySelectorAll(selector: string): ArrayLike<PageElement> }
  getComputedStyle(el: PageElement, pseudo?: string): { overflowY: string; backgroundColor: string; borderTopColor: string; color: string }
  requestAnimationFrame(callback: () => void): number
}

let sim: RunningSimulator
let app: LaunchedApp | null
let dataDir: string
let cleanup: () => void

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 41, rows: 800, rateLimitPerMinute: null })
  // A seven-figure month (a wholesale order this month): the widest amounts the screens must hold.
  sim.admin.addPayment({ amount: '1234567.89', recipient_note: 'Großauftrag Schulausstattung – Landkreis' })
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

async function start(locale: 'de' | 'en'): Promise<{ page: Page; cdp: CDPSession }> {
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir, locale })
  console.log(`[e2e] backend: ${app.backend}`)
  await waitForRows(app.page)
  const cdp = await app.page.context().newCDPSession(app.page)
  return { page: app.page, cdp }
}

type Zoom = 100 | 200

/** The window a 1280×800 screen shows at this browser zoom. */
async function setZoom(page: Page, cdp: CDPSession, zoom: Zoom): Promise<void> {
  const width = zoom === 100 ? 1280 : 640
  const height = zoom === 100 ? 800 : 400
  await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: zoom / 100, mobile: false })
  await page.waitForFunction(
    ([w, h]) => {
      const win = globalThis as unknown as PageGlobals
      return win.innerWidth === w && win.innerHeight === h
    },
    [width, height]
  )
  // Let ResizeObservers (grid column layout) and the re-render settle.
  await page.evaluate(() => {
    const win = globalThis as unknown as PageGlobals
    return new Promise((done) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => done(null))))
  })
}

/** What the window shows, at device pixels (Playwright's own screenshot assumes its viewport). */
async function shot(cdp: CDPSession, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' })
  writeFileSync(join(SCREENSHOT_DIR, `zoom-${name}.png`), Buffer.from(data, 'base64'))
}

/** The screen at 100 % and at 200 % (left at 200 %), scrolled to the top as a user finds it. */
async function shootBoth(page: Page, cdp: CDPSession, screen: string, lang: string): Promise<void> {
  await setZoom(page, cdp, 100)
  await shot(cdp, `${screen}-${lang}-100`)
  await setZoom(page, cdp, 200)
  await shot(cdp, `${screen}-${lang}-200`)
}

/** Reachable: scrolled into view by its scrolling ancestors, then wholly visible (nothing clips it). */
async function expectReachable(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded()
  await expect(control).toBeInViewport({ ratio: 1 })
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => {
    const win = globalThis as unknown as PageGlobals
    return { scrollWidth: win.document.documentElement.scrollWidth, innerWidth: win.innerWidth }
  })
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
}

/** Figures (`value` inside each `box`) that do not fit their box: their text is wider than the box. */
function spilledFigures(boxes: Locator, value: string): Promise<string[]> {
  return boxes.evaluateAll(
    (els: PageElement[], sel) =>
      els.flatMap((box) => {
        const v = box.querySelector(sel)
        if (!v) return [`${box.textContent}: no figure`]
        const b = box.getBoundingClientRect()
        const r = v.getBoundingClientRect()
        const fits = v.scrollWidth <= v.clientWidth && r.left >= b.left - 0.5 && r.right <= b.right + 0.5
        return fits ? [] : [`${box.textContent}: figure ${r.left}–${r.right}, box ${b.left}–${b.right}`]
      }),
    value
  )
}

/** Data rows wholly inside the part of the grid a user sees (below the sticky header, inside every clipping ancestor). */
function wholeRowsShown(grid: Locator): Promise<number> {
  return grid.evaluate((g: PageElement) => {
    const win = globalThis as unknown as PageGlobals
    const box = g.getBoundingClientRect()
    const rows = Array.from(g.querySelectorAll('[role="row"]'))
    const header = rows.find((r) => r.querySelector('[role="columnheader"]'))
    let top = header ? header.getBoundingClientRect().bottom : box.top
    let bottom = box.top + g.clientTop + g.clientHeight
    top = Math.max(top, 0)
    bottom = Math.min(bottom, win.innerHeight)
    for (let el = g.parentElement; el; el = el.parentElement) {
      if (win.getComputedStyle(el).overflowY === 'visible') continue
      const r = el.getBoundingClientRect()
      top = Math.max(top, r.top + el.clientTop)
      bottom = Math.min(bottom, r.top + el.clientTop + el.clientHeight)
    }
    return rows.filter((r) => {
      if (r === header) return false
      const rb = r.getBoundingClientRect()
      return rb.top >= top - 0.5 && rb.bottom <= bottom + 0.5
    }).length
  })
}

for (const lang of ['en', 'de'] as const) {
  test(`every screen is usable at 200 % zoom (${lang})`, async () => {
    const { page, cdp } = await start(lang)
    const t = TEXT[lang]
    const control = createSimulatorControlClient(sim.controlUrl)
    const [payment, second] = await control.payments({ kind: 'refundable', limit: 2 })
    if (!payment || !second) throw new Error('no refundable payments in the simulator')

    // Transactions.
    await shootBoth(page, cdp, 'transactions', lang)
    const grid = page.getByRole('grid', { name: t.grid })

    // The navigation collapses to icons; the links keep their names.
    const nav = page.getByRole('navigation', { name: t.nav })
    expect((await nav.boundingBox())?.width).toBeLessThanOrEqual(72)
    for (const name of t.links) await expectReachable(nav.getByRole('link', { name }))

    // Every toolbar control can be reached and is not cut off; the toolbar wraps instead of overflowing.
    const toolbar = page.getByRole('search')
    for (const c of [
      page.getByRole('searchbox', { name: t.search }),
      toolbar.getByRole('button', { name: t.refundsOnly }),
      toolbar.getByRole('button', { name: t.reset }),
      toolbar.getByRole('button', { name: t.export }),
      toolbar.getByLabel(t.period, { exact: true }),
      toolbar.getByLabel(t.type, { exact: true }),
      toolbar.getByLabel(t.status, { exact: true })
    ]) {
      await expectReachable(c)
    }
    expect(await toolbar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    // Wrapping, not squeezing: the search box keeps room to read what was typed.
    expect((await page.getByRole('searchbox', { name: t.search }).boundingBox())?.width).toBeGreaterThanOrEqual(240)
    await expectNoHorizontalOverflow(page)

    // The totals above the grid (seven figures this month) stay apart, each inside its column.
    const totals = page.getByRole('region', { name: t.totals }).locator('dl > div')
    expect(await totals.count()).toBeGreaterThanOrEqual(6)
    expect(await spilledFigures(totals, 'dd')).toEqual([])

    // At least five whole rows in the grid once it is scrolled into view.
    await grid.scrollIntoViewIfNeeded()
    expect(await wholeRowsShown(grid)).toBeGreaterThanOrEqual(5)

    // The detail panel overlays the grid: the grid keeps its width, the panel's actions stay reachable.
    await search(page, payment.payId)
    await expect(dataRows(page)).toHaveCount(1)
    const gridWidth = (await grid.boundingBox())?.width ?? 0
    await dataRows(page).first().click()
    const detail = page.getByRole('complementary', { name: t.detail })
    await expect(detail).toContainText(payment.payId)
    await shot(cdp, `detail-${lang}-200`)
    expect((await grid.boundingBox())?.width ?? 0).toBeCloseTo(gridWidth, 0)
    await expectReachable(detail.getByRole('button', { name: t.closeDetail }))
    await expectReachable(detail.getByRole('button', { name: t.requestRefund }))
    await expectNoHorizontalOverflow(page)

    // The refund dialog fits: its form and its buttons can be reached.
    await detail.getByRole('button', { name: t.requestRefund }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('button', { name: t.continue })).toBeVisible()
    await shot(cdp, `refund-dialog-${lang}-200`)
    await expectReachable(dialog.getByRole('button', { name: t.continue }))
    await expectReachable(dialog.getByRole('button', { name: t.cancel }))
    await setZoom(page, cdp, 100)
    await shot(cdp, `refund-dialog-${lang}-100`)
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await shot(cdp, `detail-${lang}-100`)
    await setZoom(page, cdp, 200)
    await detail.getByRole('button', { name: t.closeDetail }).click()
    await expect(detail).toHaveCount(0)

    // A request in the list, so the requests table is shown (sent through the app's own API).
    const half = Math.max(1, Math.floor((Number(second.remaining) * 100) / 2))
    await page.evaluate(
      async ({ payId, amount }) => {
        const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
        const result = await api.submitRefund({ payId, amount, isFullRefund: false, reason: 'requested_by_customer', note: 'Customer called' })
        if (!result.ok) throw new Error(result.error.message)
      },
      { payId: second.payId, amount: half }
    )

    await goTo(page, 'requests')
    await expect(page.getByRole('heading', { name: t.requests }).first()).toBeVisible()
    await expect(page.getByText(second.payId).first()).toBeVisible()
    await shootBoth(page, cdp, 'requests', lang)
    await expectNoHorizontalOverflow(page)
    // The request's actions sit at the table's far end: its own sideways scroll brings them in.
    await expectReachable(page.getByRole('button', { name: t.checkAgain }))
    await expectReachable(page.getByRole('button', { name: t.markDenied }))

    // Month-end: every amount stays inside its card.
    await goTo(page, 'month')
    await page.getByRole('button', { name: t.thisMonth }).click()
    await expect(page.getByRole('heading', { name: new RegExp(t.month) })).toBeVisible()
    await shootBoth(page, cdp, 'month', lang)
    const cards = page.getByRole('region', { name: new RegExp(`^${t.month} `) }).locator('dl > div')
    expect(await cards.count()).toBeGreaterThanOrEqual(6)
    expect(await spilledFigures(cards, 'dd')).toEqual([])
    await expectNoHorizontalOverflow(page)

    await goTo(page, 'settings')
    await expect(page.getByRole('heading', { name: t.settings })).toBeVisible()
    await shootBoth(page, cdp, 'settings', lang)
    await expectNoHorizontalOverflow(page)
    await expectReachable(page.getByRole('button', { name: t.signOut }))

    // First run's screen (the hash opens it for an already set-up app too).
    await page.evaluate(() => {
      ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/welcome'
    })
    await expect(page.getByRole('heading', { name: t.welcome })).toBeVisible()
    await shootBoth(page, cdp, 'welcome', lang)
    await expectNoHorizontalOverflow(page)
    await expectReachable(page.getByRole('button', { name: t.start }))
  })
}

interface ControlContrast {
  control: string
  border: number
  placeholder: number | null
}

/**
 * WCAG contrast of every visible text field and select: its border against its own background
 * and against what it sits on (the worse counts), its placeholder against its own background.
 */
function controlContrasts(page: Page, within = 'body'): Promise<ControlContrast[]> {
  return page.evaluate((root) => {
    const win = globalThis as unknown as PageGlobals
    type Rgba = [number, number, number, number]
    const parse = (css: string): Rgba => {
      const m = /rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:\s*[,/]\s*([\d.]+))?\)/.exec(css)
      if (!m) throw new Error(`unreadable colour ${css}`)
      return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])]
    }
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3]
      return [0, 1, 2].map((i) => top[i]! * a + below[i]! * (1 - a)).concat(1) as Rgba
    }
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    const ratio = (a: Rgba, b: Rgba): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    /** The opaque colour behind an element: its ancestors' backgrounds, composited. */
    const backdrop = (el: PageElement | null): Rgba => {
      const layers: Rgba[] = []
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(win.getComputedStyle(e).backgroundColor)
        if (bg[3] > 0) layers.push(bg)
        if (bg[3] === 1) break
      }
      return layers.reduceRight<Rgba>((below, top) => over(top, below), [255, 255, 255, 1])
    }
    const fields = Array.from(win.document.querySelectorAll(`${root} :is(input, select, textarea)`)).filter((el) => {
      const type = el.getAttribute('type')
      const box = el.getBoundingClientRect()
      return type !== 'checkbox' && type !== 'radio' && type !== 'hidden' && box.width > 0 && box.height > 0
    })
    return fields.map((el) => {
      const style = win.getComputedStyle(el)
      const own = backdrop(el)
      const around = backdrop(el.parentElement)
      const border = over(parse(style.borderTopColor), own)
      const placeholder = el.getAttribute('placeholder') ? over(parse(win.getComputedStyle(el, '::placeholder').color), own) : null
      return {
        control: el.labels?.[0]?.textContent?.trim() || el.getAttribute('aria-label') || el.outerHTML.slice(0, 80),
        border: Math.min(ratio(border, own), ratio(border, around)),
        placeholder: placeholder ? ratio(placeholder, own) : null
      }
    })
  }, within)
}

test('placeholders and field borders keep their contrast in light and dark', async () => {
  const { page } = await start('en')
  const [payment] = await createSimulatorControlClient(sim.controlUrl).payments({ kind: 'refundable', limit: 1 })
  if (!payment) throw new Error('no refundable payment in the simulator')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme)
    const seen: ControlContrast[] = []

    await goTo(page, 'transactions')
    await waitForRows(page)
    seen.push(...(await controlContrasts(page)))
    await search(page, payment.payId)
    await expect(dataRows(page)).toHaveCount(1)
    await dataRows(page).first().click()
    await page.getByRole('complementary').getByRole('button', { name: 'Request refund' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('button', { name: 'Continue to review' })).toBeVisible()
    seen.push(...(await controlContrasts(page, '[role="dialog"]')))
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await page.getByRole('searchbox').fill('')

    await goTo(page, 'month')
    await expect(page.getByRole('heading', { name: /Totals/ })).toBeVisible()
    seen.push(...(await controlContrasts(page)))
    await goTo(page, 'settings')
    await expect(page.getByRole('heading', { name: 'Environment' })).toBeVisible()
    seen.push(...(await controlContrasts(page)))

    console.log(`[contrast ${scheme}] ${seen.map((c) => `${c.control}: border ${c.border.toFixed(2)}${c.placeholder ? `, placeholder ${c.placeholder.toFixed(2)}` : ''}`).join('; ')}`)
    // The search box, the amount bounds, the selects, the refund note, the month picker, the settings fields.
    expect(seen.length).toBeGreaterThanOrEqual(11)
    expect(seen.filter((c) => c.placeholder !== null).length).toBeGreaterThanOrEqual(4)
    for (const c of seen) {
      expect.soft(c.border, `${scheme}: border of ${c.control}`).toBeGreaterThanOrEqual(3)
      if (c.placeholder !== null) expect.soft(c.placeholder, `${scheme}: placeholder of ${c.control}`).toBeGreaterThanOrEqual(4.5)
    }
  }
})
