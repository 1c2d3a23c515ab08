/**
 * Month-end's DATEV button: main builds the Buchungsstapel of the whole month (every kind of row,
 * the payouts created in the month) and sends the Windows-1252 bytes; we save them unchanged.
 * Without DATEV settings there is nothing to export with: the button says where to enter them.
 */
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DatevExportFile } from '@shared/bookkeeping-views'
import { formatMoney } from '@shared/money'
import { call, IpcCallError } from '../../api/call'
import { routeHref } from '../../app/router'
import { Button, describeError, downloadBase64File } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { useDatevSettings } from '../settings'

export function DatevExport({ month, monthLabel }: { month: string; monthLabel: string }): React.JSX.Element {
  const { t } = useTranslation('month')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const settings = useDatevSettings()
  const [askedWithoutSettings, setAskedWithoutSettings] = useState(false)
  const exporter = useMutation({
    mutationFn: () => call('exportDatev', { month }),
    onSuccess: (file: DatevExportFile) => downloadBase64File(file.fileName, file.base64, file.mimeType)
  })
  const missingByMain = exporter.error instanceof IpcCallError && exporter.error.code === 'datev_settings_missing'
  const missing = settings.data?.settings === null
  const start = (): void => {
    if (missing) {
      setAskedWithoutSettings(true)
      return
    }
    exporter.mutate()
  }

  return (
    <div className="mr-datev stack">
      <div className="row">
        <Button title={t('datev.hint')} busy={exporter.isPending} onClick={start}>
          {t('datev.button')}
        </Button>
        <span className="muted">{t('datev.scope', { month: monthLabel })}</span>
      </div>
      <div className="mr-export__status" aria-live="polite">
        {(missing && askedWithoutSettings) || missingByMain ? (
          <p className="field__error">
            {t('datev.missingSettings')} <a href={routeHref('settings')}>{t('datev.openSettings')}</a>
          </p>
        ) : null}
        {exporter.isPending ? <p>{t('export.working')}</p> : null}
        {exporter.isError && !missingByMain ? <p className="field__error">{t('export.error', { message: describeError(exporter.error, tUi).sentence })}</p> : null}
        {exporter.isSuccess ? <DatevSummary file={exporter.data} money={(c) => formatMoney(c, lang)} /> : null}
      </div>
    </div>
  )
}

function DatevSummary({ file, money }: { file: DatevExportFile; money: (cents: number) => string }): React.JSX.Element {
  const { t } = useTranslation('month')
  const chars = file.issues.filter((i) => i.kind === 'character')
  const docs = file.issues.filter((i) => i.kind === 'belegfeld')
  return (
    <div className="stack mr-datev__summary">
      <p>
        {t('datev.done', { fileName: file.fileName, count: file.bookingCount, payouts: file.payoutCount })}
        {file.stale ? <strong className="mr-warn-text"> {t('export.doneStale')}</strong> : null}
      </p>
      {file.skipped.length > 0 || file.pendingPayoutCount > 0 || file.issues.length > 0 ? (
        <ul className="mr-datev__notes">
          {file.skipped.map((s) => (
            <li key={s.status}>{t('datev.skipped', { count: s.count, status: s.status, amount: money(s.amountCents) })}</li>
          ))}
          {file.pendingPayoutCount > 0 ? <li>{t('datev.pendingPayouts', { count: file.pendingPayoutCount })}</li> : null}
          {chars.map((c) =>
            c.kind === 'character' ? (
              <li key={`c-${c.original}`}>{t('datev.replaced', { original: c.original, replacement: c.replacement, count: c.count })}</li>
            ) : null
          )}
          {docs.map((d) =>
            d.kind === 'belegfeld' ? (
              <li key={`b-${d.line}`}>{t('datev.belegfeld', { original: d.original, written: d.written })}</li>
            ) : null
          )}
        </ul>
      ) : null}
    </div>
  )
}
