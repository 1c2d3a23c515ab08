/**
 * Which characters may reach a DATEV file, and what happens to the others.
 *
 * DATEV reads the file as ISO-8859-1 or Windows-1252 (its character-set page names both). We
 * write only the characters on which the two agree — printable ASCII and U+00A0–U+00FF (ä ö ü ß é
 * …) — so the file means the same under either reading and every character is one byte equal to
 * its code point. Anything else is replaced explicitly and reported, never dropped silently:
 *   control characters (line breaks, tabs) → a space (DATEV forbids them inside text fields)
 *   invisible format characters (zero-width space, BOM) → removed
 *   typographic characters of Windows-1252's 0x80–0x9F block and kin („ “ – … €) → ASCII look-alikes
 *   letters with marks outside Latin-1 (ő ș ā) → the base letter (Unicode compatibility decomposition)
 *   everything else (ł, Cyrillic, CJK, emoji) → "?"
 */

export type CharReplacementReason = 'control' | 'invisible' | 'transliterated' | 'unrepresentable'

export interface CharReplacement {
  /** The character as it was (one code point; an emoji is one entry, not two halves). */
  original: string
  /** What the file contains instead ('' when removed). */
  replacement: string
  reason: CharReplacementReason
}

/** True for a code point DATEV reads the same in ISO-8859-1 and Windows-1252, and that is printable. */
export function isDatevSafeCodePoint(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)
}

/** Look-alikes for characters no decomposition maps into Latin-1. */
const LOOKALIKE: Readonly<Record<string, string>> = {
  '\u20ac': 'EUR', // €
  '\u201a': ',', // ‚
  '\u0192': 'f', // ƒ
  '\u201e': '"', // „
  '\u2026': '...', // …
  '\u2020': '+', // †
  '\u2021': '+', // ‡
  '\u02c6': '^', // ˆ
  '\u2030': ' Promille', // ‰
  '\u2039': '<', // ‹
  '\u203a': '>', // ›
  '\u0152': 'OE', // Œ
  '\u0153': 'oe', // œ
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201b': "'", // ‛
  '\u2032': "'", // ′
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201f': '"', // ‟
  '\u2033': '"', // ″
  '\u2022': '*', // •
  '\u2010': '-', // ‐
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // ‒
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-', // ―
  '\u2212': '-', // minus sign
  '\u02dc': '~', // ˜
  '\u2122': 'TM', // ™
  '\u0131': 'i', // ı
  '\u0141': 'L', // Ł
  '\u0142': 'l', // ł
  '\u0110': 'D', // Đ
  '\u0111': 'd' // đ
}

const INVISIBLE = /^[\u200b-\u200f\u2060\ufeff]$/u

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029
}

/** Spaces of other widths (thin, narrow no-break, ideographic …) read as a plain space. */
function isOtherSpace(ch: string): boolean {
  return /^\s$/u.test(ch)
}

function replacementFor(ch: string, cp: number): { replacement: string; reason: CharReplacementReason } {
  if (isControl(cp)) return { replacement: ' ', reason: 'control' }
  if (INVISIBLE.test(ch)) return { replacement: '', reason: 'invisible' }
  const lookalike = LOOKALIKE[ch]
  if (lookalike !== undefined) return { replacement: lookalike, reason: 'transliterated' }
  if (isOtherSpace(ch)) return { replacement: ' ', reason: 'transliterated' }
  // Compatibility decomposition, marks dropped: "ő" → "o", "ﬁ" → "fi", "Ａ" → "A".
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '')
  if (base !== '' && [...base].every((c) => isDatevSafeCodePoint(c.codePointAt(0) ?? 0))) {
    return { replacement: base, reason: 'transliterated' }
  }
  return { replacement: '?', reason: 'unrepresentable' }
}

/** `text` with every character outside the DATEV-safe set replaced, and the list of replacements. */
export function toDatevCharset(text: string): { text: string; replacements: CharReplacement[] } {
  let out = ''
  const replacements: CharReplacement[] = []
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (isDatevSafeCodePoint(cp)) {
      out += ch
      continue
    }
    const r = replacementFor(ch, cp)
    out += r.replacement
    replacements.push({ original: ch, ...r })
  }
  return { text: out, replacements }
}

/**
 * Belegfeld 1 is DATEV's key for matching open items: letters, digits and `$ % - /` (and `_`)
 * only — no spaces, umlauts, dots, commas. Other characters become "-"; the caller reports it.
 * (DATEV's prose also names `& * +`; its own expression does not, so we leave them out.)
 */
export function toBelegfeld(text: string): { text: string; changed: boolean } {
  const cleaned = text.replace(/[^A-Za-z0-9_$%\-/]/g, '-')
  return { text: cleaned, changed: cleaned !== text }
}

/** Text cut to `max` characters (on code points), trailing spaces trimmed. */
export function clip(text: string, max: number): string {
  const chars = [...text]
  return (chars.length > max ? chars.slice(0, max).join('') : text).trimEnd()
}

/**
 * Encodes text that `toDatevCharset` produced: one byte per character, equal to its code point
 * (the shared range of ISO-8859-1 and Windows-1252). Throws if anything else slipped through, so a
 * bug can never turn into a silently wrong byte.
 */
export function encodeDatevText(text: string): Buffer {
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i)
    if (!isDatevSafeCodePoint(cp) && cp !== 0x0d && cp !== 0x0a) {
      throw new RangeError(`Character U+${cp.toString(16).toUpperCase().padStart(4, '0')} cannot be written to a DATEV file`)
    }
  }
  return Buffer.from(text, 'latin1')
}
