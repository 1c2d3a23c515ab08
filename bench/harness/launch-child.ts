/**
 * A child process running the app as the e2e harness does on machines without Electron: the real
 * main-process core plus the built renderer in Chromium (startHostApp). The cache is prepared by
 * the parent; the environment is 'custom' on a closed loopback port with no key, so no sync runs.
 * Spec file (argv[2], JSON):
 *  - launch: prints FIRST_ROWS the moment the transactions grid shows its first data row (the
 *    parent times spawn → that line), then, with `rows`, waits until the grid counts that many
 *    rows (the progressive cache load is complete) and prints `ALL_ROWS <ms after FIRST_ROWS>`;
 *  - keys: after the first rows, types terms into the search box one key at a time and times each
 *    key press → the grid showing that text's result (row count and rows, not busy), measured in
 *    the page with a MutationObserver; prints the samples as JSON, with the size of the grid (rows
 *    and cells in the DOM) the floor has to match;
 *  - keys-floor: the floor of `keys`, timed by the very same code: the same Chromium (flags,
 *    viewport, locale) and the same bridge the app's page calls (installBridge: the Playwright
 *    binding, the preload shim's `window.secpaid` and the JSON wire — the stand-in for Electron's
 *    IPC), but behind it a trivial handler answering every keystroke
 *    with the expected row count and canned rows, as many as the app's grid shows (visible rows
 *    plus overscan: the least any page must fetch), and in front of it a plain page whose search
 *    box calls it on every input and writes a grid of as many rows and cells as the app's. What is
 *    left between the two is ours: the query in main, what the answer carries beyond the visible
 *    rows, React and the app's own rendering.
 */
import { readFileSync } from 'node:fs'
import { chromium, type Page } from 'playwright-core'
import { installBridge } from '../../src/browser-host/bridge'
import { CHROMIUM_PATH, chromiumFlags } from '../../src/browser-host/chromium-host'
import { startHostApp } from '../../src/browser-host/host-app'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { syntheticRows } from '../cache-synthetic-rows'

interface Spec {
  job: 'launch' | 'keys' | 'keys-floor'
  dataDir: string
  apiBase: string
  /** keys: what to type, and the result size of every prefix (from the core, in another process). */
  terms?: string[]
  totals?: Record<string, number>
  rounds?: number
  /** keys-floor: rows and cells per row to write into the grid (what the app's grid showed). */
  domRows?: number
  domCells?: number
  /** launch: the cached rows, to time until the grid counts them all. */
  rows?: number
}

/** Until the grid's row count (header row included) says at least `rows` data rows. */
function gridCounts(page: Page, rows: number): Promise<unknown> {
  return page.waitForFunction(
    (n) => Number((globalThis as unknown as PageGlobals).document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) >= n + 1,
    rows,
    { timeout: 180_000 }
  )
}

/** The page's globals, typed here because this file compiles without the DOM library. */
interface El {
  getAttribute(name: string): string | null
  querySelectorAll(selector: string): { length: number }
  addEventListener(type: string, fn: () => void, opts: { once: boolean; capture: boolean }): void
}
interface PageGlobals {
  document: { querySelector(selector: string): El | null }
  performance: { now(): number }
  requestAnimationFrame(fn: () => void): void
  setTimeout(fn: () => void, ms: number): void
  MutationObserver: new (fn: () => void) => { observe(target: El, opts: Record<string, boolean>): void; disconnect(): void }
  __benchResult?: Promise<number>
}

