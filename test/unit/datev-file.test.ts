/**
 * The DATEV file, read back as an importer reads it (test/fixtures/datev/datev-reader.ts), obeys
 * the field rules of DATEV's published format description (header version 700, Buchungsstapel
 * format version 13; docs/datev-export.md cites the pages). The expressions below are DATEV's,
 * written against the field as it stands in the file (quotes included).
 */
import { describe, expect, it } from 'vitest'
import {
  buildDatevFile,
  DatevInputError,
  datevFileName,
  datevSettingsSchema,
  exportDatevMonth,
  formatUmsatz,
  summarizeDatevIssues,
  type DatevBooking,
  type DatevSettings
} from '../../src/main/services/export/datev'
import { readDatevFile, unquote } from '../fixtures/datev/datev-reader'
import { GOLDEN_MONTH, GOLDEN_NOW, GOLDEN_PAYOUTS, GOLDEN_ROWS, GOLDEN_SETTINGS, row } from '../fixtures/datev/golden-month'

const DATE8 = String.raw`([2])([0])([0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[1-2][0-9]|3[0-1])`

/** Header fields 1–31: DATEV's expression for each. */
const HEADER_RULES: ReadonlyArray<[string, RegExp]> = [
  ['Kennzeichen', /^["](EXTF|DTVF)["]$/],
  ['Versionsnummer', /^(700)$/],
  ['Formatkategorie', /^(16|20|21|46|48|65)$/],
  ['Formatname', /^["](Buchungsstapel|Wiederkehrende Buchungen|Debitoren\/Kreditoren|Kontenbeschriftungen|Zahlungsbedingungen|Diverse Adressen)["]$/],
  ['Formatversion', /^(2|4|5|13)$/],
  ['Erzeugt am', new RegExp(String.raw`^${DATE8}(2[0-3]|[01][0-9])([0-5][0-9])([0-5][0-9][0-9][0-9][0-9])$`)],
  ['Importiert', /^$/],
  ['Herkunft', /^["]\w{0,2}["]$/],
  ['Exportiert von', /^["]\w{0,25}["]$/],
  ['Importiert von', /^["]\w{0,25}["]$/],
  ['Beraternummer', /^(\d{4,6}|\d{7})$/],
  ['Mandantennummer', /^\d{1,5}$/],
  ['WJ-Beginn', new RegExp(`^${DATE8}$`)],
  ['Sachkontenlänge', /^[4-8]$/],
  ['Datum vom', new RegExp(`^${DATE8}$`)],
  ['Datum bis', new RegExp(`^${DATE8}$`)],
  ['Bezeichnung', /^["][\w.-/ ]{0,30}["]$/],
  ['Diktatkürzel', /^["]([A-Z]{2}){0,2}["]$/],
  ['Buchungstyp', /^[1-2]$/],
  ['Rechnungslegungszweck', /^(0|30|40|50|64)$/],
  ['Festschreibung', /^(0|1)$/],
  ['WKZ', /^["]([A-Z]{3})["]$/],
  ['reserviert', /^$/],
  ['Derivatskennzeichen', /^["]["]$/],
  ['reserviert', /^$/],
  ['reserviert', /^$/],
  ['Sachkontenrahmen', /^["](\d{2}){0,2}["]$/],
  ['ID der Branchenlösung', /^\d{0,4}$/],
  ['reserviert', /^$/],
  ['reserviert', /^["]["]$/],
  ['Anwendungsinformation', /^["].{0,16}["]$/]
]

/** Expressions of the booking columns we fill (1-based column → rule). All other columns stay empty. */
const FILLED_COLUMNS: ReadonlyMap<number, RegExp> = new Map([
  [1, /^(?!0{1,10},00)\d{1,10},\d{2}$/], // Umsatz: positive, decimal comma, 2 decimals
  [2, /^["](S|H)["]$/], // Soll/Haben-Kennzeichen
  [3, /^["]([A-Z]{3})["]$/], // WKZ Umsatz
  [7, /^(?!0{1,9}$)(\d{1,9})$/], // Konto
  [8, /^(?!0{1,9}$)(\d{1,9})$/], // Gegenkonto (ohne BU-Schlüssel)
  [10, /^(\d{4})$/], // Belegdatum TTMM
  [11, /^(["][\w$%\-/]{0,36}["])$/], // Belegfeld 1 (DATEV's stricter reading: no & * +)
  [14, /^(["].{0,60}["])$/], // Buchungstext
  [48, /^(["].{0,20}["])$/], // Zusatzinformation - Art 1
  [49, /^(["].{0,210}["])$/], // Zusatzinformation- Inhalt 1
  [114, /^(0|1)$/] // Festschreibung
])

