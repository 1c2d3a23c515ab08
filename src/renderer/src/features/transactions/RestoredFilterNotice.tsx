import { useTranslation } from 'react-i18next'
import { Button, Notice } from '../../components'

/** Says that the list is filtered by what was set in the last session, with a one-click way out. */
export function RestoredFilterNotice({ onClear }: { onClear: () => void }): React.JSX.Element {
  const { t } = useTranslation('transactions')
  return (
    <div className="tx-notice">
      <Notice
        tone="info"
        role="note"
        actions={
          <Button size="sm" onClick={onClear}>
            {t('toolbar.restoredClear')}
          </Button>
        }
      >
        <p>{t('toolbar.restored')}</p>
      </Notice>
    </div>
  )
}
