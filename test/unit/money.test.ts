import { describe, it, expect } from 'vitest'
import {
  AmountParseError,
  formatApiAmount,
  formatMoney,
  formatMoneyPlain,
  parseApiAmount,
  parseUserAmount,
  sumCents,
  type UserAmountError
} from '../../src/shared/money'

const NBSP = '\u00A0'

function apiReason(value: unknown): string {
  try {
    parseApiAmount(value)
  } catch (e) {
    expect(e).toBeInstanceOf(AmountParseError)
    return (e as AmountParseError).reason
  }
  throw new Error(`expected ${String(value)} to be rejected`)
}

describe('parseApiAmount', () => {
  it.each([
    ['88.19', 8819],
    ['-0.10', -10],
    ['25', 2500],
    ['100.00', 10000],
    ['1.5', 150],
    ['0.01', 1],
    ['0', 0],
    ['-3', -300],
    ['007.20', 720]
  ])('parses string %j', (input, cents) => {
    expect(parseApiAmount(input)).toBe(cents)
  })

  it.each([
    [88.19, 8819],
    [0.73, 73],
    [71.53, 7153],
    [25, 2500],
    [-3, -300],
    // Classic float traps: n * 100 would give 28.999999999999996, 1.1 * 100 = 110.00000000000001.
    [0.29, 29],
    [1.1, 110],
    [-0.1, -10]
  ])('parses JSON number %j', (input, cents) => {
    expect(parseApiAmount(input)).toBe(cents)
  })

  it('never returns negative zero', () => {
    expect(Object.is(parseApiAmount('-0.00'), 0)).toBe(true)
    expect(Object.is(parseApiAmount(-0), 0)).toBe(true)
  })

  it('handles amounts up to the safe integer limit exactly', () => {
    expect(parseApiAmount('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER)
    expect(apiReason('90071992547409.92')).toBe('too_large')
  })

  it.each([
    [Number.NaN, 'not_finite'],
    [Number.POSITIVE_INFINITY, 'not_finite'],
    ['abc', 'not_a_number'],
    ['1e3', 'exponent'],
    [1e21, 'exponent'],
    [1e-7, 'exponent'],
    ['1.005', 'too_many_decimals'],
    [1.005, 'too_many_decimals'],
    ['', 'empty'],
    [null, 'missing'],
    [undefined, 'missing'],
    [true, 'wrong_type'],
    [{}, 'wrong_type'],
    ['1,50', 'not_a_number'],
    [' 1.50', 'not_a_number'],
    ['+1.50', 'not_a_number'],
    ['1.', 'not_a_number'],
    ['.5', 'not_a_number'],
    ['--1', 'not_a_number']
  ])('rejects %j with reason %s', (input, reason) => {
    expect(apiReason(input)).toBe(reason)
  })

  it('puts a short description of the value in the message', () => {
    expect(() => parseApiAmount('abc')).toThrow(/not_a_number.*"abc"/)
  })
})

describe('formatApiAmount', () => {
  it.each([
    [2500, '25.00'],
    [-10, '-0.10'],
    [123456, '1234.56'],
    [0, '0.00'],
    [1, '0.01'],
    [-123456, '-1234.56'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91']
  ])('formats %d as %s', (cents, text) => {
    expect(formatApiAmount(cents)).toBe(text)
  })

  it('rejects non-integer cents', () => {
    expect(() => formatApiAmount(1.5)).toThrow(RangeError)
    expect(() => formatApiAmount(Number.NaN)).toThrow(RangeError)
    expect(() => formatApiAmount(2 ** 53)).toThrow(RangeError)
  })

  it('round-trips with parseApiAmount', () => {
    for (const cents of [0, 1, -1, 99, -99, 100, 8819, -10, 123456789, Number.MAX_SAFE_INTEGER]) {
      expect(parseApiAmount(formatApiAmount(cents))).toBe(cents)
    }
  })
})

describe('parseUserAmount', () => {
  it.each([
    ['12,50', 1250],
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['12', 1200],
    ['12.50', 1250], // forgiving: pasted en-style decimal point
    ['12.5', 1250],
    ['1.234', 123400], // grouping, not 1,234
    ['1.234.567', 123456700],
    ['1.234.567,8', 123456780],
    ['0,01', 1],
    ['  12,50  ', 1250],
    ['12,50 €', 1250],
    ['12,50€', 1250],
    ['€ 12,50', 1250],
    ['€12', 1200],
    [`12,50${NBSP}€`, 1250],
    ['1.234,56 €', 123456]
  ])('de: %j → %d cents', (input, cents) => {
    expect(parseUserAmount(input, 'de')).toEqual({ ok: true, cents })
  })

  it.each([
    ['12.50', 1250],
    ['1,234.56', 123456],
    ['1234.56', 123456],
    ['12', 1200],
    ['12,50', 1250], // unambiguous decimal comma
    ['12,5', 1250],
    ['1,234', 123400], // 3 digits after the comma: grouping
    ['1,234,567', 123456700],
    ['€1,234.56', 123456],
    ['12.50 €', 1250]
  ])('en: %j → %d cents', (input, cents) => {
    expect(parseUserAmount(input, 'en')).toEqual({ ok: true, cents })
  })

  it.each<[string, 'de' | 'en', UserAmountError]>([
    ['', 'de', 'empty'],
    ['   ', 'en', 'empty'],
    ['€', 'de', 'empty'],
    ['abc', 'de', 'not_a_number'],
    ['abc', 'en', 'not_a_number'],
    ['12,', 'de', 'not_a_number'],
    [',50', 'de', 'not_a_number'],
    ['12.', 'en', 'not_a_number'],
    ['12 50', 'de', 'not_a_number'],
    ['€12€', 'de', 'not_a_number'],
    ['-', 'de', 'not_a_number'],
    ['1e3', 'de', 'exponent'],
    ['1e3', 'en', 'exponent'],
    ['1,5E2', 'de', 'exponent'],
    ['0,001', 'de', 'too_many_decimals'],
    ['0.001', 'en', 'too_many_decimals'],
    ['1,234', 'de', 'too_many_decimals'],
    ['0,001', 'en', 'malformed_grouping'], // grouping with a leading 0 group
    ['1.2.3,4,5', 'de', 'malformed_grouping'],
    ['1.2.3,4,5', 'en', 'malformed_grouping'],
    ['1.23,45', 'de', 'malformed_grouping'],
    ['12.345.6', 'de', 'malformed_grouping'],
    ['1234.567,00', 'de', 'malformed_grouping'],
    ['1,234.56', 'de', 'malformed_grouping'], // en format typed in de: ambiguous, rejected
    ['1.234,56', 'en', 'malformed_grouping'],
    ['1,23,456.00', 'en', 'malformed_grouping'],
    ['1,234,56', 'en', 'malformed_grouping'],
    ['-5', 'de', 'negative'],
    ['-5', 'en', 'negative'],
    ['\u22125,00', 'de', 'negative'],
    ['-€5', 'en', 'negative'],
    ['0', 'de', 'zero'],
    ['0,00', 'de', 'zero'],
    ['0.00', 'en', 'zero'],
    ['-0', 'en', 'zero'],
    ['900719925474099,92', 'de', 'too_large']
  ])('rejects %j (%s) with %s', (input, locale, reason) => {
    expect(parseUserAmount(input, locale)).toEqual({ ok: false, reason })
  })

  it('accepts the largest safe amount', () => {
    expect(parseUserAmount('90.071.992.547.409,91', 'de')).toEqual({ ok: true, cents: Number.MAX_SAFE_INTEGER })
  })

  it('parses what formatMoneyPlain and formatMoney produce', () => {
    for (const cents of [1, 99, 100, 1250, 123456, 123456789, 100000000]) {
      for (const locale of ['de', 'en'] as const) {
        expect(parseUserAmount(formatMoneyPlain(cents, locale), locale)).toEqual({ ok: true, cents })
        expect(parseUserAmount(formatMoney(cents, locale), locale)).toEqual({ ok: true, cents })
      }
    }
  })
})

describe('formatMoney', () => {
  it('formats de-DE with a no-break space before €', () => {
    expect(formatMoney(123456, 'de')).toBe(`1.234,56${NBSP}€`)
    expect(formatMoney(-10, 'de')).toBe(`-0,10${NBSP}€`)
    expect(formatMoney(0, 'de')).toBe(`0,00${NBSP}€`)
    expect(formatMoney(2500, 'de')).toBe(`25,00${NBSP}€`)
  })

  it('formats en with a leading €', () => {
    expect(formatMoney(123456, 'en')).toBe('€1,234.56')
    expect(formatMoney(-10, 'en')).toBe('-€0.10')
    expect(formatMoney(0, 'en')).toBe('€0.00')
  })

  it('is exact for amounts where cents / 100 as a float would not be', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'de')).toBe(`90.071.992.547.409,91${NBSP}€`)
    expect(formatMoney(-Number.MAX_SAFE_INTEGER, 'en')).toBe('-€90,071,992,547,409.91')
    expect(formatMoney(1e13 + 1, 'en')).toBe('€100,000,000,000.01')
    expect(formatMoney(29, 'en')).toBe('€0.29')
  })

  it('rejects non-integer cents', () => {
    expect(() => formatMoney(0.5, 'de')).toThrow(RangeError)
  })
})

