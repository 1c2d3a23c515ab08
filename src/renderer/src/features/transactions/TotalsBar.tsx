import { useTranslation } from 'react-i18next'
import { formatMoney } from '@shared/money'
import type { Totals } from '@shared/views'
import { Money } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'

/** Sums for the whole filter (not only the visible rows), from main's QueryResult.totals. */
export function TotalsBar({ totals, stale }: { totals: Totals | null; stale: boolean }): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const lang = useUiLanguage()
  const count = totals ? new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB').format(totals.count) : '–'
  return (
    <section className={`tx-totals${stale ? ' tx-totals--stale' : ''}`} aria-label={t('totals.label')} aria-busy={stale}>
      <dl>
        <div>
          <dt>{t('totals.count')}</dt>
          <dd className="num">{count}</dd>
        </div>
        <div>
          <dt>{t('totals.grossPayIns')}</dt>
          <dd><Money cents={totals?.grossPayIns ?? null} /></dd>
        </div>
        <div>
          <dt>{t('totals.refunds')}</dt>
          <dd><Money cents={totals?.refunds ?? null} /></dd>
        </div>
        {totals && totals.disputes !== 0 ? (
          <div>
            <dt>{t('totals.disputes')}</dt>
            <dd><Money cents={totals.disputes} /></dd>
          </div>
        ) : null}
        {totals && totals.disputeReturns !== 0 ? (
          <div>
            <dt>{t('totals.disputeReturns')}</dt>
            <dd><Money cents={totals.disputeReturns} /></dd>
          </div>
        ) : null}
        <div className="tx-totals__strong">
          <dt>{t('totals.net')}</dt>
          <dd><Money cents={totals?.net ?? null} /></dd>
        </div>
        <div>
          <dt>{t('totals.fees')}</dt>
          <dd><Money cents={totals?.fees ?? null} /></dd>
        </div>
        <div>
          <dt>{t('totals.netAfterFees')}</dt>
          <dd><Money cents={totals?.netAfterFees ?? null} /></dd>
        </div>
        {totals && totals.payoutCheck.difference !== 0 ? (
          <div title={t('totals.payoutDiffers', { difference: formatMoney(totals.payoutCheck.difference, lang) })}>
            <dt>{t('totals.payoutPerSecpaid')}</dt>
            <dd><Money cents={totals.payoutPerSecpaid} /></dd>
          </div>
        ) : null}
      </dl>
    </section>
  )
}
