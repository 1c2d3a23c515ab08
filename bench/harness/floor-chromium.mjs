/**
 * Floor of "launch → first rows": a bare Chromium, launched by Playwright with the app's flags,
 * showing a one-row HTML table. Prints FIRST_ROWS the moment that row is visible, then closes.
 * Usage: node floor-chromium.mjs <chromiumPath> <flags as JSON>
 */
import { chromium } from 'playwright-core'

const [executablePath, flagsJson] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath, headless: true, args: JSON.parse(flagsJson ?? '[]') })
const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1360, height: 860 } })
const page = await context.newPage()
const html = '<!doctype html><title>t</title><table role="grid"><tr><th>Date</th><th>Amount</th></tr><tr><td>2026-01-01</td><td>12,50</td></tr></table>'
await page.goto('data:text/html,' + encodeURIComponent(html))
await page.getByRole('row').nth(1).waitFor({ timeout: 60_000 })
process.stdout.write('FIRST_ROWS\n')
await browser.close()
