import { useTranslation } from 'react-i18next'
import { Badge, type BadgeTone } from '../../components'
import { isKeyOf } from '../../i18n'
import { en } from '../../i18n/resources'
import type { PaymentRefundState, RowKind, TransactionView } from '@shared/views'

const KIND_TONE: Record<Exclude<RowKind, 'payment'>, BadgeTone> = {
  refund: 'info',
  dispute: 'danger',
  dispute_refund: 'warning'
}

const STATE_TONE: Record<Exclude<PaymentRefundState, 'none'>, BadgeTone> = {
  requested: 'warning',
  partially_refunded: 'info',
  refunded: 'success'
}

/** The payment type (Basic / Split / Personal QR) in the UI language; unknown types as sent. */
export function usePaymentTypeLabel(): (type: string) => string {
  const { t } = useTranslation('transactions')
  return (type) => {
    const name = type.replace(/\s+/g, '_')
    return isKeyOf(en.transactions.paymentType, name) ? t(`paymentType.${name}`) : type
  }
}

/** SecPaid payout states in the UI language; unknown values as sent. */
export function usePayoutStatusLabel(): (status: string) => string {
  const { t } = useTranslation('transactions')
  return (status) => {
    const name = status.replace(/\s+/g, '_')
    return isKeyOf(en.transactions.payoutStatus, name) ? t(`payoutStatus.${name}`) : status
  }
}

/** Type cell: plain text for payments, a labelled badge for refund and dispute entries. */
export function KindLabel({ row }: { row: TransactionView }): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const typeLabel = usePaymentTypeLabel()
  if (row.kind === 'payment') {
    const label = row.transactionType === 'Basic' ? t('kind.payment') : typeLabel(row.transactionType)
    return (
      <span className="ellipsis" title={`${t('kind.payment')} · ${typeLabel(row.transactionType)}`}>
        {label}
      </span>
    )
  }
  return <Badge tone={KIND_TONE[row.kind]} label={t(`kind.${row.kind}`)} title={t(`kindHint.${row.kind}`)} />
}

/**
 * Status cell of the table: the SecPaid status, or — for a successful payment with refunds — its
 * refund situation (as Stripe does), so the table needs no extra column. The tooltip has both.
 */
export function RowStatus({ row }: { row: TransactionView }): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const statusLabel = useStatusLabel()
  if (row.kind === 'payment' && row.refundState !== 'none') {
    return (
      <Badge
        tone={STATE_TONE[row.refundState]}
        label={t(`refundStateShort.${row.refundState}`)}
        title={`${statusLabel(row.status)} · ${t(`refundState.${row.refundState}`)}`}
      />
    )
  }
  return <StatusText status={row.status} />
}

/** Refund situation of a payment (requested / partially refunded / refunded), or nothing. */
export function RefundStateBadge({ state }: { state: PaymentRefundState }): React.JSX.Element | null {
  const { t } = useTranslation('transactions')
  if (state === 'none') return null
  return <Badge tone={STATE_TONE[state]} label={t(`refundState.${state}`)} />
}

/** Known SecPaid statuses in the UI language; unknown values shown as the server sent them. */
export function useStatusLabel(): (status: string) => string {
  const { t } = useTranslation('transactions')
  return (status) => (isKeyOf(en.transactions.status, status) ? t(`status.${status}`) : status)
}

export function StatusText({ status }: { status: string }): React.JSX.Element {
  const label = useStatusLabel()(status)
  const tone = status === 'Success' ? 'ok' : status === 'Pending' ? 'pending' : 'other'
  return (
    <span className={`status status--${tone}`} title={label}>
      <span className="status__dot" aria-hidden="true" />
      {label}
    </span>
  )
}

/** Common payment methods in words; anything else as SecPaid sent it ("N/A" on refunds → dash). */
export function useMethodLabel(): (method: string | null) => string {
  const { t } = useTranslation('transactions')
  return (method) => {
    if (method === null || method === '' || method === 'N/A') return t('none')
    const name = method.toLowerCase().replace(/\s+/g, '_')
    return isKeyOf(en.transactions.method, name) ? t(`method.${name}`) : method
  }
}
