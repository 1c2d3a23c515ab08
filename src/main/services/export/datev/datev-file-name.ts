/**
 * DATEV only imports files whose name starts with "EXTF_" and ends in ".csv":
 * `EXTF_Buchungsstapel_SecPaid_2026-10.csv`, with the merchant account when a desk serves several
 * (`EXTF_Buchungsstapel_SecPaid_Mein-Laden_2026-10.csv`). Only [A-Za-z0-9-_.] reaches the name.
 */
import { toDatevCharset } from './datev-text'

export function datevFileName(month: string, accountLabel?: string): string {
  const parts = ['EXTF', 'Buchungsstapel', 'SecPaid']
  if (accountLabel !== undefined) {
    // Umlauts and accents to their base letters first ("Bäckerei" keeps its "a", not a "-").
    const plain = toDatevCharset(accountLabel).text.normalize('NFKD').replace(/\p{M}/gu, '')
    const slug = plain.replace(/ß/g, 'ss').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40)
    if (slug !== '') parts.push(slug)
  }
  parts.push(month)
  return `${parts.join('_')}.csv`
}
