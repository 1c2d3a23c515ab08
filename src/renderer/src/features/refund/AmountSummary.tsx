import { useTranslation } from 'react-i18next'
import type { RefundEligibility } from '@shared/views'
import { Money } from '../../components'

/** Original, already refunded, pending and remaining refundable — the numbers the decision rests on. */
export function AmountSummary({ eligibility }: { eligibility: RefundEligibility }): React.JSX.Element {
  const { t } = useTranslation('refund')
  return (
    <dl className="refund-summary">
      <div>
        <dt>{t('dialog.original')}</dt>
        <dd><Money cents={eligibility.original} /></dd>
      </div>
      <div>
        <dt>{t('dialog.alreadyRefunded')}</dt>
        <dd><Money cents={eligibility.refunded === 0 ? 0 : -eligibility.refunded} /></dd>
      </div>
      <div>
        <dt>{t('dialog.pending')}</dt>
        <dd><Money cents={eligibility.pending === 0 ? 0 : -eligibility.pending} /></dd>
      </div>
      <div className="refund-summary__total">
        <dt>{t('dialog.remaining')}</dt>
        <dd><Money cents={eligibility.remaining} /></dd>
      </div>
    </dl>
  )
}