/** Installs the timer: from the next keydown in the search box to the frame after the grid shows `expected` rows. */
function arm(page: Page, expected: number): Promise<void> {
  return page.evaluate((exp) => {
    const w = globalThis as unknown as PageGlobals
    const grid = w.document.querySelector('[role="grid"]')
    const input = w.document.querySelector('input[type="search"]')
    if (!grid || !input) throw new Error('no grid or search box')
    let t0: number | null = null
    input.addEventListener('keydown', () => (t0 = w.performance.now()), { once: true, capture: true })
    // No named helpers in here: tsx would wrap them in its __name(), which the page does not have.
    w.__benchResult = new Promise<number>((resolve) => {
      const obs = new w.MutationObserver(() => {
        if (t0 === null || grid.getAttribute('aria-busy') === 'true') return
        if (grid.getAttribute('aria-rowcount') !== String(exp + 1)) return
        if (exp > 0 && grid.querySelectorAll('[role="row"]').length < 2) return
        obs.disconnect()
        // The frame in which the result is painted.
        w.requestAnimationFrame(() => resolve(w.performance.now() - (t0 ?? 0)))
      })
      obs.observe(grid, { attributes: true, childList: true, subtree: true, characterData: true })
    })
  }, expected)
}

interface KeySamples {
  samples: Array<{ text: string; ms: number }>
  skipped: string[]
}

async function keys(page: Page, spec: Spec): Promise<KeySamples> {
  const box = page.getByRole('searchbox')
  const grid = page.getByRole('grid', { includeHidden: true }).first()
  const totals = spec.totals ?? {}
  const samples: Array<{ text: string; ms: number }> = []
  const skipped: string[] = []
  const rows0 = await grid.getAttribute('aria-rowcount')
  for (let round = 0; round < (spec.rounds ?? 1); round++) {
    for (const term of spec.terms ?? []) {
      await box.focus()
      let prev = Number(rows0) - 1
      for (let i = 1; i <= term.length; i++) {
        const text = term.slice(0, i)
        const expected = totals[text]
        if (expected === undefined) throw new Error(`no expected total for "${text}"`)
        if (expected === prev) {
          // Same row count as before: the grid may legitimately not change, so this key cannot be timed.
          await page.keyboard.type(text.slice(-1))
          await page.waitForTimeout(600)
          skipped.push(text)
          continue
        }
        await arm(page, expected)
        await page.keyboard.type(text.slice(-1))
        const ms = await page.evaluate(
          () => {
            const w = globalThis as unknown as PageGlobals
            return Promise.race([w.__benchResult ?? Promise.resolve(-1), new Promise<number>((r) => w.setTimeout(() => r(-1), 30_000))])
          }
        )
        if (ms < 0) throw new Error(`the grid never showed ${expected} rows for "${text}"`)
        samples.push({ text, ms })
        prev = expected
        await page.waitForTimeout(250)
      }
      // Clear (Esc applies at once) and wait for the full list before the next term.
      await page.keyboard.press('Escape')
      await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === n, rows0, {
        timeout: 60_000
      })
      await page.waitForTimeout(300)
    }
  }
  return { samples, skipped }
}

/** Rows and cells the app's grid has in the DOM (virtualised: the visible rows plus overscan). */
function gridSize(page: Page): Promise<{ domRows: number; domCells: number }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals
    const grid = w.document.querySelector('[role="grid"]')
    const rows = grid?.querySelectorAll('.tx-body [role="row"]').length ?? 0
    const cells = grid?.querySelectorAll('.tx-body [role="gridcell"]').length ?? 0
    return { domRows: rows, domCells: rows > 0 ? Math.round(cells / rows) : 0 }
  })
}

/**
 * The floor page: a search box, and a grid whose rows are rewritten on every answer. Plain DOM,
 * no framework: the least any page must do to show a new result. Kept as text (not a function
 * evaluated in the page), so tsx's transforms never reach the page.
 */
