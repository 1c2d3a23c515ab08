import { memo } from 'react'
import { formatBerlinDateTime } from '@shared/berlin-time'
import type { TransactionView } from '@shared/views'
import { moneyText } from '../../components'
import type { ColumnDef, ColumnId } from './columns'
import { kindLabel, rowStatus, type RowWords } from './RowBadges'

export interface TransactionRowProps {
  row: TransactionView | undefined
  index: number
  top: number
  selected: boolean
  /** The grid's words in the UI language (no translation hook per row: see RowWords). */
  words: RowWords
  columns: readonly ColumnDef[]
  onActivate: (index: number) => void
}

/** One virtual row; a placeholder while its page is still loading. */
export const TransactionRow = memo(function TransactionRow({ row, index, top, selected, words, columns, onActivate }: TransactionRowProps) {
  const style = { transform: `translateY(${top}px)` }
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} className="tx-row tx-row--placeholder" style={style} aria-busy="true">
        <div role="gridcell" className="tx-skeleton" />
      </div>
    )
  }
  return <LoadedRow row={row} index={index} style={style} selected={selected} words={words} columns={columns} onActivate={onActivate} />
})

interface LoadedRowProps extends Omit<TransactionRowProps, 'row' | 'top'> {
  row: TransactionView
  style: { transform: string }
}

function LoadedRow({ row, index, style, selected, words, columns, onActivate }: LoadedRowProps): React.JSX.Element {
  const { t, lang } = words
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
        return <div key={id} role="gridcell">{kindLabel(row, words)}</div>
      case 'status':
        return <div key={id} role="gridcell">{rowStatus(row, words)}</div>
      case 'paymentMethod': {
        const method = words.method(row.paymentMethod)
        return <div key={id} role="gridcell" className="ellipsis" title={method}>{method}</div>
      }
      case 'amount':
        return <div key={id} role="gridcell" className="num">{moneyText({ cents: row.amount }, lang)}</div>
      case 'netAmount':
        return <div key={id} role="gridcell" className="num">{moneyText({ cents: row.netAmount }, lang)}</div>
      case 'serviceFee':
        return <div key={id} role="gridcell" className="num">{moneyText({ cents: fees }, lang)}</div>
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