describe('formatMoneyPlain', () => {
  it('formats without currency symbol', () => {
    expect(formatMoneyPlain(123456, 'de')).toBe('1.234,56')
    expect(formatMoneyPlain(123456, 'en')).toBe('1,234.56')
    expect(formatMoneyPlain(-10, 'de')).toBe('-0,10')
    expect(formatMoneyPlain(-10, 'en')).toBe('-0.10')
    expect(formatMoneyPlain(100, 'de')).toBe('1,00')
    expect(formatMoneyPlain(123456789, 'de')).toBe('1.234.567,89')
  })
})

describe('sumCents', () => {
  it('sums exactly', () => {
    expect(sumCents([8819, -10, 2500])).toBe(11309)
    expect(sumCents([])).toBe(0)
    expect(sumCents(new Set([1, 2, 3]))).toBe(6)
    // 0.1 + 0.2 in euros would be 0.30000000000000004; in cents it is exact.
    expect(sumCents([10, 20])).toBe(30)
  })

  it('throws when the sum leaves the safe integer range', () => {
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError)
    expect(() => sumCents([-Number.MAX_SAFE_INTEGER, -1])).toThrow(RangeError)
    // The running sum is checked, not only the result.
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1, -1])).toThrow(RangeError)
    expect(sumCents([Number.MAX_SAFE_INTEGER, -1, 1])).toBe(Number.MAX_SAFE_INTEGER)
  })

  it('rejects non-integer inputs', () => {
    expect(() => sumCents([1, 0.5])).toThrow(RangeError)
    expect(() => sumCents([Number.NaN])).toThrow(RangeError)
  })
})
