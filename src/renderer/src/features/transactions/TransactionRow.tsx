import { memo } from 'react'
import { formatBerlinDateTime } from '../../../../shared/berlin-time'
import type { Language, TransactionView } from '../../../../shared/views'
import { Money } from '../../components'
import { KindLabel, RefundStateBadge, StatusText, useMethodLabel } from './RowBadges'

export interface TransactionRowProps {
  row: TransactionView | undefined
  index: number
  top: number
  selected: boolean
  lang: Language
  onActivate: (index: number) => void
}

/** One virtual row; a placeholder while its page is still loading. */
export const TransactionRow = memo(function TransactionRow({ row, index, top, selected, lang, onActivate }: TransactionRowProps) {
  const style = { transform: `translateY(${top}px)` }
  if (!row) {
    return (
      <div role="row" aria-rowindex={index + 2} className="tx-row tx-row--placeholder" style={style} aria-busy="true">
        <div role="gridcell" className="tx-skeleton" />
      </div>
    )
  }
  return <LoadedRow row={row} index={index} style={style} selected={selected} lang={lang} onActivate={onActivate} />
})

interface LoadedRowProps extends Omit<TransactionRowProps, 'row' | 'top'> {
  row: TransactionView
  style: { transform: string }
}

function LoadedRow({ row, index, style, selected, lang, onActivate }: LoadedRowProps): React.JSX.Element {
  const methodLabel = useMethodLabel()
  const fees = row.serviceFee === null && row.serviceFeePsp === null ? null : (row.serviceFee ?? 0) + (row.serviceFeePsp ?? 0)
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
      <div role="gridcell" className="num-left">{formatBerlinDateTime(row.createdAt, lang)}</div>
      <div role="gridcell" className="mono">{row.payId}</div>
      <div role="gridcell" className="mono ellipsis">{row.transactionId ?? '–'}</div>
      <div role="gridcell" className="ellipsis" title={row.recipientNote}>
        {row.recipientNote}
      </div>
      <div role="gridcell"><KindLabel row={row} /></div>
      <div role="gridcell"><StatusText status={row.status} /></div>
      <div role="gridcell" className="ellipsis">{methodLabel(row.paymentMethod)}</div>
      <div role="gridcell">{row.kind === 'payment' ? <RefundStateBadge state={row.refundState} /> : null}</div>
      <div role="gridcell" className="num"><Money cents={row.amount} /></div>
      <div role="gridcell" className="num"><Money cents={row.netAmount} /></div>
      <div role="gridcell" className="num"><Money cents={fees} /></div>
    </div>
  )
}
