/**
 * What one payout bundles, as far as the data allow: SecPaid does not list a payout's entries, so
 * the panel shows the successful entries of the day the payout covers (from the local store) and
 * how their net compares with the payout's — the same line the month's reconciliation shows.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBerlinDate, formatBerlinDateTime } from '@shared/berlin-time'
import { Button, ErrorState, Money, Spinner } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { usePayoutEntries } from './use-payouts'

export function PayoutEntriesPanel({ payoutId, onClose }: { payoutId: string; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('payouts')
  const lang = useUiLanguage()
  const detail = usePayoutEntries(payoutId)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const headingId = `po-entries-${payoutId}`
  // Bring the opened entries into view and give them the focus (keyboard and screen-reader users).
  useEffect(() => {
    headingRef.current?.scrollIntoView({ block: 'start' })
    headingRef.current?.focus()
  }, [payoutId])

  return (
    <section className="po-entries stack" aria-labelledby={headingId}>
      <h2 className="mr-heading" id={headingId} ref={headingRef} tabIndex={-1}>
        {detail.data ? t('entries.heading', { day: formatBerlinDate(detail.data.line.coveredDay, lang) }) : t('entries.headingLoading')}
      </h2>
      {detail.isPending ? (
        <Spinner label={t('loading')} />
      ) : detail.isError ? (
        <ErrorState error={detail.error} title={t('entries.loadError')} onRetry={() => void detail.refetch()} />
      ) : (
        <>
          <p className="muted">{t('entries.intro')}</p>
          <dl className="po-summary">
            <div>
              <dt>{t('entries.payoutNet')}</dt>
              <dd><Money cents={detail.data.line.netAmount} /></dd>
            </div>
            <div>
              <dt>{t('entries.entriesNet', { count: detail.data.line.coveredCount })}</dt>
              <dd><Money cents={detail.data.line.coveredNet} /></dd>
            </div>
            <div>
              <dt>{t('entries.difference')}</dt>
              <dd><Money cents={detail.data.line.difference} /></dd>
            </div>
          </dl>
          <p>{t(`rec.cause.${detail.data.line.cause}`)}</p>
          {detail.data.entries.length > 0 ? (
            <div className="po-table-wrap" role="region" aria-label={t('entries.tableLabel')} tabIndex={0}>
              <table className="po-table">
                <thead>
                  <tr>
                    <th scope="col">{t('entries.col.time')}</th>
                    <th scope="col">{t('entries.col.payId')}</th>
                    <th scope="col">{t('entries.col.reference')}</th>
                    <th scope="col">{t('entries.col.kind')}</th>
                    <th scope="col" className="num">{t('entries.col.amount')}</th>
                    <th scope="col" className="num">{t('entries.col.net')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.data.entries.map((v) => (
                    <tr key={v.key}>
                      <td className="po-nowrap">{formatBerlinDateTime(v.createdAt, lang)}</td>
                      <td className="po-ref">{v.payId}</td>
                      <td>{v.recipientNote ?? '–'}</td>
                      <td>{t(`entries.kind.${v.kind}`)}</td>
                      <td className="num"><Money cents={v.amount} /></td>
                      <td className="num"><Money cents={v.netAmount} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
      <div>
        <Button size="sm" onClick={onClose}>
          {t('entries.close')}
        </Button>
      </div>
    </section>
  )
}
