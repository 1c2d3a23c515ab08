/**
 * What may reach a DATEV file: only characters that read the same in ISO-8859-1 and Windows-1252;
 * everything else is replaced visibly and listed, so a bookkeeper learns what changed.
 */
import { describe, expect, it } from 'vitest'
import { encodeDatevText, isDatevSafeCodePoint, toBelegfeld, toDatevCharset } from '../../src/main/services/export/datev/datev-text'

describe('DATEV character policy', () => {
  it('keeps ASCII and Latin-1 letters (umlauts, ß, accents) unchanged, with nothing to report', () => {
    const text = 'Müller & Söhne - "Größe" é à ñ ç Ø ¿ × § ½'
    expect(toDatevCharset(text)).toEqual({ text, replacements: [] })
  })

  it('turns control characters into spaces, removes invisible ones, and reports both', () => {
    const r = toDatevCharset('a\nb\tc\u200bd\ufeffe\u0085f')
    expect(r.text).toBe('a b cde f')
    expect(r.replacements.map((x) => x.reason)).toEqual(['control', 'control', 'invisible', 'invisible', 'control'])
  })

  it('writes look-alikes for typographic characters of Windows-1252\'s upper block, so ISO-8859-1 readers see the same', () => {
    expect(toDatevCharset('„Zitat“ – ‚a‘ … 5 € ™ •').text).toBe('"Zitat" - ,a\' ... 5 EUR TM *')
    for (let cp = 0x80; cp <= 0x9f; cp++) {
      const ch = new TextDecoder('windows-1252').decode(new Uint8Array([cp]))
      const out = toDatevCharset(ch).text
      expect([...out].every((c) => isDatevSafeCodePoint(c.codePointAt(0) ?? 0)), `byte 0x${cp.toString(16)} (${ch})`).toBe(true)
    }
  })

  it('reduces letters outside Latin-1 to their base letter, and writes "?" for what has none, one per character', () => {
    const r = toDatevCharset('Łódź Ș ő 日本 🚀👍')
    expect(r.text).toBe('Lódz S o ?? ??')
    expect(r.replacements).toEqual([
      { original: 'Ł', replacement: 'L', reason: 'transliterated' },
      { original: 'ź', replacement: 'z', reason: 'transliterated' },
      { original: 'Ș', replacement: 'S', reason: 'transliterated' },
      { original: 'ő', replacement: 'o', reason: 'transliterated' },
      { original: '日', replacement: '?', reason: 'unrepresentable' },
      { original: '本', replacement: '?', reason: 'unrepresentable' },
      { original: '🚀', replacement: '?', reason: 'unrepresentable' },
      { original: '👍', replacement: '?', reason: 'unrepresentable' }
    ])
  })

  it('treats a lone surrogate as unrepresentable rather than writing a broken byte', () => {
    expect(toDatevCharset('a\ud800b').text).toBe('a?b')
  })

  it('limits Belegfeld 1 to letters, digits and $ % - / _', () => {
    expect(toBelegfeld('20261002-pi-A1B2/3$%_')).toEqual({ text: '20261002-pi-A1B2/3$%_', changed: false })
    expect(toBelegfeld('Rg 1.2,3;Ä&*+')).toEqual({ text: 'Rg-1-2-3-----', changed: true })
  })

  it('encodes one byte per character and refuses anything the policy would not have let through', () => {
    expect([...encodeDatevText('AäEUR\r\n')]).toEqual([0x41, 0xe4, 0x45, 0x55, 0x52, 0x0d, 0x0a])
    expect(() => encodeDatevText('€')).toThrow(RangeError)
    expect(() => encodeDatevText('Ł')).toThrow(RangeError)
    expect(() => encodeDatevText('\u0085')).toThrow(RangeError)
  })
})
