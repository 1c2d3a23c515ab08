import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { SortColumn, TransactionQuery, TransactionView } from '@shared/views'
import { columnLayout } from './columns'
import { TableHeader } from './TableHeader'
import { useRowWords } from './RowBadges'
import { TransactionRow } from './TransactionRow'
import { useRowWindow } from './use-row-window'

export const ROW_HEIGHT = 30
/** Rows rendered beyond each edge of the visible ones (smooth scrolling, short lists per render). */
export const OVERSCAN = 10
const HEADER_HEIGHT = 32

export interface TransactionTableProps {
  total: number
  rowAt: (index: number) => TransactionView | undefined
  sort: TransactionQuery['sort']
  onSort: (column: SortColumn) => void
  selectedIndex: number | null
  onActivate: (index: number) => void
  /** Reports the rendered index range so the screen can fetch the matching pages. */
  onRangeChange: (range: { start: number; end: number }) => void
  gridRef?: RefObject<HTMLDivElement | null>
  busy: boolean
  /** The rows shown belong to the previous filter/sort while the new query runs: dimmed, busy. */
  stale?: boolean
  /** The detail panel is open next to the table: leave out low-value columns sooner. */
  panelOpen: boolean
}

/** The header re-renders only when the sort or the columns change, not on every keystroke. */
const Header = memo(TableHeader)

/** Virtualised grid: only the visible rows (plus OVERSCAN) exist in the DOM. */
export function TransactionTable(props: TransactionTableProps): React.JSX.Element {
  const { total, rowAt, sort, onSort, selectedIndex, onActivate, onRangeChange, busy, stale = false, panelOpen } = props
  const { t } = useTranslation('transactions')
  const words = useRowWords()
  const lang = words.lang
  const ownRef = useRef<HTMLDivElement | null>(null)
  const scrollRef = props.gridRef ?? ownRef
  const width = useInnerWidth(scrollRef)
  // The same columns object while nothing it depends on changes: rows are memoised on it, so a
  // render of the grid (a keystroke, busy on/off) re-renders only rows whose data changed.
  const layout = useMemo(() => columnLayout(lang, width, panelOpen), [lang, width, panelOpen])
  const rangeRef = useRef(onRangeChange)
  rangeRef.current = onRangeChange
  const sortRef = useRef(onSort)
  sortRef.current = onSort
  const sortBy = useCallback((column: SortColumn) => sortRef.current(column), [])

  const rows = useRowWindow({ count: total, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, overscan: OVERSCAN, scrollRef })
  const start = rows.last >= rows.first ? rows.first : 0
  const end = rows.last >= rows.first ? rows.last : 0
  useEffect(() => rangeRef.current({ start, end }), [start, end])

  const { scrollToIndex } = rows
  useEffect(() => {
    if (selectedIndex !== null && selectedIndex < total) scrollToIndex(selectedIndex)
  }, [selectedIndex, total, scrollToIndex])

  const indexes: number[] = []
  for (let i = rows.first; i <= rows.last; i++) indexes.push(i)

  return (
    <div
      ref={scrollRef}
      className={`tx-table${stale ? ' tx-table--stale' : ''}`}
      role="grid"
      aria-label={t('tableLabel')}
      aria-rowcount={total + 1}
      aria-colcount={layout.columns.length}
      aria-busy={busy || stale}
      aria-activedescendant={selectedIndex !== null ? `tx-row-${selectedIndex}` : undefined}
      tabIndex={0}
      style={{ ['--tx-grid' as string]: layout.template }}
    >
      <Header sort={sort} onSort={sortBy} columns={layout.columns} />
      <div role="rowgroup" className="tx-body" style={{ height: rows.totalHeight }}>
        {indexes.map((index) => (
          <TransactionRow
            key={index}
            index={index}
            top={index * ROW_HEIGHT}
            row={rowAt(index)}
            selected={index === selectedIndex}
            words={words}
            columns={layout.columns}
            onActivate={onActivate}
          />
        ))}
      </div>
    </div>
  )
}

/** The grid's inner width (scrollbar excluded), kept current with a ResizeObserver. */
function useInnerWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(() => Math.max(0, window.innerWidth - 240))
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(el.clientWidth)
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref])
  return width
}
