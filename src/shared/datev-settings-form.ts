/**
 * The DATEV settings form's model: text fields as typed, the candidate the shared schema parses,
 * and the schema's issues as one translation key per field (its English messages are for logs
 * and the CLI; the screen speaks the user's language). Plain TypeScript, kept in shared so unit
 * tests reach it like the schema.
 */
import type { z } from 'zod'
import { datevSettingsDefaults, type DatevAccounts, type DatevChart, type DatevSettings } from './datev-settings'

export const ACCOUNT_FIELDS = ['clearing', 'revenue', 'fees', 'disputes', 'bank'] as const satisfies readonly (keyof DatevAccounts)[]

export interface DatevForm {
  beraternummer: string
  mandantennummer: string
  fiscalYearStartMonth: number
  sachkontenlaenge: number
  chart: DatevChart
  accounts: DatevAccounts
  diktatkuerzel: string
  festschreibung: boolean
}

export function toForm(s: DatevSettings | null): DatevForm {
  if (s === null) return { ...datevSettingsDefaults('SKR03'), beraternummer: '', mandantennummer: '' }
  return { ...s, accounts: { ...s.accounts }, beraternummer: String(s.beraternummer), mandantennummer: String(s.mandantennummer) }
}

/** What the schema parses: digits only become numbers (so "12a" or "1e3" is refused, not read as 12 or 1000). */
export function toCandidate(f: DatevForm): unknown {
  const num = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN)
  return { ...f, beraternummer: num(f.beraternummer), mandantennummer: num(f.mandantennummer), diktatkuerzel: f.diktatkuerzel.trim().toUpperCase() }
}

export type DatevFormErrorKey =
  | 'datev.error.beraternummer'
  | 'datev.error.mandantennummer'
  | 'datev.error.fiscalYearStartMonth'
  | 'datev.error.sachkontenlaenge'
  | 'datev.error.diktatkuerzel'
  | 'datev.error.accountDigits'
  | 'datev.error.accountLength'
  | 'datev.error.differsFromClearing'

const FIELD_KEYS: Record<string, DatevFormErrorKey> = {
  beraternummer: 'datev.error.beraternummer',
  mandantennummer: 'datev.error.mandantennummer',
  fiscalYearStartMonth: 'datev.error.fiscalYearStartMonth',
  sachkontenlaenge: 'datev.error.sachkontenlaenge',
  diktatkuerzel: 'datev.error.diktatkuerzel'
}

/**
 * The first issue of each field (path "beraternummer", "accounts.bank" …) as a translation key.
 * Account issues: a malformed number is the format check; of the schema's two cross-field checks
 * (code "custom") the length one is told apart by the number's length.
 */
export function datevFormErrors(issues: readonly z.core.$ZodIssue[]): Map<string, DatevFormErrorKey> {
  const out = new Map<string, DatevFormErrorKey>()
  for (const issue of issues) {
    const field = issue.path.join('.')
    if (out.has(field)) continue
    if (issue.path[0] === 'accounts') {
      if (issue.code !== 'custom') out.set(field, 'datev.error.accountDigits')
      else if (issue.message.startsWith('Must differ')) out.set(field, 'datev.error.differsFromClearing')
      else out.set(field, 'datev.error.accountLength')
    } else {
      const key = FIELD_KEYS[field]
      // chart and festschreibung come from a select and a checkbox: they cannot be wrong.
      if (key) out.set(field, key)
    }
  }
  return out
}
