/**
 * Money helpers: amounts are integer euro cents (`Cents`, docs/architecture.md#money-is-exact).
 *
 * Pure TypeScript (no Node, DOM or Electron) so main, preload and renderer share it.
 * Parsing never goes through floating point: we validate the decimal string and read its digits.
 * A digit string converted with `Number()` is exact as long as the result is a safe integer
 * (anything above 2^53 - 1 rounds to >= 2^53, which `Number.isSafeInteger` rejects).
 */
import type { Cents } from './domain'

export type MoneyLocale = 'de' | 'en'

/** Thrown by `parseApiAmount` when the server sends something that is not a 2-decimal amount. */
export class AmountParseError extends Error {
  readonly reason: string
  constructor(reason: string, value: unknown) {
    super(`Invalid amount (${reason}): ${describeValue(value)}`)
    this.name = 'AmountParseError'
    this.reason = reason
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value)
  return typeof value
}

/**
 * `-?digits(.d{1,2})?` — the only shape we accept from the API ("88.19", "-0.10", 25:
 * docs/secpaid-api.md#data-types).
 */
const API_AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/

/** Joins integer and fraction digits into cents; null if the result is not a safe integer. */
function digitsToCents(intDigits: string, fracDigits: string): number | null {
  const cents = Number(intDigits + fracDigits.padEnd(2, '0'))
  return Number.isSafeInteger(cents) ? cents : null
}

/**
 * Parses an amount from the SecPaid API. Amounts are mostly strings with two decimals, but some
 * fields are JSON numbers (`service_fee`/`net_amount` in getPayOutTransactions, `createLink`'s
 * `amount`: docs/secpaid-api.md#data-types). A number is read through its shortest round-trip decimal string
 * (`String(0.73)` is "0.73"), never via `n * 100`, which is inexact (0.29 * 100 = 28.999…).
 * Negative amounts (refund entries, negative fees) are valid.
 */
export function parseApiAmount(value: unknown): Cents {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AmountParseError('not_finite', value)
    text = String(value) // shortest decimal; "1e+21" / "1e-7" fall through to 'exponent'
  } else if (typeof value === 'string') {
    text = value
  } else {
    throw new AmountParseError(value == null ? 'missing' : 'wrong_type', value)
  }
  if (text === '') throw new AmountParseError('empty', value)
  if (/[eE]/.test(text)) throw new AmountParseError('exponent', value)
  if (/^-?\d+\.\d{3,}$/.test(text)) throw new AmountParseError('too_many_decimals', value)
  const m = API_AMOUNT.exec(text)
  if (!m) throw new AmountParseError('not_a_number', value)
  const cents = digitsToCents(m[2] ?? '', m[3] ?? '')
  if (cents === null) throw new AmountParseError('too_large', value)
  // "-0.00" must give 0, not negative zero.
  return m[1] === '-' && cents !== 0 ? -cents : cents
}