/** Lengths count characters of the value, with "" counting as one quote. */
function valueLength(cell: string): number {
  return unquote(cell).length
}

function exportGolden(settings: DatevSettings = GOLDEN_SETTINGS): ReturnType<typeof exportDatevMonth> {
  return exportDatevMonth({ month: GOLDEN_MONTH, rows: GOLDEN_ROWS, payouts: GOLDEN_PAYOUTS, settings, now: GOLDEN_NOW })
}

describe('DATEV file read back against the published field rules', () => {
  const result = exportGolden()
  const file = readDatevFile(result.bytes)

  it('has a header of 31 fields, each matching its published expression, with our values', () => {
    expect(file.header).toHaveLength(31)
    HEADER_RULES.forEach(([name, rule], i) => {
      expect(file.header[i], `header field ${i + 1} ${name}`).toMatch(rule)
    })
    const h = file.header.map(unquote)
    expect(h.slice(0, 5)).toEqual(['EXTF', '700', '21', 'Buchungsstapel', '13'])
    expect(h[5]).toBe('20261102093015123') // Berlin wall clock of GOLDEN_NOW, with milliseconds
    expect(h[10]).toBe('29098')
    expect(h[11]).toBe('55003')
    expect(h[12]).toBe('20260101') // WJ-Beginn
    expect(h[13]).toBe('4')
    expect(h[14]).toBe('20261001')
    expect(h[15]).toBe('20261031')
    expect(h[17]).toBe('SD')
    expect(h[18]).toBe('1') // Finanzbuchführung
    expect(h[20]).toBe('0') // not locked: the adviser reviews first
    expect(h[21]).toBe('EUR')
    expect(h[26]).toBe('03')
  })

  it('has the 125 column titles of the Buchungsstapel format in their order', () => {
    expect(file.columns).toHaveLength(125)
    expect(file.columns[0]).toBe('Umsatz (ohne Soll/Haben-Kz)')
    expect(file.columns[6]).toBe('Konto')
    expect(file.columns[7]).toBe('Gegenkonto (ohne BU-Schlüssel)')
    expect(file.columns[9]).toBe('Belegdatum')
    expect(file.columns[10]).toBe('Belegfeld 1')
    expect(file.columns[13]).toBe('Buchungstext')
    expect(file.columns[47]).toBe('Zusatzinformation - Art 1')
    expect(file.columns[48]).toBe('Zusatzinformation- Inhalt 1')
    expect(file.columns[86]).toBe('Zusatzinformation- Inhalt 20')
    expect(file.columns[113]).toBe('Festschreibung')
    expect(file.columns[124]).toBe('Abw. Skontokonto')
    expect(new Set(file.columns).size).toBe(125)
  })

  it('writes every booking line with 125 fields, each filled one matching its expression and the rest empty', () => {
    expect(file.bookings).toHaveLength(result.bookingCount)
    expect(file.bookings.length).toBeGreaterThan(0)
    for (const [i, cells] of file.bookings.entries()) {
      expect(cells, `line ${i + 3}`).toHaveLength(125)
      cells.forEach((cell, c) => {
        const rule = FILLED_COLUMNS.get(c + 1)
        if (rule) {
          // Zusatzinformation is filled only when the row has a transaction id.
          if ((c + 1 === 48 || c + 1 === 49) && cell === '') return
          expect(cell, `line ${i + 3}, column ${c + 1} ${file.columns[c]}`).toMatch(rule)
        } else {
          expect(cell, `line ${i + 3}, column ${c + 1} ${file.columns[c]} must stay empty`).toBe('')
        }
      })
    }
  })

  it('keeps text within its length (quotes not counted), accounts at the Sachkontenlänge, dates inside the period', () => {
    const year = file.header[14]?.slice(0, 4)
    const from = file.header[14] ?? ''
    const to = file.header[15] ?? ''
    for (const cells of file.bookings) {
      expect(valueLength(cells[10] ?? '')).toBeLessThanOrEqual(36)
      expect(valueLength(cells[13] ?? '')).toBeLessThanOrEqual(60)
      expect(valueLength(cells[47] ?? '')).toBeLessThanOrEqual(20)
      expect(valueLength(cells[48] ?? '')).toBeLessThanOrEqual(210)
      expect(cells[6]).toHaveLength(4)
      expect(cells[7]).toHaveLength(4)
      expect(cells[6]).not.toBe(cells[7])
      const ttmm = cells[9] ?? ''
      const yyyymmdd = `${year}${ttmm.slice(2, 4)}${ttmm.slice(0, 2)}`
      expect(yyyymmdd >= from && yyyymmdd <= to, `Belegdatum ${ttmm}`).toBe(true)
      expect(cells[113]).toBe(file.header[20]) // Festschreibung agrees with the header
    }
  })

  it('balances: per account the debits equal the credits of the others, and the clearing account moves by net − fees − payouts', () => {
    const debit = new Map<string, number>()
    const credit = new Map<string, number>()
    const add = (m: Map<string, number>, k: string, v: number): void => {
      m.set(k, (m.get(k) ?? 0) + v)
    }
    for (const cells of file.bookings) {
      const cents = Number((cells[0] ?? '').replace(',', ''))
      const side = unquote(cells[1] ?? '')
      const [konto, gegen] = [cells[6] ?? '', cells[7] ?? '']
      add(side === 'S' ? debit : credit, konto, cents)
      add(side === 'S' ? credit : debit, gegen, cents)
    }
    const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0)
    expect(sum(debit)).toBe(sum(credit))
    const balance = (acct: string): number => (debit.get(acct) ?? 0) - (credit.get(acct) ?? 0)
    // By hand: pay-ins 468,99 − refund 50,00 − disputes 330,00 + dispute refund 80,00 = 168,99;
    // fees 0,50 + 0,50 − 0,10 + 0,30 = 1,20; payout 100,00 → 168,99 − 1,20 − 100,00 = 67,79.
    expect(balance('1360')).toBe(6_779)
    expect(balance('8400')).toBe(-(46_899 - 5_000)) // revenue: credit balance
    expect(balance('8700')).toBe(33_000 - 8_000) // disputes kept, net of the one returned
    expect(balance('4970')).toBe(120)
    expect(balance('1200')).toBe(10_000)
  })

  it('is Windows-1252 with CR LF, no BOM, and keeps umlauts as single bytes', () => {
    const bytes = result.bytes
    expect([...bytes.subarray(0, 6)]).toEqual([...Buffer.from('"EXTF"', 'ascii')])
    const text = bytes.toString('latin1')
    expect(text.split('\r\n')).toHaveLength(file.lines.length + 1)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(bytes.indexOf(Buffer.from([0xfc]))).toBeGreaterThan(0) // ü
    expect(bytes.indexOf(Buffer.from('Ã¼', 'latin1'))).toBe(-1) // not UTF-8
  })

  it('quotes text and doubles a quote inside it; a semicolon inside quotes is text, not a separator', () => {
    const line = file.bookings.find((c) => (c[13] ?? '').includes('Premium'))
    expect(line?.[13]).toBe('"SecPaid Zahlung 100003 Abo ""Premium""; Oktober"')
    expect(unquote(line?.[13] ?? '')).toBe('SecPaid Zahlung 100003 Abo "Premium"; Oktober')
  })

  it('replaces characters DATEV cannot read, visibly, and reports each with its line', () => {
    const line = file.bookings.find((c) => (c[10] ?? '') === '"100002"')
    expect(unquote(line?.[13] ?? '')).toBe('SecPaid Zahlung 100002 Bestellung "Sommer" - Lódz ?')
    const reported = result.issues.filter((i) => i.kind === 'character' && i.source === '20261010-pi-K1L2M3N4O5')
    expect(reported.map((i) => (i.kind === 'character' ? [i.original, i.replacement, i.reason, i.line] : null))).toEqual([
      ['„', '"', 'transliterated', 6],
      ['“', '"', 'transliterated', 6],
      ['–', '-', 'transliterated', 6],
      ['Ł', 'L', 'transliterated', 6],
      ['ź', 'z', 'transliterated', 6],
      ['🚀', '?', 'unrepresentable', 6]
    ])
    expect(result.issues.some((i) => i.kind === 'character' && i.original === '€' && i.replacement === 'EUR')).toBe(true)
  })

  it('groups the issues for a person: one entry per replaced character with its count and first line', () => {
    const twice = exportDatevMonth({
      month: GOLDEN_MONTH,
      rows: [
        row({ kind: 'payment', payId: '1', transactionId: null, amount: 100, serviceFee: null, serviceFeePsp: null, createdAt: '2026-10-01 10:00:00', recipientNote: 'A – B – C 🚀' }),
        row({ kind: 'payment', payId: '2', transactionId: null, amount: 100, serviceFee: null, serviceFeePsp: null, createdAt: '2026-10-02 10:00:00', recipientNote: 'D – E' })
      ],
      payouts: [{ id: 'P 1', date: '2026-10-03', amountCents: 50 }],
      settings: GOLDEN_SETTINGS,
      now: GOLDEN_NOW
    })
    expect(summarizeDatevIssues(twice.issues)).toEqual([
      { kind: 'character', original: '–', replacement: '-', reason: 'transliterated', count: 3, firstLine: 3 },
      { kind: 'character', original: '🚀', replacement: '?', reason: 'unrepresentable', count: 1, firstLine: 3 },
      // Only Belegfeld 1 changes the payout id; in the text and Zusatzinformation a space is fine.
      { kind: 'belegfeld', original: 'P 1', written: 'P-1', line: 5 }
    ])
  })
})

