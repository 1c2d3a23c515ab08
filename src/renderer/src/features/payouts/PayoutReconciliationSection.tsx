/**
 * Month-end: the month's payouts against the entries of the days they cover, each deviation with
 * its likely cause, days not paid out yet, and payouts whose bank credit lands next month.
 */
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/call'
import { formatBerlinDate, formatBerlinDateTime } from '@shared/berlin-time'
import { formatMoney } from '@shared/money'
import { Button, downloadTextFile, ErrorState, Money, Spinner } from '../../components'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { BankCheck } from './BankCheck'
import { PayoutStatus } from './PayoutStatus'
import { usePayoutReconciliation } from './use-payouts'
import './payouts.css'

export function PayoutReconciliationSection({ month, monthLabel }: { month: string; monthLabel: string }): React.JSX.Element {
  const { t } = useTranslation('payouts')
  const lang = useUiLanguage()
  const rec = usePayoutReconciliation(month)
  const money = (cents: number): string => formatMoney(cents, lang)
  const headingId = `po-rec-${month}`
  // Its own file beside the transactions export: German Excel, whatever the UI language (like "CSV (Excel)").
  const exportCsv = useMutation({
    mutationFn: () => call('exportPayoutReconciliation', { month, format: 'csv-de', language: 'de' }),
    onSuccess: (file) => downloadTextFile(file.fileName, file.content, file.mimeType)
  })

  return (
    <section className="po-rec stack" aria-labelledby={headingId}>
      <h2 className="mr-heading" id={headingId}>
        {t('rec.heading')} – {monthLabel}
      </h2>
      <p className="muted">{t('rec.intro')}</p>
      {rec.isPending ? (
        <Spinner label={t('loading')} />
      ) : rec.isError ? (
        <ErrorState error={rec.error} title={t('loadError')} onRetry={() => void rec.refetch()} />
      ) : (
        <>
          <p className="po-asof">
            {rec.data.payoutsSyncedAt === null ? t('neverSynced') : t('syncedAt', { time: formatInstant(rec.data.payoutsSyncedAt, lang) })}
          </p>
          <dl className="po-summary">
            <div>
              <dt>{t('rec.summaryPayouts')}</dt>
              <dd><Money cents={rec.data.summary.payoutsNet} /></dd>
            </div>
            <div>
              <dt>{t('rec.summaryMonthNet')}</dt>
              <dd><Money cents={rec.data.summary.monthNet} /></dd>
            </div>
            <div>
              <dt>{t('rec.summaryDifference')}</dt>
              <dd><Money cents={rec.data.summary.difference} /></dd>
            </div>
          </dl>
          <div className="po-export">
            <Button size="sm" busy={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
              {t('rec.exportCsv')}
            </Button>
            {exportCsv.isError ? <ErrorState error={exportCsv.error} title={t('rec.exportError')} /> : null}
          </div>
          {rec.data.summary.paidLater.count > 0 ? (
            <p>{t('rec.paidLater', { count: rec.data.summary.paidLater.count, cents: money(rec.data.summary.paidLater.cents) })}</p>
          ) : null}
          {rec.data.payouts.length === 0 ? (
            <p>{t('rec.none')}</p>
          ) : (
            <>
              {rec.data.payouts.every((p) => p.cause === 'matches') ? <p>{t('rec.allMatch')}</p> : null}
              <div className="po-table-wrap" role="region" aria-label={t('rec.tableLabel')} tabIndex={0}>
                <table className="po-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('rec.col.coveredDay')}</th>
                      <th scope="col">{t('col.created')}</th>
                      <th scope="col">{t('col.status')}</th>
                      <th scope="col" className="num">{t('rec.col.payout')}</th>
                      <th scope="col" className="num">{t('rec.col.covered')}</th>
                      <th scope="col" className="num">{t('rec.col.difference')}</th>
                      <th scope="col">{t('rec.col.cause')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rec.data.payouts.map((p) => (
                      <tr key={p.payoutId} className={p.cause === 'matches' ? undefined : 'po-row--differs'}>
                        <td className="po-nowrap">{formatBerlinDate(p.coveredDay, lang)}</td>
                        <td className="po-nowrap">
                          {formatBerlinDateTime(p.createdAt, lang)}
                          {p.paidInLaterMonth ? <span className="po-note">{t('rec.paidLaterBadge')}</span> : null}
                        </td>
                        <td>
                          <PayoutStatus status={p.status} />
                        </td>
                        <td className="num"><Money cents={p.netAmount} /></td>
                        <td className="num"><Money cents={p.coveredNet} /></td>
                        <td className="num"><Money cents={p.difference} /></td>
                        <td>{t(`rec.cause.${p.cause}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {rec.data.uncoveredDays.length > 0 ? (
            <>
              <h3 className="po-subheading">{t('rec.uncoveredHeading')}</h3>
              <ul className="po-uncovered">
                {rec.data.uncoveredDays.map((d) => (
                  <li key={d.day}>
                    {t('rec.uncoveredLine', { day: formatBerlinDate(d.day, lang), count: d.count, cents: money(d.net), cause: t(`rec.uncovered.${d.cause}`) })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <BankCheck month={month} />
        </>
      )}
    </section>
  )
}
