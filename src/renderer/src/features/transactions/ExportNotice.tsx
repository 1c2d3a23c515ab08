import { useTranslation } from 'react-i18next'
import { Button, ErrorState, Notice } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { ExportState } from './use-export-view'
import { formatCount } from '../../i18n/format-count'

export function ExportNotice({ state, onDismiss, onRetry }: { state: ExportState; onDismiss: () => void; onRetry: () => void }): React.JSX.Element | null {
  const { t } = useTranslation('transactions')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  if (state.status === 'error') {
    return (
      <div className="tx-notice">
        <ErrorState variant="inline" error={state.error} title={t('toolbar.exportFailed')} onRetry={onRetry} />
      </div>
    )
  }
  if (state.status !== 'done') return null
  const { file } = state
  const params = { rows: formatCount(file.rowCount, lang), file: file.fileName }
  return (
    <div className="tx-notice">
      <Notice
        tone={file.stale ? 'warning' : 'success'}
        actions={
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            {tUi('dismiss')}
          </Button>
        }
      >
        <p>{file.stale ? t('toolbar.exportedStale', params) : t('toolbar.exported', params)}</p>
      </Notice>
    </div>
  )
}
