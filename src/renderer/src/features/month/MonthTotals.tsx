/** The month's totals as main computed them (the same numbers the export files carry). */
import { useTranslation } from 'react-i18next'
import { formatMoney } from '@shared/money'
import { Money } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { Totals } from '@shared/views'
import { payoutCheckLines, totalLines } from './totals-lines'

export function MonthTotals({ totals, heading }: { totals: Totals; heading: string }): React.JSX.Element {
  const { t } = useTranslation('month')
  const lang = useUiLanguage()
  const money = (cents: number): string => formatMoney(cents, lang)
  const causes = payoutCheckLines(totals, t, money)
  return (
    <section aria-label={heading}>
      <dl className="mr-totals">
        {totalLines(totals, t).map((c) => (
          <div key={c.key} className={`mr-total${c.strong ? ' mr-total--strong' : ''}`}>
            <dt>{c.label}</dt>
            <dd className="mr-total__value">
              <Money cents={c.cents} />
            </dd>
            {c.sub ? <dd className="mr-total__sub">{c.sub}</dd> : null}
          </div>
        ))}
      </dl>
      <p className="mr-totals__note muted">{t('totals.signNote')}</p>
      {totals.payoutCheck.difference !== 0 ? (
        <div className="mr-totals__check" role="note">
          <p className="mr-totals__check-title">{t('totals.checkTitle', { difference: money(totals.payoutCheck.difference) })}</p>
          <ul>
            {causes.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
