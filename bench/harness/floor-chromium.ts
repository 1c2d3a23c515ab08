/**
 * Floor of "launch → first rows": a bare Chromium, launched by Playwright with the app's flags and
 * context options, with the app's bridge installed (installBridge: the same binding and preload
 * shim, the same JSON wire), showing a one-row table whose row it asks over that bridge from a
 * trivial handler — the least any page of this host must do to show a row. Prints FIRST_ROWS the
 * moment that row is visible, then closes. Started like the app's child: bundled the way out/main
 * is (bench/run.ts, bundledChild), with plain node. Usage: floor-chromium [--no-bridge]
 * `--no-bridge`: the floor as it was before the bridge was part of it (the row written into the
 * page's HTML, no binding, no shim), reported next to it so the two floors can be compared.
 */
import { chromium } from 'playwright-core'
import { installBridge } from '../../src/browser-host/bridge'
import { CHROMIUM_PATH, chromiumFlags } from '../../src/browser-host/chromium-host'

const ORIGIN = 'http://127.0.0.1:9' // never contacted: the page is answered by the route below

const ROW = {
  key: 'k1', payId: 'P1', transactionId: 'T1', createdAt: '2026-01-01T10:00:00.000Z', amount: 1250, netAmount: 1200, serviceFee: 50,
  serviceFeePsp: null, status: 'Success', paymentMethod: 'card', recipientNote: 'Bestellung', kind: 'payment', refundedCents: 0,
  pendingRefundCents: 0, refundState: 'none'
}

const script = `
window.secpaid.queryTransactions({
  filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' },
  sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 40
}).then((answer) => {
  const r = answer.value.rows[0]
  const tr = document.createElement('tr')
  for (const v of [r.createdAt, r.amount]) { const td = document.createElement('td'); td.textContent = String(v); tr.appendChild(td) }
  document.querySelector('tbody').appendChild(tr)
})
`
const html = `<!doctype html><title>t</title><table role="grid"><thead><tr><th>Date</th><th>Amount</th></tr></thead><tbody></tbody></table><script>${script}</script>`

const NO_BRIDGE = process.argv.includes('--no-bridge')
const plainHtml = '<!doctype html><title>t</title><table role="grid"><tr><th>Date</th><th>Amount</th></tr><tr><td>2026-01-01</td><td>12,50</td></tr></table>'

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumFlags({ uid: process.getuid?.(), ci: process.env['CI'] }) })
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', colorScheme: 'light', viewport: { width: 1360, height: 860 } })
  await context.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: NO_BRIDGE ? plainHtml : html }))
  const page = await context.newPage()
  if (!NO_BRIDGE) await installBridge(page, () => ({ ok: true, value: { total: 1, offset: 0, rows: [ROW], totals: null, dataAsOf: null } }))
  await page.goto(ORIGIN + '/')
  await page.getByRole('row').nth(1).waitFor({ timeout: 60_000 })
  process.stdout.write('FIRST_ROWS\n')
  await browser.close()
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
