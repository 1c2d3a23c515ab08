import { useTranslation } from 'react-i18next'
import { Badge } from '../../components'

/** SecPaid's payout status in words: Approved = paid out, InProgress = not yet. */
export function PayoutStatus({ status }: { status: string }): React.JSX.Element {
  const { t } = useTranslation('payouts')
  if (status === 'Approved') return <Badge tone="success" label={t('status.Approved')} />
  if (status === 'InProgress') return <Badge tone="warning" label={t('status.InProgress')} />
  return <Badge tone="neutral" label={t('status.other', { status })} />
}
