import { useTranslation } from 'react-i18next'
import { berlinWallClockToInstant, formatBerlinDateTime } from '@shared/berlin-time'
import { formatMoney } from '@shared/money'
import type { RefundRequest, TransactionView } from '@shared/views'
import { Money } from '../../../components'
import { useUiLanguage } from '../../../i18n/use-ui-language'
import { formatInstant } from '../../../components/format-instant'
import { RequestStateBadge } from '../../requests'
import { KindLabel } from '../RowBadges'

type Item = { at: number; entry: TransactionView; request?: undefined } | { at: number; request: RefundRequest; entry?: undefined }

function wallClockMs(s: string): number {
  try {
    return berlinWallClockToInstant(s).getTime()
  } catch {
    return 0
  }
}

/** The payment, its refund/dispute entries and the local refund requests, oldest first. */
export function Timeline({ row, related, requests }: { row: TransactionView; related: TransactionView[]; requests: RefundRequest[] }): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  const items: Item[] = [
    ...[row, ...related].map((entry) => ({ at: wallClockMs(entry.createdAt), entry })),
    ...requests.map((request) => ({ at: new Date(request.createdAt).getTime(), request }))
  ].sort((a, b) => a.at - b.at)

  return (
    <ol className="timeline">
      {items.map((item) =>
        item.entry ? (
          <li key={item.entry.key} className="timeline__item timeline__item--entry">
            <span className="timeline__marker" aria-hidden="true" />
            <div className="timeline__head">
              <span className="timeline__title">
                {item.entry.kind === 'payment' ? t('detail.timelinePayment') : <KindLabel row={item.entry} />}
              </span>
              <Money cents={item.entry.amount} />
            </div>
            <p className="timeline__meta">
              {formatBerlinDateTime(item.entry.createdAt, lang)}
              {item.entry.transactionId ? ` · ${item.entry.transactionId}` : ''}
            </p>
          </li>
        ) : (
          <li key={item.request.id} className="timeline__item">
            <span className="timeline__marker" aria-hidden="true" />
            <div className="timeline__head">
              <span className="timeline__title">
                {t('detail.timelineRequest', { amount: formatMoney(item.request.amount, lang) })} (
                {item.request.isFullRefund ? t('detail.timelineFull') : t('detail.timelinePartial')})
              </span>
              <RequestStateBadge state={item.request.state} />
            </div>
            <p className="timeline__meta">
              {t(`reason.${item.request.reason}`)}
              {item.request.note ? ` · ${item.request.note}` : ''}
            </p>
            {item.request.serverMessage ? <p className="timeline__meta">{t('detail.serverMessage', { message: item.request.serverMessage })}</p> : null}
            {item.request.deniedReason ? <p className="timeline__meta">{t('detail.deniedReason', { reason: item.request.deniedReason })}</p> : null}
            <ul className="timeline__history">
              {item.request.history.map((h, i) => (
                <li key={`${h.at}-${i}`}>
                  <span className="num-left">{formatInstant(h.at, lang)}</span>
                  <strong>{t(`state.${h.state}`)}</strong>
                  <span className="muted">{t('detail.historyBy', { user: h.osUser })}</span>
                  {h.note ? <span>– {h.note}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        )
      )}
    </ol>
  )
}
