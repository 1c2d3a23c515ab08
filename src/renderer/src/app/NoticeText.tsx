import { useTranslation } from 'react-i18next'
import type { AppNotice } from '@shared/notices'

/**
 * A notice from main in the user's language. Main sends a code and its own parameters; only the
 * ledger's technical diagnostics carry an English detail, shown as such.
 */
export function NoticeText({ notice }: { notice: AppNotice }): React.JSX.Element {
  const { t } = useTranslation('app')
  const { t: tUi } = useTranslation('ui')
  switch (notice.code) {
    case 'cache_shard_corrupt':
    case 'cache_meta_corrupt':
      return <p>{t(`notice.${notice.code}`, { ...notice.params, reason: t(`noticeReason.${notice.params.reason}`) })}</p>
    case 'cache_shard_missing':
      return <p>{t('notice.cache_shard_missing', notice.params)}</p>
    case 'requests_recovered':
      return <p>{t('notice.requests_recovered', { count: notice.params.count })}</p>
    case 'file_set_aside':
      return <p>{t('notice.file_set_aside', { setAsideAs: notice.params.setAsideAs, file: t(`noticeFile.${notice.params.file}`) })}</p>
    case 'reviews_reset':
      return <p>{t('notice.reviews_reset')}</p>
    case 'account_unreadable':
      return <p>{t('notice.account_unreadable', notice.params)}</p>
    case 'reconcile_failed':
    case 'cache_read_failed':
    case 'payouts_failed':
    case 'ledger_diagnostic':
      return (
        <>
          <p>{t(`notice.${notice.code}`)}</p>
          <p className="error-details">{tUi('details', { message: notice.params.detail })}</p>
        </>
      )
  }
}
