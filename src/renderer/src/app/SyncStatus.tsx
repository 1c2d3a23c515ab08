import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { useRunSync, useSyncState } from '../api/hooks'
import { useIpcEvent } from '../api/events'
import { Badge, Button } from '../components'
import { useUiLanguage } from '../i18n/use-ui-language'
import type { SyncProgress } from '@shared/views'
import { formatInstant } from '../components/format-instant'
import { formatRelativeTime, useNow } from './relative-time'
import { formatCount } from '../i18n/format-count'

/** Compact, always-visible sync line in the header: last sync, live progress, the Sync button. */
export function SyncStatus(): React.JSX.Element {
  const { t } = useTranslation('app')
  const lang = useUiLanguage()
  const now = useNow()
  const { data: state } = useSyncState()
  const { run, pending } = useRunSync()
  const [progress, setProgress] = useState<SyncProgress | null>(null)
  useIpcEvent('syncProgress', setProgress)

  const syncing = state?.status === 'syncing' || pending
  const live = state?.progress ?? progress
  const last = state?.lastSuccessfulSyncAt ?? null

  return (
    <div className="sync-status" role="region" aria-label={t('sync.region')}>
      <div className="sync-status__text" aria-live="polite">
        {syncing ? (
          <span className="row">
            <span className="spinner" aria-hidden="true" />
            <span>{t('sync.syncing')}</span>
            {live ? <span className="muted">{t('sync.progress', { pages: live.pages, rows: formatCount(live.rows, lang) })}</span> : null}
          </span>
        ) : (
          <span className="row">
            {state?.status === 'offline' ? <Badge tone="warning" label={t('sync.statusOffline')} /> : null}
            {state?.status === 'error' ? <Badge tone="danger" label={t('sync.statusError')} /> : null}
            <span title={state ? t('sync.cachedRows', { rows: formatCount(state.cachedRows, lang) }) : undefined}>
              {/* Offline, "synced 2 min ago" reads like live data: say which moment the data shows. */}
              {last === null
                ? t('sync.never')
                : state?.status === 'offline'
                  ? t('sync.dataFrom', { time: formatInstant(last, lang) })
                  : t('sync.lastSynced', { when: formatRelativeTime(last, now, lang) })}
            </span>
            {state?.cacheLoad ? (
              <span className="muted" data-testid="cache-load">
                {t('sync.cacheLoading', { loaded: state.cacheLoad.monthsLoaded, total: state.cacheLoad.monthsTotal })}
              </span>
            ) : null}
          </span>
        )}
      </div>
      <Button size="sm" onClick={() => run(false)} busy={syncing}>
        <span aria-hidden="true">⟳</span> {t('sync.button')}
      </Button>
    </div>
  )
}
