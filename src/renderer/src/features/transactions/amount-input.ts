/** Reads a filter amount in the UI language, falling back to the other one; a minus sign is allowed. */
import { parseUserAmount } from '@shared/money'
import type { Cents } from '@shared/domain'
import type { Language } from '@shared/views'

export type FilterAmount = { ok: true; cents: Cents | null } | { ok: false }

export function parseFilterAmount(text: string, lang: Language): FilterAmount {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, cents: null }
  const negative = /^[-\u2212]/.test(trimmed)
  const magnitude = negative ? trimmed.slice(1) : trimmed
  for (const locale of [lang, lang === 'de' ? 'en' : 'de'] as const) {
    const r = parseUserAmount(magnitude, locale)
    if (r.ok) return { ok: true, cents: negative ? -r.cents : r.cents }
    if (r.reason === 'zero') return { ok: true, cents: 0 }
  }
  return { ok: false }
}
