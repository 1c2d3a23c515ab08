/**
 * Payouts pair with bank credits one to one by exact amount inside the business-day window, the
 * payout id in the reference first; everything left over says why. Properties: one-to-one, input
 * order does not matter, every payout and every credit is reported exactly once, nothing eligible
 * is left unpaired.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessDays,
  businessDaysBetween,
  importBankStatement,
  matchPayoutsToBank,
  reconcileBankStatement,
  referenceNamesPayout,
  type BankCredit,
  type PayoutForMatching
} from '../../src/main/services/bank'

const payout = (id: string, createdDate: string, amountCents: number, status = 'Approved'): PayoutForMatching => ({
  id,
  createdDate,
  requestDate: null,
  amountCents,
  status
})

let line = 1
const credit = (id: string, bookingDate: string, amountCents: number, reference = '', extra: Partial<BankCredit> = {}): BankCredit => ({
  id,
  bookingDate,
  valueDate: bookingDate,
  amountCents,
  currency: 'EUR',
  counterparty: 'SecPaid Payments GmbH',
  reference,
  reversal: false,
  source: { format: 'csv', line: line++ },
  ...extra
})

describe('business days', () => {
  it('skip weekends, counting from the next weekday', () => {
    expect(addBusinessDays('2026-11-06', 1)).toBe('2026-11-09') // Fri → Mon
    expect(addBusinessDays('2026-11-06', 5)).toBe('2026-11-13') // Fri → next Fri
    expect(addBusinessDays('2026-11-07', 1)).toBe('2026-11-09') // Sat → Mon
    expect(addBusinessDays('2026-11-02', 0)).toBe('2026-11-02')
    expect(businessDaysBetween('2026-11-06', '2026-11-09')).toBe(1)
    expect(businessDaysBetween('2026-11-09', '2026-11-06')).toBe(-1)
  })
})

describe('a reference names a payout', () => {
  it.each([
    ['Auszahlung 20261102-po-AB12', '20261102-po-AB12', true],
    ['AUSZAHLUNG 20261102-PO-AB12/Nov', '20261102-po-AB12', true],
    ['Auszahlung 20261102- po-AB12', '20261102-po-AB12', true], // wrapped by the bank
    ['Auszahlung 21005', '21005', true],
    ['Payout:21005.', '21005', true],
    ['Rechnung 210055', '21005', false], // a short numeric id only as its own token
    ['Kd 1 21005 0', '210050', false],
    ['Auszahlung 20261102-po-AB123', '20261102-po-AB12', false],
    ['anything', '', false],
    ['Ref po.1+2 (Nov)', 'po.1+2', true], // regex characters in an id are literal
    ['Ref po912', 'po.1', false]
  ])('%s names %s: %s', (reference, id, expected) => {
    expect(referenceNamesPayout(reference, id)).toBe(expected)
  })

  it('any id is found as its own token and not when glued to more digits', () => {
    const idArb = fc.string({ unit: fc.constantFrom('0', '7', 'a', 'Z', '-', '.', '(', '*', '\\'), minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(idArb, (id) => {
        fc.pre(/[\p{L}\p{N}]$/u.test(id) && /^[\p{L}\p{N}]/u.test(id))
        expect(referenceNamesPayout(`Auszahlung ${id} vom 2.11.`, id)).toBe(true)
        expect(referenceNamesPayout(`Auszahlung ${id}9`, id)).toBe(false)
      })
    )
  })
})

describe('matching', () => {
  it('pairs by exact amount inside the window and reports the gap', () => {
    const result = matchPayoutsToBank([payout('20261106-po-A', '2026-11-06', 12345)], [credit('c1', '2026-11-09', 12345)])
    expect(result.matched).toEqual([
      {
        payoutId: '20261106-po-A',
        creditId: 'c1',
        amountCents: 12345,
        payoutDate: '2026-11-06',
        bookingDate: '2026-11-09',
        gapDays: 3,
        gapBusinessDays: 1,
        kind: 'amount_in_window',
        ambiguous: false,
        payoutStatus: 'Approved'
      }
    ])
    expect(result.unmatchedPayouts).toEqual([])
    expect(result.unmatchedCredits).toEqual([])
    expect(result.windowDays).toBe(5)
  })

  it('never pairs a cent off, before the payout date, or after the window', () => {
    const result = matchPayoutsToBank(
      [payout('p1', '2026-11-06', 1000)],
      [credit('off', '2026-11-09', 1001), credit('early', '2026-11-05', 1000), credit('late', '2026-11-16', 1000)]
    )
    expect(result.matched).toEqual([])
    expect(result.unmatchedPayouts[0]).toMatchObject({ cause: 'amount_outside_window', closestCredit: { creditId: 'early', gapDays: -1 } })
  })

  it('the window end is inclusive and follows windowDays', () => {
    const payouts = [payout('p1', '2026-11-06', 1000)]
    expect(matchPayoutsToBank(payouts, [credit('c', '2026-11-13', 1000)]).matched).toHaveLength(1)
    expect(matchPayoutsToBank(payouts, [credit('c', '2026-11-13', 1000)], { windowDays: 4 }).matched).toHaveLength(0)
  })

  it('prefers the credit whose reference names the payout, spaces and case ignored', () => {
    const result = matchPayoutsToBank(
      [payout('20261106-po-AB12', '2026-11-06', 5000), payout('20261106-po-CD34', '2026-11-06', 5000)],
      [credit('near', '2026-11-09', 5000, 'Sammelgutschrift'), credit('named', '2026-11-10', 5000, 'AUSZAHLUNG 20261106- PO-CD34')]
    )
    expect(result.matched.map((m) => [m.payoutId, m.creditId, m.kind, m.ambiguous])).toEqual([
      ['20261106-po-AB12', 'near', 'amount_in_window', true],
      ['20261106-po-CD34', 'named', 'reference_and_amount', true]
    ])
  })

  it('on a tie takes the smallest date gap, then the earliest', () => {
    const result = matchPayoutsToBank(
      [payout('p-early', '2026-11-02', 700), payout('p-late', '2026-11-04', 700)],
      [credit('c-wed', '2026-11-04', 700), credit('c-thu', '2026-11-05', 700)]
    )
    // p-late/c-wed has gap 0 and goes first; p-early then takes c-thu (gap 3).
    expect(result.matched.map((m) => [m.payoutId, m.creditId, m.gapDays])).toEqual([
      ['p-early', 'c-thu', 3],
      ['p-late', 'c-wed', 0]
    ])
  })

  it('uses the request date when there is no created date', () => {
    const p = { id: 'p', createdDate: '', requestDate: '2026-11-02', amountCents: 1, status: 'Approved' }
    expect(matchPayoutsToBank([p], [credit('c', '2026-11-03', 1)]).matched[0]?.payoutDate).toBe('2026-11-02')
  })

  it('never pairs a reversal or a foreign-currency credit', () => {
    const result = matchPayoutsToBank(
      [payout('p', '2026-11-02', 900)],
      [credit('storno', '2026-11-03', 900, '', { reversal: true }), credit('chf', '2026-11-03', 900, '', { currency: 'CHF' })]
    )
    expect(result.matched).toEqual([])
    expect(result.unmatchedCredits.map((c) => [c.creditId, c.cause])).toEqual([
      ['chf', 'other_currency'],
      ['storno', 'reversal']
    ])
  })

  it('refuses duplicate ids and payouts without a date instead of guessing', () => {
    expect(() => matchPayoutsToBank([payout('p', '2026-11-02', 1), payout('p', '2026-11-03', 1)], [])).toThrow(/duplicate payout id "p"/)
    expect(() => matchPayoutsToBank([], [credit('c', '2026-11-02', 1), credit('c', '2026-11-03', 1)])).toThrow(/duplicate credit id "c"/)
    expect(() => matchPayoutsToBank([payout('p', 'Nov 2', 1)], [])).toThrow(/no YYYY-MM-DD date/)
  })
})

describe('why a payout is unmatched', () => {
  const statementPeriod = { from: '2026-11-01', to: '2026-11-30' }
  const causeOf = (p: PayoutForMatching, credits: BankCredit[]): string | undefined =>
    matchPayoutsToBank([p], credits, { statementPeriod }).unmatchedPayouts[0]?.cause

  it('pending: SecPaid still has it InProgress', () => {
    expect(causeOf(payout('p', '2026-11-10', 100, 'InProgress'), [])).toBe('pending')
  })

  it('window beyond the statement: the credit may be on the next one', () => {
    expect(causeOf(payout('p', '2026-11-27', 100), [])).toBe('window_beyond_statement')
  })

  it('outside the statement altogether', () => {
    expect(causeOf(payout('p', '2026-10-10', 100), [])).toBe('outside_statement')
    expect(causeOf(payout('p', '2026-12-01', 100), [])).toBe('outside_statement')
  })

  it('no credit of that amount', () => {
    expect(causeOf(payout('p', '2026-11-10', 100), [credit('c', '2026-11-10', 101)])).toBe('no_credit_of_amount')
  })

  it('the only credit of that amount went to another payout', () => {
    const result = matchPayoutsToBank(
      [payout('p1', '2026-11-10', 100), payout('p2', '2026-11-10', 100)],
      [credit('c', '2026-11-11', 100, 'po p2')],
      { statementPeriod }
    )
    expect(result.matched.map((m) => m.payoutId)).toEqual(['p2'])
    expect(result.unmatchedPayouts).toEqual([
      {
        payoutId: 'p1',
        payoutDate: '2026-11-10',
        amountCents: 100,
        payoutStatus: 'Approved',
        cause: 'credit_taken_by_other_payout',
        closestCredit: { creditId: 'c', bookingDate: '2026-11-11', gapDays: 1 }
      }
    ])
  })
})

describe('why a credit is unmatched', () => {
  it('names the payout its reference mentions when the amount differs', () => {
    const result = matchPayoutsToBank([payout('20261102-po-X1', '2026-11-02', 10000)], [credit('c', '2026-11-03', 9950, 'Auszahlung 20261102-po-X1')])
    expect(result.unmatchedCredits[0]).toMatchObject({
      cause: 'reference_names_payout_amount_differs',
      closestPayout: { payoutId: '20261102-po-X1', amountCents: 10000, gapDays: 1 }
    })
  })

  it('points at a same-amount payout outside the window, or says there is none', () => {
    const result = matchPayoutsToBank(
      [payout('p', '2026-11-02', 500)],
      [credit('late', '2026-11-20', 500), credit('other', '2026-11-20', 77, 'Rechnung 1')]
    )
    expect(result.unmatchedCredits.map((c) => [c.creditId, c.cause, c.closestPayout?.payoutId ?? null])).toEqual([
      ['late', 'same_amount_payout_not_in_window', 'p'],
      ['other', 'no_payout', null]
    ])
  })
})

describe('a month end to end from a file', () => {
  it('reconciles the DKB export against payouts, using the statement period', () => {
    const statement = importBankStatement(readFileSync(resolve(import.meta.dirname, '../fixtures/bank/dkb.csv')))
    const result = reconcileBankStatement(statement, [
      payout('20261110-po-GH78', '2026-11-11', 199999),
      payout('20261112-po-ZZ00', '2026-11-12', 4200, 'InProgress')
    ])
    expect(result.statementPeriod).toEqual({ from: '2026-11-10', to: '2026-11-13' })
    expect(result.matched.map((m) => [m.payoutId, m.kind, m.gapBusinessDays])).toEqual([['20261110-po-GH78', 'reference_and_amount', 2]])
    expect(result.unmatchedPayouts.map((p) => [p.payoutId, p.cause])).toEqual([['20261112-po-ZZ00', 'pending']])
    expect(result.unmatchedCredits.map((c) => [c.amountCents, c.cause])).toEqual([[4500, 'no_payout']])
  })
})

// ---- properties ----

const dayArb = fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.UTC(2026, 10, 2 + d)).toISOString().slice(0, 10))
const amountArb = fc.constantFrom(100, 250, 999, 1000) // few amounts: many collisions to resolve

const scenarioArb = fc
  .record({
    payouts: fc.array(fc.record({ date: dayArb, amount: amountArb, approved: fc.boolean(), named: fc.boolean() }), { maxLength: 12 }),
    credits: fc.array(fc.record({ date: dayArb, amount: amountArb, refTo: fc.nat(15), reversal: fc.boolean() }), { maxLength: 12 }),
    windowDays: fc.integer({ min: 0, max: 6 })
  })
  .map(({ payouts, credits, windowDays }) => ({
    windowDays,
    payouts: payouts.map((p, i) => payout(`2026-po-${i}`, p.date, p.amount, p.approved ? 'Approved' : 'InProgress')),
    credits: credits.map((c, i) =>
      credit(`c${i}`, c.date, c.amount, c.refTo < payouts.length && payouts[c.refTo]?.named ? `Auszahlung 2026-po-${c.refTo}` : 'x', {
        reversal: c.reversal && i % 3 === 0
      })
    )
  }))

describe('properties', () => {
  it('one-to-one: no payout and no credit is used twice, and every pair is eligible', () => {
    fc.assert(
      fc.property(scenarioArb, ({ payouts, credits, windowDays }) => {
        const { matched } = matchPayoutsToBank(payouts, credits, { windowDays })
        expect(new Set(matched.map((m) => m.payoutId)).size).toBe(matched.length)
        expect(new Set(matched.map((m) => m.creditId)).size).toBe(matched.length)
        for (const m of matched) {
          const p = payouts.find((x) => x.id === m.payoutId)!
          const c = credits.find((x) => x.id === m.creditId)!
          expect(c.amountCents).toBe(p.amountCents)
          expect(c.reversal).toBe(false)
          expect(c.bookingDate >= p.createdDate && c.bookingDate <= addBusinessDays(p.createdDate, windowDays)).toBe(true)
        }
      })
    )
  })

  it('every payout and every credit is reported exactly once', () => {
    fc.assert(
      fc.property(scenarioArb, ({ payouts, credits, windowDays }) => {
        const r = matchPayoutsToBank(payouts, credits, { windowDays })
        const payoutIds = [...r.matched.map((m) => m.payoutId), ...r.unmatchedPayouts.map((u) => u.payoutId)].sort()
        const creditIds = [...r.matched.map((m) => m.creditId), ...r.unmatchedCredits.map((u) => u.creditId)].sort()
        expect(payoutIds).toEqual(payouts.map((p) => p.id).sort())
        expect(creditIds).toEqual(credits.map((c) => c.id).sort())
      })
    )
  })

  it('the order of the input does not change the result', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) =>
          fc.record({ s: fc.constant(s), payoutOrder: fc.shuffledSubarray(s.payouts, { minLength: s.payouts.length }), creditOrder: fc.shuffledSubarray(s.credits, { minLength: s.credits.length }) })
        ),
        ({ s, payoutOrder, creditOrder }) => {
          expect(matchPayoutsToBank(payoutOrder, creditOrder, { windowDays: s.windowDays })).toEqual(
            matchPayoutsToBank(s.payouts, s.credits, { windowDays: s.windowDays })
          )
        }
      )
    )
  })

  it('nothing eligible is left over: no unmatched payout has an eligible unmatched credit', () => {
    fc.assert(
      fc.property(scenarioArb, ({ payouts, credits, windowDays }) => {
        const r = matchPayoutsToBank(payouts, credits, { windowDays })
        const freeCredits = credits.filter((c) => r.unmatchedCredits.some((u) => u.creditId === c.id))
        for (const u of r.unmatchedPayouts) {
          const end = addBusinessDays(u.payoutDate, windowDays)
          const eligible = freeCredits.filter((c) => !c.reversal && c.amountCents === u.amountCents && c.bookingDate >= u.payoutDate && c.bookingDate <= end)
          expect(eligible).toEqual([])
        }
      })
    )
  })

  it('a reference naming the payout wins over a closer unnamed credit', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 3 }), (date, lag) => {
        const p = payout('2026-po-7', date, 500)
        const named = credit('named', addBusinessDays(date, lag), 500, 'AUSZAHLUNG 2026-PO-7')
        const near = credit('near', date, 500, 'x')
        expect(matchPayoutsToBank([p], [near, named]).matched[0]?.creditId).toBe('named')
      })
    )
  })
})
