import type { Language } from '@shared/views'

// One formatter per language: building an Intl.NumberFormat costs about a millisecond, and the
// totals bar and the sync status render on every keystroke and every sync progress event.
const formats = new Map<Language, Intl.NumberFormat>()

/** A count of rows, entries or requests, grouped the way the UI language writes numbers ("12.345" / "12,345"). */
export function formatCount(n: number, lang: Language): string {
  let f = formats.get(lang)
  if (f === undefined) formats.set(lang, (f = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB')))
  return f.format(n)
}
