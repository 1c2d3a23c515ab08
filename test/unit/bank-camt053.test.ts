/**
 * camt.053 statements (001.02, 001.04, 001.08) become exact booked credits and debits; bad and
 * hostile files are refused with an error that says what is wrong, never a crash or a hang.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BankImportError, importBankStatement, parseCamt053 } from '../../src/main/services/bank'

const fixture = (name: string): Buffer => readFileSync(resolve(import.meta.dirname, '../fixtures/bank', name))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

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

/** A minimal valid statement around the given entries. */
const statement = (entries: string, ns = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02'): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${ns}"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>` +
  `<Stmt><Id>S1</Id>${entries}</Stmt></BkToCstmrStmt></Document>`
const entry = (amount: string, extra = ''): string =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-03</Dt></BookgDt>${extra}</Ntry>`

describe('camt.053.001.02', () => {
  const result = parseCamt053(fixture('camt053-v02.xml'))

  it('reads booked credits with exact cents, dates, payer and remittance text', () => {
    expect(result.messageVersion).toBe('001.02')
    expect(result.credits).toEqual([
      {
        id: '2026110300001',
        bookingDate: '2026-11-03',
        valueDate: '2026-11-03',
        amountCents: 123456,
        currency: 'EUR',
        counterparty: 'SecPaid Payments GmbH',
        reference: 'Auszahlung 20261102-po-AB12',
        reversal: false,
        source: { format: 'camt053', messageVersion: '001.02', statementId: 'STMT-2026-11-03', entryNumber: 1 }
      },
      expect.objectContaining({
        id: '2026110300003',
        amountCents: 31050, // "310.5": one decimal is still exact
        valueDate: '2026-11-04',
        counterparty: 'Beispiel Handel KG',
        // Several Ustrd lines are joined; entities and character references are decoded once.
        reference: 'Sammelzahlung Rechnungen 1001 und 1002 Kd.-Nr. ä7'
      })
    ])
  })

  it('keeps debits apart, with the payee as counterparty', () => {
    expect(result.debits).toEqual([
      expect.objectContaining({ id: '2026110300002', amountCents: 5990, counterparty: 'Muster & Partner Hosting', reference: 'Rechnung 4711' })
    ])
  })

  it('leaves pending entries out and counts them', () => {
    expect(result.skippedPending).toBe(1)
    expect(result.period).toEqual({ from: '2026-11-03', to: '2026-11-03' })
  })
})

describe('camt.053.001.04', () => {
  const result = parseCamt053(fixture('camt053-v04.xml'))

  it('takes the day of a DtTm booking date as written and adds the end-to-end id to the reference', () => {
    expect(result.credits).toEqual([
      expect.objectContaining({ id: 'V04-REF-1', bookingDate: '2026-11-05', amountCents: 25000, reference: 'Payout 20261104-po-CD34' })
    ])
  })

  it('marks a reversal (RvslInd) entry as such', () => {
    expect(result.debits).toEqual([expect.objectContaining({ id: 'V04-REF-2', reversal: true, reference: 'STORNO GUTSCHRIFT' })])
  })
})

describe('camt.053.001.08', () => {
  const result = parseCamt053(fixture('camt053-v08.xml'))

  it('reads prefixed elements, Sts/Cd, Dbtr/Pty/Nm and several statements', () => {
    expect(result.messageVersion).toBe('001.08')
    expect(result.credits.map((c) => [c.amountCents, c.counterparty, c.reference])).toEqual([
      [7525, 'SecPaid Payments GmbH', 'SECPAID PAYOUT 20261106-po-EF56'],
      [1200, 'Erika Beispiel', 'Gutschrift Ueberweisung'], // "12.00000": trailing zeros are exact
      [199999, 'SecPaid Payments GmbH', 'Auszahlung 20261109- po-GH78']
    ])
    expect(result.credits[2]?.source).toEqual({ format: 'camt053', messageVersion: '001.08', statementId: 'V08-STMT-B', entryNumber: 5 })
  })

  it('gives entries with a shared bank reference ids by position, unique in the import', () => {
    const ids = [...result.credits, ...result.debits].map((m) => m.id)
    expect(ids).toEqual(['V08-STMT-A#1', 'V08-STMT-A#2', 'V08-STMT-B#5'])
  })

  it('counts INFO entries as not booked and zero amounts as skipped', () => {
    expect(result.skippedPending).toBe(1)
    expect(result.skippedZero).toBe(1)
  })
})

describe('properties', () => {
  it('any amount written with up to five decimals (trailing zeros) reads back to the same cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), fc.integer({ min: 0, max: 3 }), (cents, zeros) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}${'0'.repeat(zeros)}`
        expect(parseCamt053(utf8(statement(entry(text)))).credits[0]?.amountCents).toBe(cents)
      })
    )
  })

  it('any remittance text survives XML escaping unchanged (whitespace collapsed)', () => {
    const escape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Ä', '&', '<', '>', '"', "'", ';', ' ', '#', '1', '€'), minLength: 1, maxLength: 40 }), (text) => {
        fc.pre(text.trim() !== '')
        const xml = statement(entry('1.00', `<NtryDtls><TxDtls><RmtInf><Ustrd>${escape(text)}</Ustrd></RmtInf></TxDtls></NtryDtls>`))
        expect(parseCamt053(utf8(xml)).credits[0]?.reference).toBe(text.replace(/\s+/g, ' ').trim())
      })
    )
  })
})

