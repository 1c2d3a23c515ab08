/**
 * What the free-text search compares: normalised haystacks per row and normalised needles.
 *
 * Normalisation (the same on both sides, so "is a substring of" keeps its meaning):
 * - case-insensitive (lowercase);
 * - diacritics folded, in two ways, and a match in either counts:
 *   "transliterated" (German: ä→ae, ö→oe, ü→ue, ß→ss, other marks dropped) and
 *   "stripped" (every combining mark dropped, ß→ss).
 *   So "müller", "mueller" and "muller" all find "Müller"; "müller" and "mueller" find
 *   "Mueller"; "zurich" finds "Zürich"; "josé" finds "Jose".
 *
 * A row's haystack holds its searchable fields (recipient_note, transaction_id, pay_id,
 * payment_method) joined by NUL, so a needle never matches across two fields. Rows whose text is
 * pure ASCII (nearly all: ids, methods, most notes) have one form; other rows carry both forms,
 * again NUL-separated. The needle loses any NUL for the same reason.
 *
 * Both foldings map each needle character independently, so a needle that contains a previous
 * needle (typing "abc" after "ab") can only match a subset of its rows: `narrows()` is what
 * lets the engine filter the previous result instead of every row.
 */
const NON_ASCII = /[\u0080-\uffff]/
const MARKS = /\p{M}/gu
const GERMAN = /[äöüß]/g
const GERMAN_MAP: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' }

export function hasNonAscii(s: string): boolean {
  return NON_ASCII.test(s)
}

function stripMarks(s: string): string {
  return s.normalize('NFD').replace(MARKS, '')
}

/** The folded forms of already lowercased text: one when both foldings agree, else two. */
function foldedForms(lower: string): string[] {
  if (!NON_ASCII.test(lower)) return [lower]
  const composed = lower.normalize('NFC')
  const transliterated = stripMarks(composed.replace(GERMAN, (c) => GERMAN_MAP[c] ?? c))
  const stripped = stripMarks(composed).replace(/ß/g, 'ss')
  return transliterated === stripped ? [transliterated] : [transliterated, stripped]
}

/** Normalised haystack of one text (exported for tests and the naive reference). */
export function foldText(text: string): string[] {
  return foldedForms(text.toLowerCase())
}

/**
 * The haystack of a row's fields (already joined by NUL and lowercased): one form, or both
 * forms NUL-separated. Pure ASCII, the common case, costs one regex test.
 */
export function haystackFromLower(joined: string): string {
  return NON_ASCII.test(joined) ? foldedForms(joined).join('\u0000') : joined
}

/** A normalised search needle: one or two folded forms (see the module comment). */
export interface Needle {
  readonly forms: readonly string[]
}

/** The needle of a search text, or null when it is empty (after trimming). */
export function needleOf(search: string): Needle | null {
  const text = search.trim().split('\u0000').join('')
  if (text === '') return null
  return { forms: foldText(text) }
}

/** Whether a haystack contains a form of the needle (the reference the index must agree with). */
export function hayMatches(hay: string, needle: Needle): boolean {
  return needle.forms.some((f) => hay.includes(f))
}

/**
 * True when every row matching `next` also matches `prev`: each form of `prev` is contained in
 * the corresponding form of `next` (a hay containing next's form contains prev's).
 */
export function narrows(prev: Needle, next: Needle): boolean {
  const p0 = prev.forms[0] as string
  const p1 = prev.forms[1] ?? p0
  const n0 = next.forms[0] as string
  const n1 = next.forms[1] ?? n0
  return n0.includes(p0) && n1.includes(p1)
}

export function sameNeedle(a: Needle | null, b: Needle | null): boolean {
  if (a === null || b === null) return a === b
  return a.forms.length === b.forms.length && a.forms.every((f, i) => f === b.forms[i])
}
