import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ParseKeys, TFunction } from 'i18next'
import { Badge, type BadgeTone } from '../../components'
import { isKeyOf } from '../../i18n'
import { en } from '../../i18n/resources'
import type { Language, PaymentRefundState, RowKind, TransactionView } from '@shared/views'

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

/**
 * The words a transaction row shows, in one language: made once per grid (one `useTranslation`)
 * and handed to its rows. With a hook per badge, label and amount (ten per row) i18next's hook
 * alone was a measurable share of every keystroke's render of the grid.
 */
export interface RowWords {
  readonly lang: Language
  /** A fixed text of the transactions namespace (no interpolation), looked up once per language. */
  readonly t: (key: ParseKeys<'transactions'>) => string
  /** The payment type (Basic / Split / Personal QR) in the UI language; unknown types as sent. */
  paymentType(type: string): string
  /** Known SecPaid statuses in the UI language; unknown values shown as the server sent them. */
  status(status: string): string
  /** Common payment methods in words; anything else as SecPaid sent it ("N/A" on refunds → dash). */
  method(method: string | null): string
}

function rowWords(translate: TFunction<'transactions'>, lang: Language): RowWords {
  // Rows use a handful of fixed keys (kinds, statuses, methods, …) without interpolation, 30 rows
  // per render: each looked up once per language instead of i18next resolving it every time.
  const known = new Map<string, string>()
  const t = (key: ParseKeys<'transactions'>): string => {
    let text = known.get(key)
    if (text === undefined) known.set(key, (text = translate(key)))
    return text
  }
  return {
    lang,
    t,
    paymentType: (type) => {
      const name = type.replace(/\s+/g, '_')
      return isKeyOf(en.transactions.paymentType, name) ? t(`paymentType.${name}`) : type
    },
    status: (status) => (isKeyOf(en.transactions.status, status) ? t(`status.${status}`) : status),
    method: (method) => {
      if (method === null || method === '' || method === 'N/A') return t('none')
      const name = method.toLowerCase().replace(/\s+/g, '_')
      return isKeyOf(en.transactions.method, name) ? t(`method.${name}`) : method
    }
  }
}

/** The row words of the UI language (new ones after a live language switch). */
export function useRowWords(): RowWords {
  const { t, i18n } = useTranslation('transactions')
  const lang: Language = i18n.language === 'de' ? 'de' : 'en'
  return useMemo(() => rowWords(t, lang), [t, lang])
}

export function usePaymentTypeLabel(): (type: string) => string {
  return useRowWords().paymentType
}

/** SecPaid payout states in the UI language; unknown values as sent. */
export function usePayoutStatusLabel(): (status: string) => string {
  const { t } = useTranslation('transactions')
  return (status) => {
    const name = status.replace(/\s+/g, '_')
    return isKeyOf(en.transactions.payoutStatus, name) ? t(`payoutStatus.${name}`) : status
  }
}

export function useStatusLabel(): (status: string) => string {
  return useRowWords().status
}

export function useMethodLabel(): (method: string | null) => string {
  return useRowWords().method
}

/** Type cell: plain text for payments, a labelled badge for refund and dispute entries. */
export function KindLabel({ row }: { row: TransactionView }): React.JSX.Element {
  return kindLabel(row, useRowWords())
}

/** `KindLabel` as a plain function of the row words (no hook: the grid renders it per row). */
export function kindLabel(row: TransactionView, words: RowWords): React.JSX.Element {
  const { t } = words
  if (row.kind === 'payment') {
    const label = row.transactionType === 'Basic' ? t('kind.payment') : words.paymentType(row.transactionType)
    return (
      <span className="ellipsis" title={`${t('kind.payment')} · ${words.paymentType(row.transactionType)}`}>
        {label}
      </span>
    )
  }
  return <Badge tone={KIND_TONE[row.kind]} label={t(`kind.${row.kind}`)} title={t(`kindHint.${row.kind}`)} />
}

/**
 * Status cell of the table: the SecPaid status, or — for a successful payment with refunds — its
 * refund situation (as Stripe does), so the table needs no extra column. The tooltip has both.
 * A plain function of the row words, like `kindLabel`.
 */
export function rowStatus(row: TransactionView, words: RowWords): React.JSX.Element {
  if (row.kind === 'payment' && row.refundState !== 'none') {
    return (
      <Badge
        tone={STATE_TONE[row.refundState]}
        label={words.t(`refundStateShort.${row.refundState}`)}
        title={`${words.status(row.status)} · ${words.t(`refundState.${row.refundState}`)}`}
      />
    )
  }
  return statusText(row.status, words)
}

/** Refund situation of a payment (requested / partially refunded / refunded), or nothing. */
export function RefundStateBadge({ state }: { state: PaymentRefundState }): React.JSX.Element | null {
  const { t } = useTranslation('transactions')
  if (state === 'none') return null
  return <Badge tone={STATE_TONE[state]} label={t(`refundState.${state}`)} />
}

export function StatusText({ status }: { status: string }): React.JSX.Element {
  return statusText(status, useRowWords())
}

function statusText(status: string, words: RowWords): React.JSX.Element {
  const label = words.status(status)
  const tone = status === 'Success' ? 'ok' : status === 'Pending' ? 'pending' : 'other'
  return (
    <span className={`status status--${tone}`} title={label}>
      <span className="status__dot" aria-hidden="true" />
      {label}
    </span>
  )
}