function floorHtml(domRows: number, domCells: number): string {
  const script = `
const box = document.querySelector('input')
const grid = document.querySelector('[role="grid"]')
const body = grid.querySelector('[role="rowgroup"]')
const ROWS = ${domRows}
const CELLS = ${domCells}
let seq = 0
async function apply(text) {
  const mine = ++seq
  grid.setAttribute('aria-busy', 'true')
  const answer = await window.secpaid.queryTransactions({
    filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: text },
    sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 200
  })
  if (mine !== seq || !answer.ok) return
  const result = answer.value
  const frag = document.createDocumentFragment()
  for (let i = 0; i < Math.min(ROWS, result.rows.length); i++) {
    const r = result.rows[i]
    const values = [r.createdAt, r.payId, r.transactionId, r.recipientNote, r.kind, r.status, r.paymentMethod, r.amount, r.netAmount, r.serviceFee]
    const row = document.createElement('div')
    row.setAttribute('role', 'row')
    row.className = 'row'
    for (let c = 0; c < CELLS; c++) {
      const cell = document.createElement('div')
      cell.setAttribute('role', 'gridcell')
      cell.textContent = String(values[c % values.length] ?? '–')
      row.appendChild(cell)
    }
    frag.appendChild(row)
  }
  body.replaceChildren(frag)
  grid.setAttribute('aria-rowcount', String(result.total + 1))
  grid.setAttribute('aria-busy', 'false')
}
box.addEventListener('input', () => void apply(box.value))
box.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { box.value = ''; void apply('') }
})
void apply('')
`
  const style = '.row{display:grid;grid-template-columns:repeat(' + domCells + ',1fr);height:30px}.row>div{overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding:0 8px}'
  return `<!doctype html><html><head><title>floor</title><style>${style}</style></head><body>` +
    '<input type="search" aria-label="Search"><div role="grid" aria-label="Transactions" aria-rowcount="1" aria-busy="true">' +
    '<div role="row"><div role="columnheader">Date</div></div><div role="rowgroup"></div></div>' +
    `<script>${script}</script></body></html>`
}

/** Chromium as the host app starts it, with the floor page behind the app's own bridge. */
async function floorPage(spec: Spec): Promise<{ page: Page; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumFlags({ uid: process.getuid?.(), ci: process.env['CI'] }) })
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', colorScheme: 'light', viewport: { width: 1360, height: 860 } })
  // Rows shaped like the app's answer (every field of a TransactionView).
  const domRows = spec.domRows ?? 40
  const rows = syntheticRows(domRows).map((r, i) => ({ ...r, key: r.transactionId ?? `k${i}`, kind: 'payment', refundedCents: 0, pendingRefundCents: 0, refundState: 'none' }))
  const totals = spec.totals ?? {}
  const all = Math.max(...Object.values(totals))
  const html = floorHtml(domRows, spec.domCells ?? 10)
  // Served like the app's page (an http origin, every request through a route), never contacted.
  await context.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }))
  const page = await context.newPage()
  // The app's bridge (binding + preload shim + JSON wire), with a trivial handler behind it.
  await installBridge(page, (_channel, arg) => {
    const search = (arg as { filter: { search: string } }).filter.search
    const total = totals[search] ?? all
    // Only the rows the grid shows: the least any page must fetch through the bridge.
    return { ok: true, value: { total, offset: 0, rows: rows.slice(0, Math.min(domRows, total)), totals: null, dataAsOf: null } }
  })
  await page.goto('http://127.0.0.1:9/')
  return { page, close: () => browser.close() }
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Spec
  if (spec.job === 'keys-floor') {
    const floor = await floorPage(spec)
    try {
      await floor.page.getByRole('row').nth(1).waitFor({ timeout: 60_000 })
      process.stdout.write(JSON.stringify(await keys(floor.page, spec)) + '\n')
    } finally {
      await floor.close()
    }
    return
  }
  const app = await startHostApp({ dataDir: spec.dataDir, env: 'custom', apiBase: spec.apiBase, keychain: createMemorySecretStore() })
  try {
    await app.page.getByRole('row').nth(1).waitFor({ timeout: 180_000 })
    process.stdout.write('FIRST_ROWS\n')
    if (spec.job === 'launch' && spec.rows !== undefined) {
      const firstRows = performance.now()
      await gridCounts(app.page, spec.rows)
      process.stdout.write(`ALL_ROWS ${(performance.now() - firstRows).toFixed(0)}\n`)
    }
    if (spec.job === 'keys') {
      // Keys are timed on a settled window: wait until every cached row is listed.
      await gridCounts(app.page, Math.max(...Object.values(spec.totals ?? { '': 0 })))
      const size = await gridSize(app.page)
      process.stdout.write(JSON.stringify({ ...(await keys(app.page, spec)), ...size }) + '\n')
    }
  } finally {
    await app.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
