import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBerlinDateTime } from '@shared/berlin-time'
import type { Language, TransactionView } from '@shared/views'
import { Money } from '../../components'
import type { ColumnDef, ColumnId } from './columns'
import { KindLabel, RowStatus, useMethodLabel } from './RowBadges'

export interface TransactionRowProps {
  row: TransactionView | undefined
  index: number
  top: number
  selected: boolean
  lang: Language
  columns: readonly ColumnDef[]
  onActivate: (index: number) => void
}

/** One virtual row; a placeholder while its page is still loading. */
export const TransactionRow = memo(function TransactionRow({ row, index, top, selected, lang, columns, onActivate }: TransactionRowProps) {
  const style = { transform: `translateY(${top}px)` }
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} className="tx-row tx-row--placeholder" style={style} aria-busy="true">
        <div role="gridcell" className="tx-skeleton" />
      </div>
    )
  }
  return <LoadedRow row={row} index={index} style={style} selected={selected} lang={lang} columns={columns} onActivate={onActivate} />
})

interface LoadedRowProps extends Omit<TransactionRowProps, 'row' | 'top'> {
  row: TransactionView
  style: { transform: string }
}

function LoadedRow({ row, index, style, selected, lang, columns, onActivate }: LoadedRowProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const methodLabel = useMethodLabel()
  const fees = row.serviceFee === null && row.serviceFeePsp === null ? null : (row.serviceFee ?? 0) + (row.serviceFeePsp ?? 0)
  const cell = (id: ColumnId): React.JSX.Element => {
    switch (id) {
      case 'createdAt':
        return <div key={id} role="gridcell" className="num-left">{formatBerlinDateTime(row.createdAt, lang)}</div>
      case 'payId':
        return <div key={id} role="gridcell" className="mono">{row.payId}</div>
      case 'transactionId':
        return (
          <div key={id} role="gridcell" className="mono mono--small ellipsis" title={row.transactionId ?? undefined}>
            {row.transactionId ?? t('none')}
          </div>
        )
      case 'recipientNote':
        return (
          <div key={id} role="gridcell" className="ellipsis" title={row.recipientNote || undefined}>
            {row.recipientNote || <span className="muted">{t('none')}</span>}
          </div>
        )
      case 'transactionType':
        return <div key={id} role="gridcell"><KindLabel row={row} /></div>
      case 'status':
        return <div key={id} role="gridcell"><RowStatus row={row} /></div>
      case 'paymentMethod': {
        const method = methodLabel(row.paymentMethod)
        return <div key={id} role="gridcell" className="ellipsis" title={method}>{method}</div>
      }
      case 'amount':
        return <div key={id} role="gridcell" className="num"><Money cents={row.amount} /></div>
      case 'netAmount':
        return <div key={id} role="gridcell" className="num"><Money cents={row.netAmount} /></div>
      case 'serviceFee':
        return <div key={id} role="gridcell" className="num"><Money cents={fees} /></div>
    }
  }
  return (
    <div
      role="row"
      id={`tx-row-${index}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`tx-row${selected ? ' tx-row--selected' : ''}${row.kind !== 'payment' ? ' tx-row--entry' : ''}`}
      style={style}
      onClick={() => onActivate(index)}
    >
      {columns.map((c) => cell(c.id))}
    </div>
  )
}
