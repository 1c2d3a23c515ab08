import { useTranslation } from 'react-i18next'
import { formatBerlinDateTime } from '@shared/berlin-time'
import type { RefundEligibility, TransactionView } from '@shared/views'
import { Money } from '../../../components'
import { useUiLanguage } from '../../../i18n/use-ui-language'
import { StatusText, useMethodLabel, usePaymentTypeLabel, usePayoutStatusLabel } from '../RowBadges'

/** Every field of the row as a definition list (ids in monospace so they can be compared). */
export function DetailFields({ row, eligibility }: { row: TransactionView; eligibility: RefundEligibility | null }): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  const method = useMethodLabel()
  const typeLabel = usePaymentTypeLabel()
  const payoutLabel = usePayoutStatusLabel()
  const dash = '–'
  return (
    <dl className="kv">
      <dt>{t('detail.createdAt')}</dt>
      <dd>{formatBerlinDateTime(row.createdAt, lang)}</dd>
      <dt>{t('detail.payId')}</dt>
      <dd className="mono">{row.payId}</dd>
      <dt>{t('detail.transactionId')}</dt>
      <dd className="mono">{row.transactionId ?? dash}</dd>
      <dt>{t('detail.recipientNote')}</dt>
      <dd>{row.recipientNote || dash}</dd>
      <dt>{t('detail.transactionType')}</dt>
      <dd title={row.transactionType}>{typeLabel(row.transactionType)}</dd>
      <dt>{t('detail.status')}</dt>
      <dd><StatusText status={row.status} /></dd>
      <dt>{t('detail.paymentMethod')}</dt>
      <dd>{method(row.paymentMethod)}</dd>
      <dt>{t('detail.amount')}</dt>
      <dd><Money cents={row.amount} /></dd>
      <dt>{t('detail.netAmount')}</dt>
      <dd><Money cents={row.netAmount} /></dd>
      <dt>{t('detail.serviceFee')}</dt>
      <dd><Money cents={row.serviceFee} /></dd>
      <dt>{t('detail.serviceFeePsp')}</dt>
      <dd><Money cents={row.serviceFeePsp} /></dd>
      {eligibility ? (
        <>
          <dt>{t('detail.refunded')}</dt>
          <dd><Money cents={eligibility.refunded} /></dd>
          <dt>{t('detail.pending')}</dt>
          <dd><Money cents={eligibility.pending} /></dd>
          <dt>{t('detail.remaining')}</dt>
          <dd><strong><Money cents={eligibility.remaining} /></strong></dd>
        </>
      ) : null}
      <dt>{t('detail.payoutStatus')}</dt>
      <dd title={row.payoutStatus ?? undefined}>{row.payoutStatus ? payoutLabel(row.payoutStatus) : dash}</dd>
      <dt>{t('detail.splitLink')}</dt>
      <dd>{row.isSplitLink ? t('detail.yes') : t('detail.no')}</dd>
      <dt>{t('detail.creatorId')}</dt>
      <dd className="mono">{row.creatorId ?? dash}</dd>
      <dt>{t('detail.userId')}</dt>
      <dd className="mono">{row.userId ?? dash}</dd>
    </dl>
  )
}
