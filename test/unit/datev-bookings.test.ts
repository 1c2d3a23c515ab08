/**
 * Bookings follow the same signed rules by kind as the month's totals (query/totals.ts): whatever
 * sign SecPaid sends for a refund or dispute entry, the DATEV file books it in the right direction,
 * and the clearing account's movements reproduce "net", "fees" and "net − fees".
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeTotals } from '../../src/main/services/query/totals'
import {
  buildDatevBookings,
  clearingEffect,
  DATEV_DEFAULT_ACCOUNTS,
  DatevInputError,
  datevSettingsDefaults,
  datevSettingsSchema,
  exportDatevMonth,
  type DatevBooking,
  type DatevBookingRow,
  type DatevPayout
} from '../../src/main/services/export/datev'
import type { RowKind } from '../../src/shared/views'
import { readDatevFile, unquote } from '../fixtures/datev/datev-reader'
import { GOLDEN_NOW, GOLDEN_SETTINGS, row } from '../fixtures/datev/golden-month'

const accounts = DATEV_DEFAULT_ACCOUNTS.SKR03
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
/** −x without a negative zero (toBe compares with Object.is). */
const neg = (x: number): number => 0 - x

function one(kind: RowKind, amount: number, fee: number | null = null): DatevBooking[] {
  return buildDatevBookings({
    month: '2026-10',
    rows: [row({ kind, payId: '7', transactionId: 'T1', amount, serviceFee: fee, serviceFeePsp: null, createdAt: '2026-10-09 12:00:00', recipientNote: 'Note' })],
    accounts
  })
}

describe('DATEV bookings by kind', () => {
  it('books a pay-in on the clearing account in Soll against revenue in Haben', () => {
    expect(one('payment', 1_000)).toEqual([
      expect.objectContaining({ kind: 'payment', amountCents: 1_000, side: 'S', konto: '1360', gegenkonto: '8400', date: '2026-10-09', belegfeld1: '7', buchungstext: 'SecPaid Zahlung 7 Note', reference: { label: 'Transaktion', value: 'T1' } })
    ])
  })

  it('books refunds and disputes as money out and dispute refunds as money in, for either sign SecPaid sends', () => {
    for (const sign of [1, -1]) {
      expect(one('refund', sign * 500)).toEqual([expect.objectContaining({ amountCents: 500, side: 'H', gegenkonto: '8400' })])
      expect(one('dispute', sign * 500)).toEqual([expect.objectContaining({ amountCents: 500, side: 'H', gegenkonto: '8700' })])
      expect(one('dispute_refund', sign * 500)).toEqual([expect.objectContaining({ amountCents: 500, side: 'S', gegenkonto: '8700' })])
    }
  })

  it('books a fee as a cost (Haben on clearing) and a negative fee as a credit (Soll), service and PSP fee together', () => {
    const fees = (fee: number, psp: number | null): DatevBooking[] =>
      buildDatevBookings({
        month: '2026-10',
        rows: [row({ kind: 'payment', payId: '8', transactionId: null, amount: 1_000, serviceFee: fee, serviceFeePsp: psp, createdAt: '2026-10-09 12:00:00', recipientNote: '' })],
        accounts
      }).filter((b) => b.kind === 'fee')
    expect(fees(30, 20)).toEqual([expect.objectContaining({ amountCents: 50, side: 'H', gegenkonto: '4970', buchungstext: 'SecPaid Gebühr 8', reference: null })])
    expect(fees(-10, null)).toEqual([expect.objectContaining({ amountCents: 10, side: 'S', gegenkonto: '4970', buchungstext: 'SecPaid Gebührengutschrift 8' })])
    expect(fees(20, -20)).toEqual([]) // nothing to book: DATEV refuses 0,00
  })

  it('books nothing for a zero amount or a payment row with a negative amount (as the totals count it: 0)', () => {
    expect(one('payment', 0)).toEqual([])
    expect(one('payment', -300)).toEqual([])
    expect(one('refund', 0, 10)).toEqual([expect.objectContaining({ kind: 'fee' })])
  })

  it('books a payout from the clearing account to the bank (a negative payout the other way), after the day\'s rows', () => {
    const bookings = buildDatevBookings({
      month: '2026-10',
      rows: [row({ kind: 'payment', payId: '9', transactionId: null, amount: 100, serviceFee: null, serviceFeePsp: null, createdAt: '2026-10-31 23:59:59', recipientNote: '' })],
      payouts: [
        { id: 'P2', date: '2026-10-31', amountCents: 7_000 },
        { id: 'P1', date: '2026-10-02', amountCents: -300 },
        { id: 'P0', date: '2026-10-03', amountCents: 0 }
      ],
      accounts
    })
    expect(bookings.map((b) => [b.kind, b.source, b.side, b.amountCents, b.gegenkonto])).toEqual([
      ['payout', 'P1', 'S', 300, '1200'],
      ['payment', '9|2026-10-31 23:59:59', 'S', 100, '8400'],
      ['payout', 'P2', 'H', 7_000, '1200']
    ])
    expect(bookings[2]).toMatchObject({ belegfeld1: 'P2', buchungstext: 'SecPaid Auszahlung P2', reference: { label: 'Auszahlung', value: 'P2' } })
  })

  it('dates a booking with the Berlin date of created_at as SecPaid sent it (a wall-clock time)', () => {
    const b = buildDatevBookings({
      month: '2026-10',
      rows: [row({ kind: 'payment', payId: '1', transactionId: null, amount: 100, serviceFee: null, serviceFeePsp: null, createdAt: '2026-10-31 23:30:00', recipientNote: '' })],
      accounts
    })
    expect(b[0]?.date).toBe('2026-10-31')
  })

  it('refuses rows or payouts of another month instead of booking them into this one', () => {
    const other = row({ kind: 'payment', payId: '1', transactionId: null, amount: 100, serviceFee: null, serviceFeePsp: null, createdAt: '2026-11-01 00:00:00', recipientNote: '' })
    expect(() => buildDatevBookings({ month: '2026-10', rows: [other], accounts })).toThrow(DatevInputError)
    expect(() => buildDatevBookings({ month: '2026-10', rows: [], payouts: [{ id: 'P', date: '2026-09-30', amountCents: 1 }], accounts })).toThrow(DatevInputError)
    expect(() => buildDatevBookings({ month: '2026-10', rows: [], payouts: [{ id: 'P', date: '2026-10-32', amountCents: 1 }], accounts })).toThrow(DatevInputError)
  })
})

