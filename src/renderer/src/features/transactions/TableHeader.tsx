import { useTranslation } from 'react-i18next'
import type { SortColumn, TransactionQuery } from '@shared/views'
import type { ColumnDef } from './columns'

export interface TableHeaderProps {
  sort: TransactionQuery['sort']
  onSort: (column: SortColumn) => void
  columns: readonly ColumnDef[]
}

export function TableHeader({ sort, onSort, columns }: TableHeaderProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  return (
    <div role="rowgroup" className="tx-head">
      <div role="row" aria-rowindex={1} className="tx-row tx-row--head">
        {columns.map((col) => {
          const label = t(`columns.${col.id}`)
          const active = sort.column === col.id
          const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'
          return (
            <div key={col.id} role="columnheader" aria-sort={ariaSort} className={col.align === 'right' ? 'num' : undefined}>
              <button
                type="button"
                className={`tx-sort${active ? ' tx-sort--active' : ''}`}
                onClick={() => onSort(col.id)}
                title={t('sortBy', { column: label })}
              >
                <span>{label}</span>
                <span className="tx-sort__arrow" aria-hidden="true">
                  {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                </span>
              </button>
            </div>
          )
        })}
      </div>
    </div>
  )
}
