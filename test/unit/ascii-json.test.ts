/**
 * The cache writes JSON as pure ASCII (every other character as a `\uXXXX` escape) so a month file
 * decodes as a one-byte string. Whatever the text — ASCII only (the fast path hands it back
 * as it is), Latin-1, characters beyond the BMP or lone surrogate halves — the result must be ASCII
 * and parse to the very same value.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asciiJson, asciiJsonBytes, stringifyAscii } from '../../src/main/services/storage/ascii-json'

const isAsciiText = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) < 0x80)

describe('asciiJson', () => {
  it('any string value comes out as ASCII JSON that parses back to it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (wide, plain) => {
        for (const value of [wide, plain, { note: wide + plain, n: 1 }, [plain, wide]]) {
          const out = stringifyAscii(value)
          expect(isAsciiText(out)).toBe(true)
          expect(JSON.parse(out)).toEqual(value)
        }
      })
    )
  })

  it('gives the bytes of that ASCII text, the same in UTF-8, however often a character was escaped before', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (wide) => {
        const json = JSON.stringify({ note: wide, again: wide })
        const bytes = asciiJsonBytes(json)
        expect(bytes.equals(Buffer.from(asciiJson(json), 'utf8'))).toBe(true)
        expect(JSON.parse(bytes.toString('latin1'))).toEqual({ note: wide, again: wide })
      })
    )
    // Escapes are remembered per character: the second "–" and "ü" get theirs from memory.
    expect(asciiJsonBytes('"ü – ü – €"').toString('latin1')).toBe('"\\u00fc \\u2013 \\u00fc \\u2013 \\u20ac"')
  })

  it('hands ASCII JSON back unchanged and escapes each non-ASCII code unit, lone surrogates included', () => {
    const plain = JSON.stringify({ note: 'Bestellung 4711 "eilig" \\ ok', amount: -1250 })
    expect(asciiJson(plain)).toBe(plain)
    expect(asciiJson(JSON.stringify('é – €'))).toBe('"\\u00e9 \\u2013 \\u20ac"')
    expect(asciiJson('"\ud83d\ude00"')).toBe('"\\ud83d\\ude00"')
    expect(asciiJson('"a\ud800b"')).toBe('"a\\ud800b"')
  })
})
