import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { TransactionFilter } from '../../src/shared/views'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'
import { createQueryEngine } from '../../src/main/services/query/query-engine'
import { exportTransactions, isStale } from '../../src/main/services/export/export-transactions'
import { encodeCell, neutraliseFormula } from '../../src/main/services/export/csv-cells'
import { exportFileName } from '../../src/main/services/export/export-file-name'

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF / LF inside quotes). */
function parseCsv(textIn: string, sep: string): string[][] {
  const out: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < textIn.length; i++) {
    const c = textIn[i] as string
    if (quoted) {
      if (c === '"' && textIn[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === sep) {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && textIn[i + 1] === '\n') {
      row.push(cell)
      out.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    out.push(row)
  }
  return out
}

let n = 0
function row(p: Partial<PayInTransaction> & { payId: string }): PayInTransaction {
  n++
  return {
    transactionId: `20260510-pi-${String(n).padStart(10, '0')}`,
    creatorId: null, userId: null,
    amount: 10_000, netAmount: 9_500, serviceFee: 200, serviceFeePsp: 300,
    status: 'Success', recipientNote: `Order ${p.payId}`, payoutStatus: 'Pending',
    createdAt: '2026-05-10 12:00:00',
    isSplitLink: false, isDispute: false, isRefund: false,
    paymentMethod: 'card', transactionType: 'Basic',
    ...p
  }
}

const MAY: TransactionFilter = { period: { kind: 'month', month: '2026-05' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const NOW = new Date('2026-06-01T08:00:00Z')

function fixture(filter: TransactionFilter = MAY) {
  const index = createTransactionIndex()
  index.reset([
    row({ payId: '1', amount: 123456, netAmount: 119_000, createdAt: '2026-05-02 07:05:09', recipientNote: '=SUM(A1)', isRefund: true }),
    row({ payId: '1', amount: -1250, transactionType: 'Refund', createdAt: '2026-05-04 10:00:00', netAmount: -1250, serviceFee: 0, serviceFeePsp: 0, paymentMethod: 'N/A', recipientNote: '=SUM(A1)' }),
    row({ payId: '2', amount: 5000, recipientNote: 'Kunde; "Müller"\r\nZeile 2', createdAt: '2026-05-31 23:59:59' }),
    row({ payId: '3', amount: 999, recipientNote: '+49 170 1234', serviceFee: null, paymentMethod: null }),
    row({ payId: '4', amount: 700, recipientNote: '-minus', createdAt: '2026-05-15 00:00:01' }),
    row({ payId: '5', amount: 300, recipientNote: '@cmd', transactionId: null }),
    row({ payId: '6', amount: 2000, createdAt: '2026-04-30 23:59:59' }) // other month
  ])
  const { rows, totals } = createQueryEngine({ index }).selectAll(filter)
  return { rows, totals }
}

const deAmount = (s: string): number => Math.round(Number(s.replace(',', '.')) * 100)

describe('export csv-de (Excel Deutsch)', () => {
  const { rows, totals } = fixture()
  const file = exportTransactions({ rows, totals, filter: MAY, format: 'csv-de', language: 'en', dataAsOf: '2026-06-01T06:30:00.000Z', now: NOW })

  it('has BOM, ; separator, CRLF, and a preamble then one blank line then the table', () => {
    expect(file.content.startsWith('\uFEFF')).toBe(true)
    expect(file.mimeType).toBe('text/csv;charset=utf-8')
    expect(file.content.endsWith('\r\n')).toBe(true)
    expect(/[^\r]\n/.test(file.content.replace(/"[^"]*"/g, ''))).toBe(false) // every record ends in CRLF
    const lines = parseCsv(file.content.slice(1), ';')
    const blank = lines.findIndex((l) => l.length === 1 && l[0] === '')
    const pre = Object.fromEntries(lines.slice(0, blank).map((l) => [l[0], l[1]]))
    expect(pre['Zeitraum']).toBe('2026-05 (01.05.2026 - 31.05.2026)')
    expect(pre['Stand der Daten']).toBe('01.06.2026 08:30:00 (Europe/Berlin)')
    expect(pre['Anzahl']).toBe('6')
    expect(pre['WARNUNG']).toBeUndefined()
    expect(file.stale).toBe(false)
    expect(lines[blank + 1]).toEqual(['Datum', 'Uhrzeit', 'Pay-ID', 'Transaktions-ID', 'Referenz', 'Typ', 'Status', 'Zahlungsart', 'Betrag', 'Netto', 'Gebühr SecPaid', 'Gebühr PSP', 'Erstattet', 'Auszahlung'])
    expect(file.rowCount).toBe(6)
    expect(lines.slice(blank + 2)).toHaveLength(6)
  })

  it('writes decimal comma without grouping, dd.MM.yyyy and HH:mm:ss, and sums equal the totals', () => {
    const lines = parseCsv(file.content.slice(1), ';')
    const blank = lines.findIndex((l) => l.length === 1 && l[0] === '')
    const pre = Object.fromEntries(lines.slice(0, blank).map((l) => [l[0], l[1]]))
    const table = lines.slice(blank + 2)
    const big = table.find((l) => l[2] === '1' && l[5] === 'Basic') as string[]
    expect(big.slice(0, 2)).toEqual(['02.05.2026', '07:05:09'])
    expect(big[8]).toBe('1234,56')
    expect(big[12]).toBe('12,50') // Erstattet
    const refund = table.find((l) => l[5] === 'Refund') as string[]
    expect(refund[8]).toBe('-12,50') // a number for Excel, NOT neutralised
    expect(refund[12]).toBe('')
    expect(table.find((l) => l[2] === '3')?.[10]).toBe('') // null fee → empty

    const sum = (pred: (l: string[]) => boolean): number => table.filter(pred).reduce((s, l) => s + deAmount(l[8] as string), 0)
    expect(sum((l) => l[5] !== 'Refund')).toBe(totals.grossPayIns)
    expect(deAmount(pre['Summe Zahlungen'] as string)).toBe(totals.grossPayIns)
    expect(deAmount(pre['Summe Erstattungen (Abgang)'] as string)).toBe(totals.refunds)
    expect(sum(() => true)).toBe(totals.net)
    expect(deAmount(pre['Netto (Zahlungen + Erstattungen + Rückbuchungen + zurückerhaltene)'] as string)).toBe(totals.net)
    // The rows add up to the labelled formulas: net after fees = net − fees.
    expect(deAmount(pre['Netto nach Gebühren (Netto − Gebühren)'] as string)).toBe(totals.net - totals.fees)
    expect(pre['Summe Zahlungen']).toBe('1304,55') // 1234,56 + 50 + 9,99 + 7 + 3
  })

  it('neutralises formula-like text cells and quotes separators, quotes and newlines', () => {
    const lines = parseCsv(file.content.slice(1), ';')
    const notes = lines.map((l) => l[4])
    expect(notes).toContain("'=SUM(A1)")
    expect(notes).toContain("'+49 170 1234")
    expect(notes).toContain("'-minus")
    expect(notes).toContain("'@cmd")
    expect(notes).toContain('Kunde; "Müller"\r\nZeile 2')
    expect(file.content).toContain('"Kunde; ""Müller""\r\nZeile 2"')
  })

  it('marks stale data (older than 24 h, or never synced) with a warning line', () => {
    const old = exportTransactions({ rows, totals, filter: MAY, format: 'csv-de', language: 'de', dataAsOf: '2026-05-30T07:59:59.000Z', now: NOW })
    expect(old.stale).toBe(true)
    expect(old.content).toContain('WARNUNG;Die Daten sind älter als 24 Stunden')
    const never = exportTransactions({ rows, totals, filter: MAY, format: 'csv-de', language: 'de', dataAsOf: null, now: NOW })
    expect(never.stale).toBe(true)
    expect(never.content).toContain('Stand der Daten;nie synchronisiert')
    expect(isStale('2026-05-31T08:00:00.000Z', NOW, 24)).toBe(false)
    expect(isStale('2026-05-31T07:59:59.000Z', NOW, 24)).toBe(true)
  })
})

describe('export csv (standard) and file names', () => {
  it('is RFC 4180: no BOM, comma, dot decimals, ISO timestamps, English headers', () => {
    const filter: TransactionFilter = { ...MAY, kinds: ['refund'], search: '=x' }
    const { rows, totals } = fixture({ ...MAY, kinds: ['refund'] })
    const file = exportTransactions({ rows, totals, filter, format: 'csv', language: 'en', dataAsOf: '2026-06-01T06:30:00.000Z', now: NOW })
    expect(file.content.startsWith('\uFEFF')).toBe(false)
    expect(file.fileName).toBe('secpaid-2026-05-refunds-standard.csv')
    const lines = parseCsv(file.content, ',')
    const pre = Object.fromEntries(lines.slice(0, 10).map((l) => [l[0], l[1]]))
    expect(pre['Data as of']).toBe('2026-06-01 08:30:00 (Europe/Berlin)')
    expect(pre['Filter']).toBe('refunds; search "=x"') // whole cell starts with a letter: no prefix needed
    expect(pre['Refunds (money out)']).toBe('-12.50')
    const header = lines.findIndex((l) => l[0] === 'Created (Europe/Berlin)')
    expect(lines[header]?.[7]).toBe('Amount')
    expect(lines[header + 1]?.slice(0, 2)).toEqual(['2026-05-04 10:00:00', '1'])
    expect(lines[header + 1]?.[7]).toBe('-12.50')
  })

  it('names files from the filter', () => {
    expect(exportFileName({ ...MAY, kinds: ['refund'] }, 'csv-de')).toBe('secpaid-2026-05-refunds.csv')
    expect(exportFileName(MAY, 'json')).toBe('secpaid-2026-05.json')
    expect(exportFileName({ ...MAY, period: { kind: 'range', from: '2026-05-01', to: '2026-05-20' }, kinds: ['dispute_refund', 'refund'] }, 'csv-de')).toBe(
      'secpaid-2026-05-01_2026-05-20-refunds-dispute-refunds.csv'
    )
    expect(exportFileName({ ...MAY, period: { kind: 'all' } }, 'csv')).toBe('secpaid-all-standard.csv')
  })

  it('cell encoding rules', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1")
    expect(neutraliseFormula('\tx')).toBe("'\tx")
    expect(neutraliseFormula('\rx')).toBe("'\rx")
    expect(neutraliseFormula('ok=1')).toBe('ok=1')
    expect(encodeCell({ t: 'number', v: '-12,50' }, ';')).toBe('-12,50')
    expect(encodeCell({ t: 'number', v: '-12,50' }, ',')).toBe('"-12,50"')
    expect(encodeCell({ t: 'text', v: '-12,50' }, ';')).toBe("'-12,50")
    expect(encodeCell(null, ';')).toBe('')
  })
})
