/**
 * The DATEV settings form speaks the user's language about the shared schema's issues: each field
 * gets the message for what is wrong with it, and text that is not a plain number is refused.
 */
import { describe, expect, it } from 'vitest'
import { datevSettingsSchema } from '../../src/shared/datev-settings'
import { datevFormErrors, toCandidate, toForm, type DatevForm } from '../../src/shared/datev-settings-form'

function errorsFor(patch: Partial<DatevForm>): Record<string, string> {
  const form = { ...toForm(null), beraternummer: '29098', mandantennummer: '55003', ...patch }
  const parsed = datevSettingsSchema.safeParse(toCandidate(form))
  return parsed.success ? {} : Object.fromEntries(datevFormErrors(parsed.error.issues))
}

describe('DATEV settings form', () => {
  it('accepts the SKR03 defaults with the adviser numbers, and reads the initials in capitals', () => {
    const form = { ...toForm(null), beraternummer: ' 29098 ', mandantennummer: '55003', diktatkuerzel: 'sd' }
    expect(datevSettingsSchema.parse(toCandidate(form))).toMatchObject({ beraternummer: 29098, diktatkuerzel: 'SD', accounts: { clearing: '1360', bank: '1200' } })
  })

  it('names each wrong field with its own message', () => {
    const base = toForm(null).accounts
    expect(errorsFor({ beraternummer: '', mandantennummer: '1e3', diktatkuerzel: 'S1' })).toEqual({
      beraternummer: 'datev.error.beraternummer',
      mandantennummer: 'datev.error.mandantennummer',
      diktatkuerzel: 'datev.error.diktatkuerzel'
    })
    expect(errorsFor({ accounts: { ...base, bank: '12a4' } })).toEqual({ 'accounts.bank': 'datev.error.accountDigits' })
    expect(errorsFor({ accounts: { ...base, fees: base.clearing } })).toEqual({ 'accounts.fees': 'datev.error.differsFromClearing' })
    expect(errorsFor({ sachkontenlaenge: 5 })).toEqual(
      Object.fromEntries(['clearing', 'revenue', 'fees', 'disputes', 'bank'].map((a) => [`accounts.${a}`, 'datev.error.accountLength']))
    )
  })

  it('shows stored settings as they were saved', () => {
    const stored = datevSettingsSchema.parse(toCandidate({ ...toForm(null), beraternummer: '1001', mandantennummer: '1' }))
    expect(datevSettingsSchema.parse(toCandidate(toForm(stored)))).toEqual(stored)
  })
})
