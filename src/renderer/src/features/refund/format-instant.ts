/** ISO instants (ledger times) shown as Berlin wall-clock, like the API's own timestamps. */
import { formatBerlinDateTime, instantToBerlinWallClock } from '../../../../shared/berlin-time'
import type { Language } from '../../../../shared/views'

export function formatInstant(iso: string, lang: Language): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return formatBerlinDateTime(instantToBerlinWallClock(d), lang)
}
