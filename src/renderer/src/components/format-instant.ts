/** Ledger and sync times are ISO-8601 instants (unlike SecPaid's Berlin wall-clock strings). */
import { formatBerlinDateTime, instantToBerlinWallClock } from '@shared/berlin-time'
import type { Language } from '@shared/views'

/** Shown as Berlin time like every other time in the app; unparsable input is shown as-is. */
export function formatInstant(iso: string, lang: Language): string {
  const d = new Date(iso)
  if (!Number.isFinite(d.getTime())) return iso
  return formatBerlinDateTime(instantToBerlinWallClock(d), lang)
}