function assertCents(cents: Cents): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Not an integer number of cents: ${String(cents)}`)
}

/** Splits |cents| into euro digits and a 2-digit fraction, exactly (integer ops only). */
function splitCents(cents: Cents): { negative: boolean; euros: string; fraction: string } {
  assertCents(cents)
  const abs = Math.abs(cents)
  const rem = abs % 100
  // (abs - rem) is a multiple of 100, so the division is exact for safe integers.
  const euros = (abs - rem) / 100
  return { negative: cents < 0, euros: String(euros), fraction: String(rem).padStart(2, '0') }
}

/**
 * Formats cents the way the API expects amounts in requests (refundPayment `refund_amount`,
 * docs/secpaid-api.md#refundpayment): plain decimal, `.` separator, exactly two decimals, no
 * grouping. 2500 → "25.00", -10 → "-0.10".
 */
export function formatApiAmount(cents: Cents): string {
  const { negative, euros, fraction } = splitCents(cents)
  return `${negative ? '-' : ''}${euros}.${fraction}`
}

/**
 * Why a user-typed amount was rejected. Callers map these to i18n messages.
 * - `empty`: nothing but whitespace / "€".
 * - `not_a_number`: characters other than digits and the locale's separators, or a dangling
 *   separator ("12,", ",50").
 * - `exponent`: scientific notation like "1e3".
 * - `too_many_decimals`: more than 2 digits after the decimal separator ("0,001").
 * - `malformed_grouping`: thousands separators not in groups of 3, a group separator after the
 *   decimal separator, or more than one decimal separator ("1.2.3,4,5").
 * - `negative`: a leading minus sign (refund amounts are entered positive).
 * - `zero`: the amount is 0 (refunds must be > 0; callers that allow zero may accept this one).
 * - `too_large`: more cents than a safe integer can hold.
 */
export type UserAmountError =
  | 'empty'
  | 'not_a_number'
  | 'exponent'
  | 'too_many_decimals'
  | 'malformed_grouping'
  | 'negative'
  | 'zero'
  | 'too_large'

export type UserAmountResult = { ok: true; cents: Cents } | { ok: false; reason: UserAmountError }

const fail = (reason: UserAmountError): UserAmountResult => ({ ok: false, reason })

/** True when `intPart` is plain digits or correctly grouped with `sep` (e.g. "1.234.567"). */
function readIntegerPart(intPart: string, sep: '.' | ','): string | null {
  if (/^\d+$/.test(intPart)) return intPart
  const grouped = sep === '.' ? /^[1-9]\d{0,2}(?:\.\d{3})+$/ : /^[1-9]\d{0,2}(?:,\d{3})+$/
  return grouped.test(intPart) ? intPart.split(sep).join('') : null
}

/** Parses a non-negative magnitude (no sign) in the given locale. */
function parseMagnitude(text: string, locale: MoneyLocale): UserAmountResult {
  if (/^[\d.,]*\d[eE][+-]?\d+$/.test(text)) return fail('exponent')
  if (!/^[\d.,]+$/.test(text)) return fail('not_a_number')
  const decimalSep = locale === 'de' ? ',' : '.'
  const groupSep = locale === 'de' ? '.' : ','

  let intPart: string
  let fracPart = ''
  const decimalCount = text.split(decimalSep).length - 1
  if (decimalCount > 1) return fail('malformed_grouping')
  if (decimalCount === 1) {
    const at = text.indexOf(decimalSep)
    intPart = text.slice(0, at)
    fracPart = text.slice(at + 1)
    if (fracPart.includes(groupSep)) return fail('malformed_grouping')
  } else {
    // Forgiving mode: no locale decimal separator, but exactly one "other" separator followed by
    // 1–2 digits is read as a decimal point — de users paste "12.50", en users type "12,50".
    // With 3 digits ("1.234" in de, "1,234" in en) it is a thousands separator.
    const alt = /^(\d+)[.,](\d{1,2})$/.exec(text)
    if (alt && text.includes(groupSep)) {
      intPart = alt[1] ?? ''
      fracPart = alt[2] ?? ''
    } else {
      intPart = text
    }
  }
  if (intPart === '' || (decimalCount === 1 && fracPart === '')) return fail('not_a_number')
  if (!/^\d*$/.test(fracPart)) return fail('not_a_number')
  const intDigits = readIntegerPart(intPart, groupSep)
  if (intDigits === null) return fail('malformed_grouping')
  if (fracPart.length > 2) return fail('too_many_decimals')
  const cents = digitsToCents(intDigits, fracPart)
  if (cents === null) return fail('too_large')
  return { ok: true, cents }
}

/**
 * Parses an amount typed or pasted by the user (refund dialog, filters).
 *
 * Accepted: surrounding whitespace and one leading or trailing "€"; de "12,50", "1.234,56",
 * "1234,56", "12", "12.50" (see forgiving mode above), "1.234" = 1234,00; en "12.50", "1,234.56",
 * "1234.56", "12,50" (unambiguous decimal comma), "1,234" = 1234.00. At most 2 decimals.
 * Rejected with a `UserAmountError`: see that type. Zero yields `zero`, a minus sign `negative`.
 */
export function parseUserAmount(input: string, locale: MoneyLocale): UserAmountResult {
  let text = input.trim()
  if (text.startsWith('€')) text = text.slice(1).trim()
  else if (text.endsWith('€')) text = text.slice(0, -1).trim()
  if (text === '') return fail('empty')

  // U+2212 is the typographic minus that formatted numbers sometimes carry when copied.
  const negative = text.startsWith('-') || text.startsWith('\u2212')
  if (negative) text = text.slice(1).trim()
  if (negative && text.startsWith('€')) text = text.slice(1).trim()
  if (text === '') return fail('not_a_number')

  const result = parseMagnitude(text, locale)
  if (!result.ok) return result
  if (result.cents === 0) return fail('zero')
  if (negative) return fail('negative')
  return result
}

/** BCP 47 tags for our two UI locales. en-GB: "€1,234.56", day-month-year dates. */
const INTL_LOCALE: Record<MoneyLocale, string> = { de: 'de-DE', en: 'en-GB' }

const currencyFormats = new Map<MoneyLocale, Intl.NumberFormat>()
const plainFormats = new Map<MoneyLocale, Intl.NumberFormat>()

function currencyFormat(locale: MoneyLocale): Intl.NumberFormat {
  let f = currencyFormats.get(locale)
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency: 'EUR' })
    currencyFormats.set(locale, f)
  }
  return f
}

function plainFormat(locale: MoneyLocale): Intl.NumberFormat {
  let f = plainFormats.get(locale)
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      useGrouping: true
    })
    plainFormats.set(locale, f)
  }
  return f
}

/**
 * The exact decimal string for Intl. Intl.NumberFormat (ES2023, "NumberFormat v3") formats a
 * numeric string as an exact decimal, so no `cents / 100` float is ever involved and even
 * 9007199254740991 cents prints exactly.
 */
function exactDecimal(cents: Cents): `${number}` {
  return formatApiAmount(cents) as `${number}`
}

/**
 * Display format with currency: de "1.234,56 €", "-0,10 €"; en "€1,234.56", "-€0.10".
 * de-DE output contains a NO-BREAK SPACE (U+00A0) before "€"; it is kept on purpose so the
 * amount never wraps. Use `formatMoneyPlain` for CSV.
 */
export function formatMoney(cents: Cents, locale: MoneyLocale): string {
  return currencyFormat(locale).format(exactDecimal(cents))
}

/** Number only, grouped, 2 decimals, no currency: de "1.234,56", en "1,234.56" (CSV export). */
export function formatMoneyPlain(cents: Cents, locale: MoneyLocale): string {
  return plainFormat(locale).format(exactDecimal(cents))
}

/** Exact sum; throws RangeError if an input or the running sum is not a safe integer. */
export function sumCents(values: Iterable<Cents>): Cents {
  let sum = 0
  for (const v of values) {
    assertCents(v)
    sum += v
    if (!Number.isSafeInteger(sum)) throw new RangeError('Sum of cents exceeds the safe integer range')
  }
  return sum
}