describe('DATEV: which rows are booked', () => {
  it('books only rows whose money has moved (status Success) and lists the others with their signed amount and fees', () => {
    const rows = [
      row({ kind: 'payment', payId: '1', transactionId: null, amount: 500, serviceFee: 10, serviceFeePsp: 5, createdAt: '2026-10-01 10:00:00', recipientNote: '' }),
      row({ kind: 'payment', payId: '2', transactionId: null, amount: 700, serviceFee: 20, serviceFeePsp: null, createdAt: '2026-10-01 11:00:00', recipientNote: '', status: 'Pending' }),
      row({ kind: 'refund', payId: '3', transactionId: null, amount: 300, serviceFee: null, serviceFeePsp: null, createdAt: '2026-10-01 12:00:00', recipientNote: '', status: 'SomethingNew' })
    ]
    const r = exportDatevMonth({ month: '2026-10', rows, settings: GOLDEN_SETTINGS, now: GOLDEN_NOW })
    expect(r.bookings.map((b) => b.belegfeld1)).toEqual(['1', '1'])
    expect(r.skipped).toEqual([
      { key: '2|2026-10-01 11:00:00', payId: '2', kind: 'payment', status: 'Pending', signedAmount: 700, fees: 20 },
      { key: '3|2026-10-01 12:00:00', payId: '3', kind: 'refund', status: 'SomethingNew', signedAmount: -300, fees: 0 }
    ])
  })
})

