/**
 * German banks' CSV exports (Sparkasse, VR-Bank, DKB, ING, Deutsche Bank layouts; synthetic data)
 * become the same exact credits and debits as camt.053, with the columns used reported; a row that
 * cannot be read fails the import with its line, never a silently missing movement.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  BankImportError,
  MAX_TEXT_LENGTH,
  decodeBankText,
  importBankStatement,
  parseBankAmount,
  parseBankCsv,
  parseBankDate
} from '../../src/main/services/bank'

const fixture = (name: string): Buffer => readFileSync(resolve(import.meta.dirname, '../fixtures/bank', name))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const brief = (m: { bookingDate: string; valueDate: string; amountCents: number; counterparty: string; reference: string }): unknown[] => [
  m.bookingDate,
  m.valueDate,
  m.amountCents,
  m.counterparty,
  m.reference
]

function expectImportError(run: () => unknown, code: string, message: RegExp): void {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(BankImportError)
  expect((caught as BankImportError).code).toBe(code)
  expect((caught as BankImportError).message).toMatch(message)
}

describe('Sparkasse CSV-CAMT (Windows-1252, quoted, DD.MM.YY, CRLF)', () => {
  const result = parseBankCsv(fixture('sparkasse-camt-v2.csv'))

  it('detects the encoding and reads umlauts correctly', () => {
    expect(result.encoding).toBe('windows-1252')
    expect(result.credits[1]?.counterparty).toBe('Gärtnerei Müller & Söhne')
  })

  it('reads credits and debits with exact cents and the end-to-end reference', () => {
    expect(result.credits.map(brief)).toEqual([
      ['2026-11-03', '2026-11-03', 123456, 'SecPaid Payments GmbH', 'Auszahlung 20261102-po-AB12'],
      ['2026-11-04', '2026-11-05', 8990, 'Gärtnerei Müller & Söhne', 'Rechnung 2026-118 Gärtnerei Müller']
    ])
    expect(result.debits.map(brief)).toEqual([
      ['2026-11-03', '2026-11-03', 8420, 'Stadtwerke Musterstadt', 'Strom November Vertrag 55-001 E2E-STROM-11'],
      ['2026-11-05', '2026-11-05', 795, '', 'Entgelte vom 01.10.2026 bis 31.10.2026']
    ])
    expect(result.credits[0]?.id).toBe('line-2')
    expect(result.credits[0]?.source).toEqual({ format: 'csv', line: 2 })
  })

  it('leaves rows marked "Umsatz vorgemerkt" in the Info column out and counts them', () => {
    expect(result.skippedPending).toBe(1)
    expect(result.credits.some((c) => c.reference.includes('po-QQ01'))).toBe(false)
  })

  it('reports the columns it used by their names in the file', () => {
    expect(result.headerLine).toBe(1)
    expect(result.columns).toMatchObject({
      bookingDate: 'Buchungstag',
      valueDate: 'Valutadatum',
      amount: 'Betrag',
      currency: 'Waehrung',
      counterparty: 'Beguenstigter/Zahlungspflichtiger',
      purpose: 'Verwendungszweck'
    })
  })
})

describe('VR-Bank (UTF-8 without BOM, "Name Zahlungsbeteiligter")', () => {
  const result = parseBankCsv(fixture('vr-bank.csv'))

  it('reads the payouts and the debit, not the balance column', () => {
    expect(result.encoding).toBe('utf-8')
    expect(result.credits.map((c) => [c.amountCents, c.counterparty, c.reference])).toEqual([
      [25000, 'SecPaid Payments GmbH', 'SECPAID AUSZAHLUNG 20261104-po-CD34'],
      [7525, 'SecPaid Payments GmbH', 'SECPAID AUSZAHLUNG 20261106-po-EF56']
    ])
    expect(result.debits.map((d) => [d.amountCents, d.counterparty])).toEqual([[4217, 'Bürobedarf Beispiel GmbH']])
    expect(result.columns.counterparty).toBe('Name Zahlungsbeteiligter')
  })
})

describe('DKB (UTF-8 BOM, account preamble, payer and payee columns, status)', () => {
  const result = parseBankCsv(fixture('dkb.csv'))

  it('skips the preamble and finds the header on line 5', () => {
    expect(result.encoding).toBe('utf-8-bom')
    expect(result.headerLine).toBe(5)
  })

  it('leaves "Vorgemerkt" rows out and counts them', () => {
    expect(result.skippedPending).toBe(1)
    expect(result.credits.some((c) => c.reference.includes('po-XY99'))).toBe(false)
  })

  it('takes the payer as the counterparty of a credit and the payee of a debit', () => {
    expect(result.credits.map((c) => [c.amountCents, c.counterparty])).toEqual([
      [199999, 'SecPaid Payments GmbH'],
      [4500, 'Max Beispielkunde'] // "45" without decimals
    ])
    expect(result.debits.map((d) => [d.amountCents, d.counterparty])).toEqual([[1999, 'Hosting Muster AG']])
  })

  it('assumes EUR when there is no currency column, and says so', () => {
    expect(result.currencyAssumed).toBe(true)
    expect(result.credits.every((c) => c.currency === 'EUR')).toBe(true)
  })
})

describe('ING (Windows-1252, long preamble, "Währung" twice)', () => {
  const result = parseBankCsv(fixture('ing.csv'))

  it('uses the currency column after the amount and never the balance', () => {
    expect(result.headerLine).toBe(15)
    expect(result.credits.map((c) => [c.bookingDate, c.amountCents])).toEqual([
      ['2026-11-17', 50000],
      ['2026-11-14', 1200]
    ])
    expect(result.debits.map((d) => d.amountCents)).toEqual([105000])
  })

  it('decodes the euro sign, which is 0x80 in Windows-1252', () => {
    expect(result.credits[1]?.reference).toBe('Danke für die schnelle Lieferung € 12')
  })
})

describe('Deutsche Bank (Soll and Haben columns, closing-balance trailer)', () => {
  const result = parseBankCsv(fixture('deutsche-bank.csv'))

  it('reads the sign from Soll/Haben and leaves the trailer out', () => {
    expect(result.headerLine).toBe(4)
    expect(result.credits.map((c) => [c.amountCents, c.counterparty, c.reference])).toEqual([
      [72040, 'SecPaid Payments GmbH', 'Auszahlung 20261118-po-LM22'],
      [101500, 'Anna Musterfrau', 'Rechnung 3301']
    ])
    expect(result.debits.map((d) => d.amountCents)).toEqual([12000])
    expect(result.skippedTrailer).toBe(1)
    expect(result.columns).toMatchObject({ debitAmount: 'Soll', creditAmount: 'Haben' })
  })
})

describe('other layouts', () => {
  it('Commerzbank: no Verwendungszweck column, the booking text is the reference', () => {
    const csv =
      '\ufeffBuchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Währung;Auftraggeberkonto;Bankleitzahl Auftraggeberkonto;IBAN Auftraggeberkonto;Kategorie\n' +
      '21.11.2026;21.11.2026;Gutschrift;SecPaid Payments GmbH Auszahlung 20261119-po-NP33 End-to-End-Ref.: nicht angegeben;88,19;EUR;;;DE89370400440532013000;Sonstiges\n'
    const result = parseBankCsv(utf8(csv))
    expect(result.credits.map((c) => [c.amountCents, c.reference])).toEqual([
      [8819, 'SecPaid Payments GmbH Auszahlung 20261119-po-NP33 End-to-End-Ref.: nicht angegeben']
    ])
    expect(result.columns.bookingText).toBe('Buchungstext')
  })

  it('ISO dates, decimal point, an S/H marker column', () => {
    const csv = 'Datum;Valuta;Empfänger;Verwendungszweck;Umsatz;S/H\n2026-11-02;2026-11-03;SecPaid;po-1;1234.50;H\n2026-11-02;2026-11-02;Shop;x;10.00;S\n'
    const result = parseBankCsv(utf8(csv))
    expect(result.decimalSeparator).toBe('.')
    expect(result.credits.map((c) => [c.bookingDate, c.valueDate, c.amountCents])).toEqual([['2026-11-02', '2026-11-03', 123450]])
    expect(result.debits.map((d) => d.amountCents)).toEqual([1000])
  })

  it('tab-separated with a multi-line quoted purpose', () => {
    const csv = 'Buchungstag\tBetrag\tVerwendungszweck\n01.11.2026\t5,00\t"Zeile eins\nZeile ""zwei"""\n02.11.2026\t6,00\tx\n'
    const result = parseBankCsv(utf8(csv))
    expect(result.delimiter).toBe('\t')
    expect(result.credits.map((c) => [c.reference, c.source])).toEqual([
      ['Zeile eins Zeile "zwei"', { format: 'csv', line: 2 }],
      ['x', { format: 'csv', line: 4 }]
    ])
  })

  it('marks a row whose booking text says Storno as a reversal', () => {
    const csv = 'Buchungstag;Buchungstext;Verwendungszweck;Betrag\n03.11.2026;STORNO LASTSCHRIFT;Ruecklastschrift;12,00\n03.11.2026;GUTSCHRIFT;x;13,00\n'
    expect(parseBankCsv(utf8(csv)).credits.map((c) => [c.amountCents, c.reversal])).toEqual([
      [1200, true],
      [1300, false]
    ])
  })

  it('is picked by content in importBankStatement', () => {
    expect(importBankStatement(fixture('dkb.csv')).format).toBe('csv')
  })
})

describe('amounts and dates', () => {
  it.each([
    ['1.234,56', ',', 123456],
    ['-1.234,56', ',', -123456],
    ['12,5', ',', 1250],
    ['+3,00', ',', 300],
    ['7,00-', ',', -700],
    ['1.000', ',', 100000],
    ['1 234,56 €', ',', 123456],
    ['0,10', ',', 10],
    ['1,234.56', '.', 123456],
    ['99.99', '.', 9999]
  ] as const)('%s (decimal %s) is %i cents', (raw, decimal, cents) => {
    expect(parseBankAmount(raw, decimal)).toBe(cents)
  })

  it.each([['1,234'], ['12,3,4'], ['1.23,00'], ['abc'], [''], ['12,'], ['1e3']])('%s is not an amount', (raw) => {
    expect(parseBankAmount(raw, ',')).toBeNull()
  })

  it.each([
    ['03.11.2026', '2026-11-03'],
    ['3.1.2026', '2026-01-03'],
    ['03.11.26', '2026-11-03'],
    ['2026-11-03', '2026-11-03'],
    ['29.02.2026', null],
    ['2026/11/03', null],
    ['11/03/2026', null]
  ])('date %s → %s', (raw, iso) => {
    expect(parseBankDate(raw)).toBe(iso)
  })

  it('decodes UTF-16 LE with BOM too', () => {
    const text = 'Buchungstag;Betrag\n01.11.2026;1,00\n'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(decodeBankText(bytes).encoding).toBe('utf-16le')
    expect(parseBankCsv(bytes).credits[0]?.amountCents).toBe(100)
  })
})

describe('properties of amounts', () => {
  /** Formats cents as a German bank would: thousands dots, decimal comma, optional sign. */
  const german = (cents: number): string => {
    const abs = Math.abs(cents)
    const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')
    return `${cents < 0 ? '-' : ''}${euros},${String(abs % 100).padStart(2, '0')}`
  }

  it('any amount a bank writes with a decimal comma reads back to the same cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(parseBankAmount(german(cents), ',')).toBe(cents)
      })
    )
  })

  it('a CSV row with any amount lands on the right side with its exact magnitude', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }).filter((c) => c !== 0), (cents) => {
        const result = parseBankCsv(utf8(`Buchungstag;Betrag\n01.11.2026;${german(cents)}\n`))
        const side = cents > 0 ? result.credits : result.debits
        expect(side.map((m) => m.amountCents)).toEqual([Math.abs(cents)])
      })
    )
  })
})

