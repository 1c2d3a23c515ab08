/**
 * Formula neutralising judged on the first visible character (csv-cells.ts), checked as
 * properties with fast-check: whatever invisible lead-in (spaces, NBSP, zero-width characters,
 * BOM, NUL and other controls) stands before a formula prefix, the text cell is neutralised;
 * nothing is ever lost (dropping the added apostrophe gives the input back); cells without a
 * formula are unchanged; number cells — amounts we format ourselves — are never touched.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeCell, looksLikeFormula, neutraliseFormula, num, text } from '../../src/main/services/export/csv-cells'

const FORMULA_PREFIXES = ['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']
const INVISIBLE = [
  ' ', '\u00A0', '\u2000', '\u2007', '\u202F', '\u3000', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF',
  '\u0000', '\n', '\t', '\r', '\u000B', '\u000C', '\u001F', '\u0085', '\u200E', '\u202E'
]
const invisibleLead = fc.array(fc.constantFrom(...INVISIBLE), { minLength: 0, maxLength: 6 }).map((a) => a.join(''))
const anyText = fc.string({ unit: 'grapheme', maxLength: 40 })

describe('CSV formula neutralising', () => {
  it('neutralises a formula prefix behind any invisible lead-in', () => {
    fc.assert(
      fc.property(invisibleLead, fc.constantFrom(...FORMULA_PREFIXES), anyText, (lead, prefix, rest) => {
        const value = lead + prefix + rest
        expect(neutraliseFormula(value)).toBe(`'${value}`)
      }),
      { numRuns: 2000 }
    )
  })

  it.each([
    ['a leading NUL', '\u0000=1+1'],
    ['a leading LF', '\n=HYPERLINK("http://x")'],
    ['a lone leading NUL', '\u0000abc'],
    ['a lone leading LF', '\nabc'],
    ['spaces before =', '   =1+1'],
    ['NBSP before =', '\u00A0=1+1'],
    ['a zero-width space before =', '\u200B=1+1'],
    ['a word joiner before +', '\u2060+1'],
    ['a BOM before @', '\uFEFF@SUM(A1)'],
    ['a full-width equals sign', '\uFF1D1+1']
  ])('neutralises %s', (_label, value) => {
    expect(neutraliseFormula(value)).toBe(`'${value}`)
  })

  it('loses nothing: without the added apostrophe the value is the input', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.tuple(invisibleLead, anyText).map(([a, b]) => a + b)), (value) => {
        const out = neutraliseFormula(value)
        expect(out === value || out === `'${value}`).toBe(true)
        expect(out !== value).toBe(looksLikeFormula(value))
      }),
      { numRuns: 2000 }
    )
  })

  it('leaves text unchanged whose first visible character is not a formula prefix', () => {
    const safeStart = fc.constantFrom('a', 'Z', '0', '9', 'ä', '€', '#', '(', "'", '"', '漢', '😀')
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\u00A0', '\u200B', '\uFEFF'), { maxLength: 4 }), safeStart, anyText, (lead, first, rest) => {
        const value = lead.join('') + first + rest
        expect(neutraliseFormula(value)).toBe(value)
      }),
      { numRuns: 1000 }
    )
  })

  it('never touches number cells (our own amounts, e.g. -12,50)', () => {
    const amount = fc
      .tuple(fc.boolean(), fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }))
      .map(([neg, euros, cents]) => `${neg ? '-' : ''}${euros},${String(cents).padStart(2, '0')}`)
    fc.assert(
      fc.property(amount, (v) => {
        expect(encodeCell(num(v), ';')).toBe(v)
        expect(encodeCell(num(v.replace(',', '.')), ',')).toBe(v.replace(',', '.'))
      }),
      { numRuns: 1000 }
    )
    expect(encodeCell(num('-12,50'), ';')).toBe('-12,50')
    expect(encodeCell(text('-12,50'), ';')).toBe("'-12,50")
  })
})