describe('DATEV settings', () => {
  const valid = { beraternummer: 1001, mandantennummer: 1, ...datevSettingsDefaults('SKR03') }

  it('defaults to the SKR03 / SKR04 accounts of docs/datev-export.md, not locked, fiscal year from January', () => {
    expect(datevSettingsSchema.parse(valid)).toEqual({ ...valid, accounts: { clearing: '1360', revenue: '8400', fees: '4970', disputes: '8700', bank: '1200' }, festschreibung: false, fiscalYearStartMonth: 1 })
    expect(datevSettingsDefaults('SKR04').accounts).toEqual({ clearing: '1460', revenue: '4400', fees: '6855', disputes: '4700', bank: '1800' })
  })

  it('takes the numbers DATEV accepts and refuses the others', () => {
    const bad = (patch: Record<string, unknown>): boolean => !datevSettingsSchema.safeParse({ ...valid, ...patch }).success
    expect(bad({ beraternummer: 1000 })).toBe(true)
    expect(bad({ beraternummer: 10_000_000 })).toBe(true)
    expect(bad({ beraternummer: 9_999_999 })).toBe(false)
    expect(bad({ mandantennummer: 0 })).toBe(true)
    expect(bad({ mandantennummer: 100_000 })).toBe(true)
    expect(bad({ sachkontenlaenge: 3 })).toBe(true)
    expect(bad({ sachkontenlaenge: 9 })).toBe(true)
    expect(bad({ fiscalYearStartMonth: 13 })).toBe(true)
    expect(bad({ diktatkuerzel: 'abc' })).toBe(true)
    expect(bad({ diktatkuerzel: 'A' })).toBe(true)
    expect(bad({ diktatkuerzel: 'MM' })).toBe(false)
    expect(bad({ chart: 'SKR49' })).toBe(true)
    expect(bad({ extra: 1 })).toBe(true)
  })

  it('insists that every account has the Sachkontenlänge and that no account equals the clearing account', () => {
    const bad = (patch: Record<string, unknown>): boolean => !datevSettingsSchema.safeParse({ ...valid, ...patch }).success
    expect(bad({ sachkontenlaenge: 5 })).toBe(true) // 4-digit defaults no longer fit
    expect(bad({ sachkontenlaenge: 5, accounts: { clearing: '13600', revenue: '84000', fees: '49700', disputes: '87000', bank: '12000' } })).toBe(false)
    expect(bad({ accounts: { ...valid.accounts, revenue: '1360' } })).toBe(true)
    expect(bad({ accounts: { ...valid.accounts, bank: '0000' } })).toBe(true)
    expect(bad({ accounts: { ...valid.accounts, fees: '49a0' } })).toBe(true)
  })
})

// ----- property: the bookings reproduce the month's totals ---------------------------------------

const kindArb = fc.constantFrom<RowKind>('payment', 'refund', 'dispute', 'dispute_refund')
const centsArb = fc.integer({ min: -5_000_000, max: 5_000_000 })
const feeArb = fc.option(fc.integer({ min: -500, max: 500 }))
const createdAtArb = fc
  .record({ day: fc.integer({ min: 1, max: 31 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }) })
  .map(({ day, h, m, s }) => `2026-10-${String(day).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`)
const noteArb = fc.string({ maxLength: 80, unit: 'binary' })

const rowsArb = fc
  .array(fc.record({ kind: kindArb, amount: centsArb, serviceFee: feeArb, serviceFeePsp: feeArb, createdAt: createdAtArb, recipientNote: noteArb, payId: fc.stringMatching(/^[1-9]\d{0,17}$/), status: fc.constantFrom('Success', 'Success', 'Success', 'Pending', 'Failed') }), { maxLength: 30 })
  .map((rs) => rs.map((r, i): DatevBookingRow => ({ ...r, key: `k${i}`, transactionId: i % 3 === 0 ? null : `20261001-pi-${String(i).padStart(10, '0')}` })))
const payoutsArb = fc.array(
  fc.record({ id: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/), date: fc.integer({ min: 1, max: 31 }).map((d) => `2026-10-${String(d).padStart(2, '0')}`), amountCents: centsArb }),
  { maxLength: 5 }
)

