/**
 * Month-end export: the bookkeeper exports last month as "CSV Excel (Deutsch)";
 * the file is parsed back and checked like German Excel would read it: UTF-8 BOM, `;` separators,
 * decimal commas, dd.MM.yyyy dates, a preamble with period/totals/data-as-of, and amounts that add
 * up to the totals the app shows for the same month.
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { previousMonth, currentBerlinMonth } from '../../src/shared/berlin-time'
import { launchApp, type LaunchedApp } from './harness'
import { freshDataDir, goTo, screenshot, waitForRows } from './fixtures'

let app: LaunchedApp
let cleanup: () => void

test.beforeEach(async () => {
  const data = freshDataDir()
  cleanup = data.cleanup
  app = await launchApp({ env: 'demo', dataDir: data.dir, locale: 'de', demo: { rows: 2400 } })
  console.log(`[e2e] backend: ${app.backend}`)
})

test.afterEach(async () => {
  await app.close()
  cleanup()
})

/** Parses one `;`-separated CSV line with "…" quoting (RFC 4180 rules, German Excel flavour). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ';') {
      cells.push(cell)
      cell = ''
    } else cell += c
  }
  cells.push(cell)
  return cells
}

/** "-1234,56" → -123456 cents, exactly (no floats). */
function germanCents(text: string): number {
  const m = /^(-?)(\d+),(\d{2})$/.exec(text.trim())
  if (!m) throw new Error(`not a German decimal: "${text}"`)
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]))
}

test('exports last month as Excel (Deutsch) CSV whose sums match the app', async () => {
  const { page } = app
  await waitForRows(page)
  await goTo(page, 'month')
  const month = previousMonth(currentBerlinMonth(new Date()))
  await expect(page.getByRole('heading', { name: /Summen/ })).toBeVisible()
  await screenshot(page, 'de-month')

  const downloadPromise = page.waitForEvent('download')
  await page.getByRole('button', { name: 'CSV Excel (Deutsch)' }).click()
  const download = await downloadPromise
  expect(download.suggestedFilename()).toContain(month)
  const raw = readFileSync(await download.path())
  expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM so Excel reads umlauts
  const text = raw.toString('utf8').slice(1)
  const lines = text.split('\r\n')
  expect(lines.length).toBeGreaterThan(10)

  // Preamble: key;value lines, then a blank line, then the table.
  const blank = lines.indexOf('')
  const preamble = new Map(lines.slice(0, blank).map((l) => splitCsvLine(l) as [string, string]))
  expect(preamble.get('Zeitraum')).toContain(month)
  expect(preamble.get('Stand der Daten')).toMatch(/\d{2}\.\d{2}\.\d{4}/)

  const header = splitCsvLine(lines[blank + 1] ?? '')
  expect(header).toContain('Betrag')
  const amountCol = header.indexOf('Betrag')
  const typeCol = header.indexOf('Typ')
  const dateCol = header.indexOf('Datum')
  const body = lines.slice(blank + 2).filter((l) => l !== '').map(splitCsvLine)
  expect(body.length).toBeGreaterThan(0)
  for (const cells of body) {
    expect(cells).toHaveLength(header.length)
    expect(cells[dateCol]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/)
    expect(cells[dateCol]?.slice(3)).toBe(`${month.slice(5)}.${month.slice(0, 4)}`) // only this Berlin month
  }

  // Sums recomputed from the rows equal the preamble and the app's own totals for the month.
  const sumWhere = (pred: (type: string, cents: number) => boolean): number =>
    body.reduce((acc, cells) => {
      const cents = germanCents(cells[amountCol] ?? '')
      return pred(cells[typeCol] ?? '', cents) ? acc + cents : acc
    }, 0)
  const refunds = sumWhere((type) => type === 'Refund')
  const payments = sumWhere((type, cents) => !['Refund', 'Dispute', 'Dispute Refund'].includes(type) && cents > 0)
  expect(germanCents(preamble.get('Summe Erstattungen (Abgang)') ?? '')).toBe(refunds)
  // The preamble adds up as its labels say.
  const net = germanCents(preamble.get('Netto (Zahlungen + Erstattungen + Rückbuchungen + zurückerhaltene)') ?? '')
  const fees = germanCents(preamble.get('Summe Gebühren') ?? '')
  expect(germanCents(preamble.get('Netto nach Gebühren (Netto − Gebühren)') ?? '')).toBe(net - fees)
  expect(germanCents(preamble.get('Summe Zahlungen') ?? '')).toBe(payments)
  expect(Number(preamble.get('Anzahl'))).toBe(body.length)

  if (app.host) {
    const filter = { period: { kind: 'month' as const, month }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
    const { totals } = app.host.core.workspace().engine.selectAll(filter)
    expect(totals.refunds).toBe(refunds)
    expect(totals.grossPayIns).toBe(payments)
    expect(totals.count).toBe(body.length)
  }
})
