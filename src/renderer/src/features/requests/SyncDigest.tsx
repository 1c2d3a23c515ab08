/** "Changes since the last sync": what the last sync brought in, in words (and, in a team, what teammates did). */
import { useTranslation } from 'react-i18next'
import { Notice } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { SyncDigest as Digest } from '@shared/views'
import { formatInstant } from '../../components/format-instant'

const PARTS = ['requestsRefunded', 'newPayments', 'newRefundEntries', 'newDisputeEntries', 'updatedRows'] as const

export function SyncDigest({ digest }: { digest: Digest }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const { t: tTeam } = useTranslation('team')
  const lang = useUiLanguage()
  const parts = PARTS.filter((p) => digest[p] > 0).map((p) => t(`digest.${p}`, { count: digest[p] }))
  // Team mode: what the other PCs did, pulled from the team database since the previous sync.
  const mates = digest.teammates
  const mateParts = mates
    ? [
        mates.refundEvents > 0 ? tTeam('digest.refundEvents', { count: mates.refundEvents }) : null,
        mates.reviewTicks > 0 ? tTeam('digest.reviewTicks', { count: mates.reviewTicks }) : null
      ].filter((p): p is string => p !== null)
    : []
  const teammates = mateParts.length > 0 ? tTeam('digest.teammates', { what: mateParts.join(', ') }) : null
  return (
    <Notice tone="info" title={t('digest.title')} role="status">
      {parts.length > 0 || teammates === null ? <p className="rq-digest__body">{parts.length > 0 ? parts.join(' · ') : t('digest.none')}</p> : null}
      {teammates !== null ? <p className="rq-digest__team">{teammates}</p> : null}
      <p className="muted">{t('digest.at', { time: formatInstant(digest.at, lang) })}</p>
    </Notice>
  )
}
