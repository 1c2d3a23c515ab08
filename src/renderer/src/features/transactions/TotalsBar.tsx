import { useTranslation } from 'react-i18next'
import { formatMoney } from '@shared/money'
import type { Totals } from '@shared/views'
import { moneyText } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatCount } from '../../i18n/format-count'

/** Sums for the whole filter (not only the visible rows), from main's QueryResult.totals. */
export function TotalsBar({ totals, stale }: { totals: Totals | null; stale: boolean }): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const lang = useUiLanguage()
  const count = totals ? formatCount(totals.count, lang) : '–'
  return (
    <section className={`tx-totals${stale ? ' tx-totals--stale' : ''}`} aria-label={t('totals.label')} aria-busy={stale}>
      <dl>
        <div>
          <dt>{t('totals.count')}</dt>
          <dd className="num">{count}</dd>
        </div>
        <div>
          <dt>{t('totals.grossPayIns')}</dt>
          <dd>{moneyText({ cents: totals?.grossPayIns ?? null }, lang)}</dd>
        </div>
        <div>
          <dt>{t('totals.refunds')}</dt>
          <dd>{moneyText({ cents: totals?.refunds ?? null }, lang)}</dd>
        </div>
        {totals && totals.disputes !== 0 ? (
          <div>
            <dt>{t('totals.disputes')}</dt>
            <dd>{moneyText({ cents: totals.disputes }, lang)}</dd>
          </div>
        ) : null}
        {totals && totals.disputeReturns !== 0 ? (
          <div>
            <dt>{t('totals.disputeReturns')}</dt>
            <dd>{moneyText({ cents: totals.disputeReturns }, lang)}</dd>
          </div>
        ) : null}
        <div className="tx-totals__strong">
          <dt>{t('totals.net')}</dt>
          <dd>{moneyText({ cents: totals?.net ?? null }, lang)}</dd>
        </div>
        <div>
          <dt>{t('totals.fees')}</dt>
          <dd>{moneyText({ cents: totals?.fees ?? null }, lang)}</dd>
        </div>
        <div>
          <dt>{t('totals.netAfterFees')}</dt>
          <dd>{moneyText({ cents: totals?.netAfterFees ?? null }, lang)}</dd>
        </div>
        {totals && totals.payoutCheck.difference !== 0 ? (
          <div title={t('totals.payoutDiffers', { difference: formatMoney(totals.payoutCheck.difference, lang) })}>
            <dt>{t('totals.payoutPerSecpaid')}</dt>
            <dd>{moneyText({ cents: totals.payoutPerSecpaid }, lang)}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  )
}
