/**
 * CSV cell encoding: RFC 4180 quoting plus spreadsheet formula-injection neutralising.
 *
 * Written by hand (≈40 lines) instead of a CSV library: the two rules that matter here — which
 * cells may be neutralised (text, never our numbers) and the decimal-comma dialect — are ours
 * anyway, and one less dependency runs in the main process.
 *
 * Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @ TAB or CR is
 * read as a formula by Excel / LibreOffice. Such cells get a leading apostrophe, which
 * spreadsheets show as text. Full-width variants (and the small form variants) are included
 * because some spreadsheet versions normalise them. Amount cells are typed `number` and come
 * only from our own formatter, so a refund of -12,50 stays a number Excel can sum.
 *
 * The prefix is judged on the first *visible* character: spreadsheets and import dialogs trim
 * leading spaces (also NBSP and other Unicode spaces), and zero-width characters, a BOM, NUL or
 * other control characters in front of "=" are invisible to the reader but may be dropped on
 * import, leaving a live formula. A cell that starts with a control character (NUL, LF, TAB, CR …)
 * is neutralised as well, whatever follows it.
 */

export type Cell = { t: 'text'; v: string } | { t: 'number'; v: string } | null

export const text = (v: string | null | undefined): Cell => (v === null || v === undefined ? null : { t: 'text', v })
export const num = (v: string | null): Cell => (v === null ? null : { t: 'number', v })

/** Invisible lead-in: whitespace (incl. Unicode spaces, NBSP, BOM), controls, format chars (zero-width, bidi). */
const INVISIBLE_LEAD = /^[\s\p{Cc}\p{Cf}]*/u
const FORMULA_PREFIX = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B]/u
const CONTROL_START = /^\p{Cc}/u

/** True when a spreadsheet could read `value` as a formula (see above). */
export function looksLikeFormula(value: string): boolean {
  if (CONTROL_START.test(value)) return true
  return FORMULA_PREFIX.test(value.replace(INVISIBLE_LEAD, ''))
}

export function neutraliseFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value
}

export function encodeCell(cell: Cell, separator: string): string {
  if (cell === null) return ''
  const value = cell.t === 'text' ? neutraliseFormula(cell.v) : cell.v
  const needsQuotes = value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r')
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value
}

export function encodeLine(cells: readonly Cell[], separator: string): string {
  return cells.map((c) => encodeCell(c, separator)).join(separator)
}
