/**
 * A child process running the app as the e2e harness does on machines without Electron: the real
 * main-process core plus the built renderer in Chromium (startHostApp). The cache is prepared by
 * the parent; the environment is 'custom' on a closed loopback port with no key, so no sync runs.
 * Spec file (argv[2], JSON):
 *  - launch: prints FIRST_ROWS the moment the transactions grid shows its first data row (the
 *    parent times spawn → that line), then closes;
 *  - keys: after the first rows, types terms into the search box one key at a time and times each
 *    key press → the grid showing that text's result (row count and rows, not busy), measured in
 *    the page with a MutationObserver; prints the samples as JSON.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { startHostApp } from '../../src/browser-host/host-app'
import { createMemorySecretStore } from '../../src/main/services/credentials'

interface Spec {
  job: 'launch' | 'keys'
  dataDir: string
  apiBase: string
  /** keys: what to type, and the result size of every prefix (from the core, in another process). */
  terms?: string[]
  totals?: Record<string, number>
  rounds?: number
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

async function keys(page: Page, spec: Spec): Promise<unknown> {
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

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Spec
  const app = await startHostApp({ dataDir: spec.dataDir, env: 'custom', apiBase: spec.apiBase, keychain: createMemorySecretStore() })
  try {
    await app.page.getByRole('row').nth(1).waitFor({ timeout: 180_000 })
    process.stdout.write('FIRST_ROWS\n')
    if (spec.job === 'keys') {
      // Keys are timed on a settled window: wait until every cached row is listed.
      const total = Math.max(...Object.values(spec.totals ?? { '': 0 }))
      await app.page.waitForFunction(
        (n) => Number((globalThis as unknown as PageGlobals).document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')) >= n + 1,
        total,
        { timeout: 180_000 }
      )
      process.stdout.write(JSON.stringify(await keys(app.page, spec)) + '\n')
    }
  } finally {
    await app.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
