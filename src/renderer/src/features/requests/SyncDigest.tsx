/** "Changes since the last sync": what the last sync brought in, in words. */
import { useTranslation } from 'react-i18next'
import { Notice } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { SyncDigest as Digest } from '@shared/views'
import { formatInstant } from '../../components/format-instant'

const PARTS = ['requestsRefunded', 'newPayments', 'newRefundEntries', 'newDisputeEntries', 'updatedRows'] as const

export function SyncDigest({ digest }: { digest: Digest }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const lang = useUiLanguage()
  const parts = PARTS.filter((p) => digest[p] > 0).map((p) => t(`digest.${p}`, { count: digest[p] }))
  return (
    <Notice tone="info" title={t('digest.title')} role="status">
      <p className="rq-digest__body">{parts.length > 0 ? parts.join(' · ') : t('digest.none')}</p>
      <p className="muted">{t('digest.at', { time: formatInstant(digest.at, lang) })}</p>
    </Notice>
  )
}