describe('text limits', () => {
  it('clips a giant reference and collapses whitespace', () => {
    const csv = `Buchungstag;Betrag;Verwendungszweck;Name\n01.11.2026;1,00;${'x'.repeat(50_000)};"  Anna\n  Beispiel "\n`
    const [c] = parseBankCsv(utf8(csv)).credits
    expect(c?.reference).toHaveLength(MAX_TEXT_LENGTH)
    expect(c?.reference.endsWith('…')).toBe(true)
    expect(c?.counterparty).toBe('Anna Beispiel')
  })
})

describe('bad input names what is wrong and where', () => {
  it('no header row', () => {
    expectImportError(() => parseBankCsv(utf8('a;b;c\n1;2;3\n')), 'csv_no_header', /No header row/)
  })

  it('an amount that is not one, with line and column', () => {
    const csv = 'Buchungstag;Betrag\n01.11.2026;1,00\n02.11.2026;zwölf\n03.11.2026;2,00\n'
    expectImportError(() => parseBankCsv(utf8(csv)), 'csv_bad_row', /Line 3: "zwölf" in column "Betrag" is not an amount/)
  })

  it('a bad date in the middle of the data (not a trailer)', () => {
    const csv = 'Buchungstag;Betrag\n01.11.2026;1,00\n31.11.2026;1,00\n03.11.2026;2,00\n'
    expectImportError(() => parseBankCsv(utf8(csv)), 'csv_bad_row', /Line 3: "31.11.2026" in column "Buchungstag" is not a date/)
  })

  it('a row with amounts in both Soll and Haben', () => {
    const csv = 'Buchungstag;Soll;Haben\n01.11.2026;1,00;2,00\n'
    expectImportError(() => parseBankCsv(utf8(csv)), 'csv_bad_row', /both "Soll" and "Haben"/)
  })

  it('an unknown Soll/Haben marker', () => {
    const csv = 'Buchungstag;Betrag;Soll/Haben\n01.11.2026;1,00;X\n'
    expectImportError(() => parseBankCsv(utf8(csv)), 'csv_bad_row', /neither S nor H/)
  })

  it('an unclosed quote', () => {
    expectImportError(() => parseBankCsv(utf8('Buchungstag;Betrag\n01.11.2026;"1,00\n')), 'csv_bad_row', /never closed/)
  })

  it('a file above the size limit', () => {
    expectImportError(() => parseBankCsv(new Uint8Array(100), { maxBytes: 99 }), 'too_large', /100 bytes; the limit is 99/)
  })

  it('more rows than the limit', () => {
    const csv = 'Buchungstag;Betrag\n' + '01.11.2026;1,00\n'.repeat(6)
    expectImportError(() => parseBankCsv(utf8(csv), { maxEntries: 5 }), 'too_many_entries', /more than 5 rows/)
  })
})
