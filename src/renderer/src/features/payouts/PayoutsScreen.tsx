/**
 * Payouts: what SecPaid paid (or is paying) to the merchant's bank, newest first, from the local
 * store so it works offline. Each payout bundles the successful entries of one day.
 */
import { Fragment, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBerlinDate, formatBerlinDateTime } from '@shared/berlin-time'
import { Button, EmptyState, ErrorState, Money, Spinner } from '../../components'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { PayoutEntriesPanel } from './PayoutEntriesPanel'
import { PayoutStatus } from './PayoutStatus'
import { usePayouts } from './use-payouts'
import './payouts.css'

export function PayoutsScreen(): React.JSX.Element {
  const { t } = useTranslation('payouts')
  const lang = useUiLanguage()
  const payouts = usePayouts()
  const syncedAt = payouts.data?.syncedAt ?? null
  const [opened, setOpened] = useState<string | null>(null)

  return (
    <section className="po-screen stack" aria-label={t('title')}>
      <p className="muted">{t('intro')}</p>
      <p className="po-asof">{syncedAt === null ? t('neverSynced') : t('syncedAt', { time: formatInstant(syncedAt, lang) })}</p>
      {payouts.isPending ? (
        <Spinner label={t('loading')} />
      ) : payouts.isError ? (
        <ErrorState error={payouts.error} title={t('loadError')} onRetry={() => void payouts.refetch()} />
      ) : payouts.data.payouts.length === 0 ? (
        <EmptyState title={t('empty')} detail={syncedAt === null ? t('neverSynced') : ''} />
      ) : (
        <div className="po-table-wrap" role="region" aria-label={t('tableLabel')} tabIndex={0}>
          <table className="po-table">
            <thead>
              <tr>
                <th scope="col">{t('col.coveredDay')}</th>
                <th scope="col">{t('col.created')}</th>
                <th scope="col">{t('col.reference')}</th>
                <th scope="col">{t('col.status')}</th>
                <th scope="col" className="num">{t('col.payoutAmount')}</th>
                <th scope="col" className="num">{t('col.fee')}</th>
                <th scope="col" className="num">{t('col.net')}</th>
                <th scope="col">{t('col.contains')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('entries.columnLabel')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {payouts.data.payouts.map((p) => {
                const contains = [p.isRefund && t('contains.refunds'), p.isDispute && t('contains.disputes'), p.isSplitLink && t('contains.split')].filter(Boolean)
                return (
                  <Fragment key={p.payoutId}>
                  <tr>
                    <td className="po-nowrap">{p.requestDate === null ? '–' : formatBerlinDate(p.requestDate, lang)}</td>
                    <td className="po-nowrap">{formatBerlinDateTime(p.createdAt, lang)}</td>
                    <td className="po-ref">{p.transactionId ?? p.payoutId}</td>
                    <td>
                      <PayoutStatus status={p.payoutStatus} />
                    </td>
                    <td className="num">
                      <Money cents={p.payoutAmount} />
                    </td>
                    <td className="num">
                      <Money cents={p.serviceFee} />
                    </td>
                    <td className="num">
                      <Money cents={p.netAmount} />
                    </td>
                    <td>{contains.join(', ')}</td>
                    <td>
                      <Button
                        size="sm"
                        aria-expanded={opened === p.payoutId}
                        aria-label={t('entries.showFor', { reference: p.transactionId ?? p.payoutId })}
                        onClick={() => setOpened(opened === p.payoutId ? null : p.payoutId)}
                      >
                        {t('entries.show')}
                      </Button>
                    </td>
                  </tr>
                  {opened === p.payoutId ? (
                    // Right below its payout: a year of payouts is a long table.
                    <tr className="po-entries-row">
                      <td colSpan={9}>
                        <PayoutEntriesPanel payoutId={p.payoutId} onClose={() => setOpened(null)} />
                      </td>
                    </tr>
                  ) : null}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