describe('DATEV bookings property', () => {
  it('for any month: positive amounts, balanced, and net / fees / net − fees exactly as the totals', () => {
    fc.assert(
      fc.property(rowsArb, payoutsArb, (rows: DatevBookingRow[], payouts: DatevPayout[]) => {
        const bookings = buildDatevBookings({ month: '2026-10', rows, payouts, accounts })
        const t = computeTotals(rows.map((r) => ({ view: { ...r, netAmount: null } })))
        for (const b of bookings) {
          expect(b.amountCents).toBeGreaterThan(0)
          expect(b.konto).toBe(accounts.clearing)
          expect(b.gegenkonto).not.toBe(accounts.clearing)
        }
        const effect = (kinds: string[]): number => sum(bookings.filter((b) => kinds.includes(b.kind)).map(clearingEffect))
        expect(effect(['payment', 'refund', 'dispute', 'dispute_refund'])).toBe(t.net)
        expect(neg(effect(['fee']))).toBe(t.fees)
        expect(effect(['payment', 'refund', 'dispute', 'dispute_refund', 'fee'])).toBe(t.netAfterFees)
        expect(effect(['payout'])).toBe(neg(sum(payouts.map((p) => p.amountCents))))
        const onAccount = (acct: string): number => sum(bookings.filter((b) => b.gegenkonto === acct).map(clearingEffect))
        expect(onAccount(accounts.revenue)).toBe(t.grossPayIns + t.refunds)
        expect(onAccount(accounts.disputes)).toBe(t.disputes + t.disputeReturns)
      }),
      { numRuns: 200 }
    )
  })

  it('for any month the written file reads back to the totals\' movements per account, with valid amounts and only bytes DATEV reads', () => {
    const settings = datevSettingsSchema.parse({ ...GOLDEN_SETTINGS })
    fc.assert(
      fc.property(rowsArb, payoutsArb, (rows: DatevBookingRow[], payouts: DatevPayout[]) => {
        const r = exportDatevMonth({ month: '2026-10', rows, payouts, settings, now: GOLDEN_NOW })
        const f = readDatevFile(r.bytes)
        expect(f.bookings).toHaveLength(r.bookings.length)
        // Only printable ISO-8859-1 = Windows-1252 bytes, whatever the notes contained; CR LF only at line ends.
        expect(r.bytes.every((b) => b >= 0x20 ? b < 0x7f || b >= 0xa0 : b === 0x0d || b === 0x0a)).toBe(true)
        let debits = 0
        let credits = 0
        const clearing = new Map<string, number>()
        for (const cells of f.bookings) {
          expect(cells).toHaveLength(125)
          expect(cells[0]).toMatch(/^(?!0{1,10},00)\d{1,10},\d{2}$/)
          expect(unquote(cells[13] ?? '').length).toBeLessThanOrEqual(60)
          const cents = Number((cells[0] ?? '').replace(',', ''))
          const s = unquote(cells[1] ?? '')
          if (s === 'S') debits += cents
          else credits += cents
          const gegen = cells[7] ?? ''
          clearing.set(gegen, (clearing.get(gegen) ?? 0) + (s === 'S' ? cents : -cents))
        }
        // Only rows whose money moved are booked; the others are listed, and they are the whole difference.
        const booked = rows.filter((row) => row.status === 'Success')
        expect(r.skipped.map((x) => x.key)).toEqual(rows.filter((row) => row.status !== 'Success').map((row) => row.key))
        const all = computeTotals(rows.map((row) => ({ view: { ...row, netAmount: null } })))
        const t = computeTotals(booked.map((row) => ({ view: { ...row, netAmount: null } })))
        expect(t.net + sum(r.skipped.map((x) => x.signedAmount))).toBe(all.net)
        expect(t.fees + sum(r.skipped.map((x) => x.fees))).toBe(all.fees)
        // Every line debits one account and credits another by the same amount, so the file balances
        // by construction; what it must also do is move the clearing account exactly as the totals say.
        expect(debits - credits).toBe(t.netAfterFees - sum(payouts.map((p) => p.amountCents)))
        expect(clearing.get(accounts.fees) ?? 0).toBe(neg(t.fees))
        expect((clearing.get(accounts.revenue) ?? 0) + (clearing.get(accounts.disputes) ?? 0)).toBe(t.net)
        expect(clearing.get(accounts.bank) ?? 0).toBe(neg(sum(payouts.map((p) => p.amountCents))))
      }),
      { numRuns: 60 }
    )
  })
})
