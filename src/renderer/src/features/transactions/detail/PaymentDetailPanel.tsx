import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { TransactionView } from '@shared/views'
import { Button, ErrorState, Money, Spinner } from '../../../components'
import { RefundAction } from '../../refund'
import { KindLabel, RefundStateBadge, StatusText } from '../RowBadges'
import { DetailFields } from './DetailFields'
import { Timeline } from './Timeline'
import { useTransactionDetail } from './use-transaction-detail'

export interface PaymentDetailPanelProps {
  rowKey: string
  onClose: () => void
  onRefund: (row: TransactionView) => void
}

/** The window width at which the panel overlays the grid instead of standing beside it. */
const PANEL_OVERLAYS_GRID = '(max-width: 900px)'

/** Side panel next to the table: follows the selection, Esc closes it. */
export function PaymentDetailPanel({ rowKey, onClose, onRefund }: PaymentDetailPanelProps): React.JSX.Element {
  const { t } = useTranslation('refund')
  const detail = useTransactionDetail(rowKey)
  const data = detail.data
  // Until the selected row has loaded, the panel shows the previous one (dimmed, busy).
  const loadingNext = detail.isPlaceholderData
  // In a narrow window the panel covers the grid (see transactions.css): focus must not stay on
  // the hidden grid, so it moves into the panel. Wide windows keep focus in the grid beside it.
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (window.matchMedia(PANEL_OVERLAYS_GRID).matches) closeRef.current?.focus({ preventScroll: true })
  }, [])

  return (
    <aside className={`tx-detail${loadingNext ? ' tx-detail--loading' : ''}`} aria-label={t('detail.label')} aria-busy={loadingNext}>
      <div className="tx-detail__header">
        <div>
          {data ? (
            <>
              <h2 className="row">
                <KindLabel row={data.row} /> <span className="mono muted">{data.row.payId}</span>
              </h2>
              <div className="tx-detail__amount">
                <Money cents={data.row.amount} />
              </div>
              <div className="tx-detail__badges">
                <StatusText status={data.row.status} />
                {data.row.kind === 'payment' ? <RefundStateBadge state={data.row.refundState} /> : null}
              </div>
            </>
          ) : (
            <h2>{t('detail.label')}</h2>
          )}
        </div>
        <Button ref={closeRef} variant="ghost" size="sm" onClick={onClose} aria-label={t('detail.close')} title={t('detail.close')}>
          ✕
        </Button>
      </div>
      <div className="tx-detail__body">
        {detail.isLoading ? <Spinner label={t('detail.loading')} /> : null}
        {detail.isError ? <ErrorState variant="inline" error={detail.error} title={t('detail.loadError')} onRetry={() => void detail.refetch()} /> : null}
        {data ? (
          <>
            {data.eligibility ? <RefundAction eligibility={data.eligibility} loading={loadingNext} onRequest={() => onRefund(data.row)} /> : null}
            <section className="tx-detail__section">
              <h3>{t('detail.timeline')}</h3>
              <Timeline row={data.row} related={data.related} requests={data.requests} />
            </section>
            <section className="tx-detail__section">
              <h3>{t('detail.fields')}</h3>
              <DetailFields row={data.row} eligibility={data.eligibility} />
            </section>
          </>
        ) : null}
      </div>
    </aside>
  )
}
