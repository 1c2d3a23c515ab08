/** The month's totals as main computed them (the same numbers the export files carry). */
import { useTranslation } from 'react-i18next'
import { Money } from '../../components'
import type { Totals } from '@shared/views'

export function MonthTotals({ totals, heading }: { totals: Totals; heading: string }): React.JSX.Element {
  const { t } = useTranslation('month')
  const cards = [
    { label: t('totals.grossPayIns'), cents: totals.grossPayIns, sub: t('totals.paymentCount', { count: totals.paymentCount }) },
    { label: t('totals.refunds'), cents: totals.refunds, sub: t('totals.refundCount', { count: totals.refundCount }) },
    { label: t('totals.disputes'), cents: totals.disputes, sub: t('totals.disputeCount', { count: totals.disputeCount }) },
    { label: t('totals.net'), cents: totals.net, sub: t('totals.count', { count: totals.count }), strong: true },
    { label: t('totals.fees'), cents: totals.fees, sub: null },
    { label: t('totals.netAfterFees'), cents: totals.netAfterFees, sub: null }
  ]
  return (
    <section aria-label={heading}>
      <dl className="mr-totals">
        {cards.map((c) => (
          <div key={c.label} className={`mr-total${c.strong ? ' mr-total--strong' : ''}`}>
            <dt>{c.label}</dt>
            <dd className="mr-total__value">
              <Money cents={c.cents} />
            </dd>
            {c.sub ? <dd className="mr-total__sub">{c.sub}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  )
}
