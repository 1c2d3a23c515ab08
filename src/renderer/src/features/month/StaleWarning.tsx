/** Shown before exporting when the cache is older than 24 h (or never synced), with a sync button. */
import { useTranslation } from 'react-i18next'
import { useRunSync } from '../../api/hooks'
import { Button, Notice } from '../../components'

export function StaleWarning({ neverSynced }: { neverSynced: boolean }): React.JSX.Element {
  const { t } = useTranslation('month')
  const sync = useRunSync()
  return (
    <Notice
      tone="warning"
      role="status"
      title={neverSynced ? t('stale.never') : t('stale.title')}
      actions={
        <Button size="sm" variant="primary" busy={sync.pending} onClick={() => sync.run(false)}>
          {sync.pending ? t('stale.syncing') : t('stale.sync')}
        </Button>
      }
    >
      <p>{t('stale.body')}</p>
    </Notice>
  )
}
