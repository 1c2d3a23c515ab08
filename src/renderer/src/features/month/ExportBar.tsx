/** Export of exactly what the screen shows: CSV Excel (de), CSV standard, JSON, printable summary. */
import { useTranslation } from 'react-i18next'
import { Button, describeError, useScreenShortcut } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { ExportFormat, TransactionFilter } from '@shared/views'
import { DatevExport } from './DatevExport'
import { StaleWarning } from './StaleWarning'
import { useExport } from './use-export'

interface Props {
  /** Berlin month "YYYY-MM" (the DATEV export is always the whole month). */
  month: string
  filter: TransactionFilter
  count: number
  monthLabel: string
  viewLabel: string
  stale: boolean
  neverSynced: boolean
  onPrint: () => void
}

const FORMATS = [
  { format: 'csv-de', label: 'export.csvDe', hint: 'export.csvDeHint' },
  { format: 'csv', label: 'export.csv', hint: 'export.csvHint' },
  { format: 'json', label: 'export.json', hint: 'export.jsonHint' }
] as const satisfies readonly { format: ExportFormat; label: string; hint: string }[]

export function ExportBar({ month, filter, count, monthLabel, viewLabel, stale, neverSynced, onPrint }: Props): React.JSX.Element {
  const { t } = useTranslation('month')
  const lang = useUiLanguage()
  const exporter = useExport(filter, lang)
  // `e` exports the month as Excel (German) CSV, like the first button.
  useScreenShortcut('e', () => {
    if (count > 0 && !exporter.isPending) exporter.mutate('csv-de')
  })
  return (
    <section className="mr-export stack" aria-labelledby="mr-export-title">
      <div className="row mr-export__head">
        <h2 id="mr-export-title">{t('export.heading')}</h2>
        <p className="muted">{t('export.preview', { count, month: monthLabel, view: viewLabel })}</p>
      </div>
      {stale ? <StaleWarning neverSynced={neverSynced} /> : null}
      <div className="row mr-export__buttons">
        {FORMATS.map((f) => (
          <Button key={f.format} title={t(f.hint)} busy={exporter.isPending} disabled={count === 0} onClick={() => exporter.mutate(f.format)}>
            {t(f.label)}
          </Button>
        ))}
        <Button title={t('export.printHint')} disabled={count === 0} onClick={onPrint}>
          {t('export.print')}
        </Button>
      </div>
      <p className="mr-export__status" aria-live="polite">
        {exporter.isPending ? t('export.working') : null}
        {exporter.isError ? <ExportError error={exporter.error} /> : null}
        {exporter.isSuccess ? (
          <>
            {t('export.done', { count: exporter.data.rowCount, fileName: exporter.data.fileName })}
            {exporter.data.stale ? <strong className="mr-warn-text"> {t('export.doneStale')}</strong> : null}
          </>
        ) : null}
      </p>
      <DatevExport month={month} monthLabel={monthLabel} />
    </section>
  )
}

/** Translated sentence by the error's kind/code; main's English message only as "Details: …". */
function ExportError({ error }: { error: unknown }): React.JSX.Element {
  const { t } = useTranslation('month')
  const { t: tUi } = useTranslation('ui')
  const { sentence, details } = describeError(error, tUi)
  return (
    <span className="field__error">
      {t('export.error', { message: sentence })}
      {details ? (
        <>
          <br />
          <span className="error-details">{tUi('details', { message: details })}</span>
        </>
      ) : null}
    </span>
  )
}
