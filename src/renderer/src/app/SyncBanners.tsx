import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/call'
import { useCredentialStatus, useRunSync, useSyncState } from '../api/hooks'
import { Button, describeSyncError, Notice } from '../components'
import { formatInstant } from '../components/format-instant'
import { useUiLanguage } from '../i18n/use-ui-language'
import { noticeId } from '@shared/notices'
import { NoticeText } from './NoticeText'
import { routeHref } from './router'

/**
 * Offline as a calm banner, sync errors with a retry, a missing key with a way to add one, and
 * notices (e.g. a corrupt cache file set aside) shown until dismissed.
 */
export function SyncBanners(): React.JSX.Element | null {
  const { t } = useTranslation('app')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const { data: state } = useSyncState()
  const { data: credentials } = useCredentialStatus()
  const { run, pending } = useRunSync()
  // Hidden at once; main forgets them too (dismissSyncNotices), so a re-render after the next sync state does not bring them back.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const dismiss = (id: string): void => {
    setDismissed((prev) => new Set(prev).add(id))
    void call('dismissSyncNotices', {}).catch(() => undefined) // best effort: hidden for this run anyway
  }
  if (!state) return null

  const notices = state.notices.filter((n) => !dismissed.has(noticeId(n)))
  const last = state.lastSuccessfulSyncAt
  const needsKey = state.status === 'needs_key' || (credentials !== undefined && credentials.env === state.env && !credentials.hasKey)
  const retry = (
    <Button size="sm" onClick={() => run(false)} busy={pending}>
      {tUi('retry')}
    </Button>
  )

  return (
    <div className="banners">
      {state.status === 'offline' ? (
        <Notice tone="warning" title={t('sync.offlineTitle')} actions={retry}>
          <p>{last ? t('sync.offline', { time: formatInstant(last, lang) }) : t('sync.offlineNever')}</p>
        </Notice>
      ) : null}
      {state.status === 'error' && state.lastError ? (
        <Notice tone="danger" role="alert" title={t('sync.errorTitle')} actions={retry}>
          <SyncErrorText lastError={state.lastError} />
        </Notice>
      ) : null}
      {needsKey ? (
        <Notice
          tone="warning"
          actions={
            <a className="btn btn--sm" href={routeHref('settings')}>
              {t('sync.needsKeyAction')}
            </a>
          }
        >
          <p>{t('sync.needsKey')}</p>
        </Notice>
      ) : null}
      {notices.map((notice) => (
        <Notice
          key={noticeId(notice)}
          tone="info"
          title={t('sync.noticeTitle')}
          actions={
            <Button size="sm" variant="ghost" onClick={() => dismiss(noticeId(notice))}>
              {tUi('dismiss')}
            </Button>
          }
        >
          <NoticeText notice={notice} />
        </Notice>
      ))}
    </div>
  )
}

/** Translated sentence by the sync error's kind; main's English message only as "Details: …". */
function SyncErrorText({ lastError }: { lastError: { kind: string; message: string } }): React.JSX.Element {
  const { t } = useTranslation('ui')
  const { sentence, details } = describeSyncError(lastError, t)
  return (
    <>
      <p>{sentence}</p>
      {details ? <p className="error-details">{t('details', { message: details })}</p> : null}
    </>
  )
}