describe('DATEV file edge rules', () => {
  const booking = (over: Partial<DatevBooking>): DatevBooking => ({
    kind: 'payout', amountCents: 100, side: 'H', konto: '1360', gegenkonto: '1200', date: '2026-10-30',
    belegfeld1: 'X1', buchungstext: 'Text', reference: null, source: 'src', ...over
  })
  const build = (bookings: DatevBooking[], settings: DatevSettings = GOLDEN_SETTINGS): ReturnType<typeof buildDatevFile> =>
    buildDatevFile({ month: GOLDEN_MONTH, bookings, settings, createdAt: GOLDEN_NOW })

  it('formats amounts without sign or grouping, with a decimal comma, and refuses what DATEV cannot take', () => {
    expect(formatUmsatz(1)).toBe('0,01')
    expect(formatUmsatz(123_456_789)).toBe('1234567,89')
    expect(formatUmsatz(999_999_999_999)).toBe('9999999999,99')
    expect(() => formatUmsatz(0)).toThrow()
    expect(() => formatUmsatz(-5)).toThrow()
    expect(() => formatUmsatz(1_000_000_000_000)).toThrow()
  })

  it('turns a document number DATEV would reject into an allowed one, cut to 36, and reports it', () => {
    const r = build([booking({ belegfeld1: 'Payout #12.345 / Ü' + 'x'.repeat(40) })])
    const cells = readDatevFile(r.bytes).bookings[0] ?? []
    expect(cells[10]).toMatch(/^(["][\w$%\-/]{0,36}["])$/)
    expect(unquote(cells[10] ?? '')).toBe('Payout--12-345-/--xxxxxxxxxxxxxxxxxx')
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'belegfeld', line: 3, original: 'Payout #12.345 / Ü' + 'x'.repeat(40) })])
  })

  it('writes no control character into a text field (a line break in a note becomes a space, reported)', () => {
    const r = build([booking({ buchungstext: 'Zeile 1\nZeile 2\tEnde' })])
    expect(unquote(readDatevFile(r.bytes).bookings[0]?.[13] ?? '')).toBe('Zeile 1 Zeile 2 Ende')
    expect(r.issues.map((i) => (i.kind === 'character' ? i.reason : i.kind))).toEqual(['control', 'control'])
  })

  it('computes WJ-Beginn from the fiscal-year start month, in the previous year when the month lies before it', () => {
    const h = (fy: number, month: string): string =>
      unquote(readDatevFile(buildDatevFile({ month, bookings: [], settings: { ...GOLDEN_SETTINGS, fiscalYearStartMonth: fy }, createdAt: GOLDEN_NOW }).bytes).header[12] ?? '')
    expect(h(1, '2026-10')).toBe('20260101')
    expect(h(7, '2026-10')).toBe('20260701')
    expect(h(7, '2027-03')).toBe('20260701')
    expect(h(10, '2026-10')).toBe('20261001')
  })

  it('stamps "Erzeugt am" in Berlin time, midnight as 00 (not 24), across the change to winter time', () => {
    const stamp = (iso: string): string =>
      readDatevFile(buildDatevFile({ month: GOLDEN_MONTH, bookings: [], settings: GOLDEN_SETTINGS, createdAt: new Date(iso) }).bytes).header[5] ?? ''
    expect(stamp('2026-10-24T22:00:00.000Z')).toBe('20261025000000000') // CEST, UTC+2
    expect(stamp('2026-10-25T01:00:00.007Z')).toBe('20261025020000007') // CET again, UTC+1
    expect(stamp('2026-12-31T23:59:59.999Z')).toBe('20270101005959999')
  })

  it('ends February on its last day, also in a leap year', () => {
    const bis = (month: string): string => readDatevFile(buildDatevFile({ month, bookings: [], settings: GOLDEN_SETTINGS, createdAt: GOLDEN_NOW }).bytes).header[15] ?? ''
    expect(bis('2027-02')).toBe('20270228')
    expect(bis('2028-02')).toBe('20280229')
    expect(bis('2026-12')).toBe('20261231')
  })

  it('locks the batch on every line when, and only when, Festschreibung is chosen', () => {
    const locked = readDatevFile(build([booking({})], { ...GOLDEN_SETTINGS, festschreibung: true }).bytes)
    expect(locked.header[20]).toBe('1')
    expect(locked.bookings[0]?.[113]).toBe('1')
  })

  it('refuses more bookings than DATEV imports from one file (99,999) instead of writing a file it would reject', () => {
    const b = booking({})
    expect(() => build(new Array<DatevBooking>(100_000).fill(b))).toThrow(DatevInputError)
  })

  it('refuses a booking outside the month (its TTMM would land in another period)', () => {
    expect(() => build([booking({ date: '2026-11-01' })])).toThrow(DatevInputError)
  })

  it('refuses accounts that are not digits of the Sachkontenlänge rather than writing them bare', () => {
    expect(() => build([booking({ gegenkonto: '12000' })])).toThrow(DatevInputError)
    expect(() => build([booking({ konto: '13;6' })])).toThrow(DatevInputError)
  })

  it('names the file EXTF_… as DATEV requires, with an optional account name made safe', () => {
    expect(datevFileName('2026-10')).toBe('EXTF_Buchungsstapel_SecPaid_2026-10.csv')
    expect(datevFileName('2026-10', 'Bäckerei Müller & Söhne')).toBe('EXTF_Buchungsstapel_SecPaid_Backerei-Muller-Sohne_2026-10.csv')
    expect(datevFileName('2026-10', '🚀')).toBe('EXTF_Buchungsstapel_SecPaid_2026-10.csv')
    expect(exportGolden().fileName).toBe('EXTF_Buchungsstapel_SecPaid_2026-10.csv')
  })

  it('an empty month is still a valid batch: header and column line only', () => {
    const r = exportDatevMonth({ month: GOLDEN_MONTH, rows: [], settings: GOLDEN_SETTINGS, now: GOLDEN_NOW })
    const f = readDatevFile(r.bytes)
    expect(f.lines).toHaveLength(2)
    expect(r.bookingCount).toBe(0)
  })

  it('with SKR04 writes chart "04" and the SKR04 accounts', () => {
    const settings = datevSettingsSchema.parse({
      ...GOLDEN_SETTINGS,
      chart: 'SKR04',
      accounts: { clearing: '1460', revenue: '4400', fees: '6855', disputes: '4700', bank: '1800' }
    })
    const r = exportDatevMonth({ month: GOLDEN_MONTH, rows: [row({ kind: 'payment', payId: '1', transactionId: null, amount: 100, serviceFee: null, serviceFeePsp: null, createdAt: '2026-10-01 00:00:00', recipientNote: '' })], settings, now: GOLDEN_NOW })
    const f = readDatevFile(r.bytes)
    expect(f.header[26]).toBe('"04"')
    expect([f.bookings[0]?.[6], f.bookings[0]?.[7]]).toEqual(['1460', '4400'])
  })
})
