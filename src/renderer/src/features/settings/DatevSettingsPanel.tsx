/**
 * The DATEV panel: what the tax adviser's DATEV needs to read the Buchungsstapel export. Validated
 * with the same schema main parses the saved settings with; the schema's issues are shown in the
 * user's language by field and kind (its English messages are for logs and the CLI).
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DATEV_CHARTS, DATEV_DEFAULT_ACCOUNTS, datevSettingsSchema, type DatevChart } from '@shared/datev-settings'
import { Button, ErrorState, Field, Spinner } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { ACCOUNT_FIELDS, datevFormErrors, toCandidate, toForm, type DatevForm } from '@shared/datev-settings-form'
import { useDatevSettings, useSaveDatevSettings } from './use-datev-settings'

export function DatevSettingsPanel(): React.JSX.Element {
  const { t } = useTranslation('settings')
  const lang = useUiLanguage()
  const monthName = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' })
  const stored = useDatevSettings()
  const save = useSaveDatevSettings()
  const [form, setForm] = useState<DatevForm>(() => toForm(null))
  const [showErrors, setShowErrors] = useState(false)
  const [savedNote, setSavedNote] = useState(false)
  useEffect(() => {
    if (stored.data) setForm(toForm(stored.data.settings))
  }, [stored.data])

  if (stored.isPending) return <Spinner label={t('datev.loading')} />
  if (stored.isError) return <ErrorState error={stored.error} title={t('datev.loadError')} onRetry={() => void stored.refetch()} />

  const parsed = datevSettingsSchema.safeParse(toCandidate(form))
  const errors = parsed.success ? new Map() : datevFormErrors(parsed.error.issues)
  const errorFor = (field: string): string | null => {
    const e = showErrors ? errors.get(field) : undefined
    return e ? t(e, { digits: form.sachkontenlaenge }) : null
  }
  const set = (patch: Partial<DatevForm>): void => {
    setSavedNote(false)
    setForm((f) => ({ ...f, ...patch }))
  }

  return (
    <form
      className="stack datev-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        setShowErrors(true)
        if (parsed.success) save.mutate(parsed.data, { onSuccess: () => setSavedNote(true) })
      }}
    >
      <p className="muted">{t('datev.intro')}</p>
      {stored.data.settings === null ? <p className="field__hint">{t('datev.notConfigured')}</p> : null}
      <div className="datev-grid">
        <Field label={t('datev.beraternummer')} hint={t('datev.beraternummerHint')} error={errorFor('beraternummer')}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" inputMode="numeric" value={form.beraternummer} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set({ beraternummer: e.target.value })} />
          )}
        </Field>
        <Field label={t('datev.mandantennummer')} hint={t('datev.mandantennummerHint')} error={errorFor('mandantennummer')}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" inputMode="numeric" value={form.mandantennummer} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set({ mandantennummer: e.target.value })} />
          )}
        </Field>
        <Field label={t('datev.fiscalYearStart')} error={errorFor('fiscalYearStartMonth')}>
          {({ id, describedBy }) => (
            <select id={id} className="select" value={form.fiscalYearStartMonth} aria-describedby={describedBy} onChange={(e) => set({ fiscalYearStartMonth: Number(e.target.value) })}>
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {monthName.format(Date.UTC(2026, i, 1))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('datev.sachkontenlaenge')} hint={t('datev.sachkontenlaengeHint')} error={errorFor('sachkontenlaenge')}>
          {({ id, describedBy }) => (
            <select id={id} className="select" value={form.sachkontenlaenge} aria-describedby={describedBy} onChange={(e) => set({ sachkontenlaenge: Number(e.target.value) })}>
              {[4, 5, 6, 7, 8].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('datev.chart')} hint={t('datev.chartHint')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              className="select"
              value={form.chart}
              aria-describedby={describedBy}
              // A new chart brings its own default accounts: SKR03 numbers are wrong in SKR04 books.
              onChange={(e) => {
                const chart = e.target.value as DatevChart
                set({ chart, accounts: { ...DATEV_DEFAULT_ACCOUNTS[chart] } })
              }}
            >
              {DATEV_CHARTS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        {ACCOUNT_FIELDS.map((name) => (
          <Field key={name} label={t(`datev.account.${name}`)} hint={t(`datev.account.${name}Hint`)} error={errorFor(`accounts.${name}`)}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="input"
                inputMode="numeric"
                value={form.accounts[name]}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => set({ accounts: { ...form.accounts, [name]: e.target.value.trim() } })}
              />
            )}
          </Field>
        ))}
        <Field label={t('datev.diktatkuerzel')} hint={t('datev.diktatkuerzelHint')} error={errorFor('diktatkuerzel')}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" maxLength={2} value={form.diktatkuerzel} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => set({ diktatkuerzel: e.target.value })} />
          )}
        </Field>
      </div>
      <label className="row">
        <input type="checkbox" checked={form.festschreibung} onChange={(e) => set({ festschreibung: e.target.checked })} />
        <span>{t('datev.festschreibung')}</span>
      </label>
      <div className="row">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('datev.save')}
        </Button>
        <span aria-live="polite">
          {showErrors && !parsed.success ? <span className="field__error">{t('datev.fixErrors')}</span> : null}
          {savedNote ? <span>{t('datev.saved')}</span> : null}
          {save.isError ? <span className="field__error">{t('datev.saveError', { message: save.error.message })}</span> : null}
        </span>
      </div>
    </form>
  )
}