describe('importBankStatement picks camt.053 by content', () => {
  it('reads an XML file (with BOM and leading blank lines) as camt.053', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n\n'), fixture('camt053-v02.xml')])
    expect(importBankStatement(bytes).format).toBe('camt053')
  })
})

describe('bad input names what is wrong', () => {
  it('an empty file', () => {
    expectImportError(() => importBankStatement(utf8('  \n')), 'empty', /empty/)
  })

  it('XML that is not well-formed, with line and column', () => {
    expectImportError(() => parseCamt053(utf8('<Document><BkToCstmrStmt></Document>')), 'malformed_xml', /not well-formed.*line 1/)
  })

  it('a camt.052 report instead of a statement', () => {
    const xml = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt><Rpt/></BkToCstmrAcctRpt></Document>'
    expectImportError(() => parseCamt053(utf8(xml)), 'not_camt053', /camt\.052/)
  })

  it('some other XML', () => {
    expectImportError(() => parseCamt053(utf8('<invoice><total>3</total></invoice>')), 'not_camt053', /root element: invoice/)
  })

  it('a pain.001 namespace on a statement-shaped document', () => {
    const xml = statement(entry('1.00'), 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03')
    expectImportError(() => parseCamt053(utf8(xml)), 'not_camt053', /pain\.001/)
  })

  it('an entry without an amount currency', () => {
    const xml = statement('<Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-03</Dt></BookgDt></Ntry>')
    expectImportError(() => parseCamt053(utf8(xml)), 'invalid_entry', /Entry 1 \(statement S1\): Amt/)
  })

  it('an unknown credit/debit indicator', () => {
    const xml = statement('<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>PLUS</CdtDbtInd></Ntry>')
    expectImportError(() => parseCamt053(utf8(xml)), 'invalid_entry', /CdtDbtInd/)
  })

  it.each([['12,50'], ['-5.00'], ['1.005'], ['1e3'], ['99999999999999999999.00']])('an amount %s that is not exact cents', (amount) => {
    expectImportError(() => parseCamt053(utf8(statement(entry(amount)))), 'invalid_entry', /amount .* is not an exact amount/)
  })

  it('an entry without any valid date', () => {
    const xml = statement('<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-02-30</Dt></BookgDt></Ntry>')
    expectImportError(() => parseCamt053(utf8(xml)), 'invalid_entry', /no valid booking date/)
  })

  it('bytes that are not UTF-8', () => {
    expectImportError(() => parseCamt053(Uint8Array.from([0x3c, 0x61, 0x3e, 0xe4, 0x3c, 0x2f, 0x61, 0x3e])), 'encoding', /UTF-8/)
  })
})

describe('hostile input is refused', () => {
  it('an entity expansion bomb (billion laughs) is refused before parsing', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')
    const xml = `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY lol0 "lol">${lol}]><Document>&lol9;</Document>`
    expectImportError(() => importBankStatement(utf8(xml)), 'unsafe_xml', /DTD/)
  })

  it('an external entity (XXE) is refused', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${statement(entry('1.00', '<AddtlNtryInf>&x;</AddtlNtryInf>'))}`
    expectImportError(() => parseCamt053(utf8(xml)), 'unsafe_xml', /DTD/)
  })

  it('a file above the size limit is refused without being read', () => {
    const big = new Uint8Array(2048).fill(0x20)
    big[0] = 0x3c
    expectImportError(() => importBankStatement(big, { maxBytes: 1024 }), 'too_large', /2048 bytes; the limit is 1024/)
  })

  it('the default size limit holds for a file just above it', () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x20)
    expectImportError(() => parseCamt053(big), 'too_large', /limit/)
  })

  it('deeply nested elements are refused', () => {
    const depth = 10_000
    const xml = statement(entry('1.00', `<AddtlNtryInf>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</AddtlNtryInf>`))
    expectImportError(() => parseCamt053(utf8(xml)), 'malformed_xml', /nested/i)
  })

  it('more entries than the limit are refused', () => {
    const xml = statement(entry('1.00').repeat(5))
    expectImportError(() => parseCamt053(utf8(xml), { maxEntries: 4 }), 'too_many_entries', /more than 4 entries/)
  })

  it('an unknown entity reference stays literal text instead of expanding', () => {
    const result = parseCamt053(utf8(statement(entry('1.00', '<AddtlNtryInf>A &amp;#228; &foo; B</AddtlNtryInf>'))))
    expect(result.credits[0]?.reference).toBe('A &#228; &foo; B')
  })
})
