import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { accountKeyOf } from '../../api/accounts'
import { useEnvironment, useSettings } from '../../api/hooks'
import { EmptyState, ErrorState, Spinner } from '../../components'
import type { TransactionFilter, TransactionQuery, TransactionView } from '@shared/views'
import { RefundDialog } from '../refund'
import { ExportNotice } from './ExportNotice'
import { DEFAULT_FILTER, DEFAULT_SORT, isDefaultFilter, toggleSort } from './filter-model'
import { FilterToolbar } from './FilterToolbar'
import { RestoredFilterNotice } from './RestoredFilterNotice'
import { PaymentDetailPanel } from './detail/PaymentDetailPanel'
import { SelectionAnnouncer } from './SelectionAnnouncer'
import { TotalsBar } from './TotalsBar'
import { OVERSCAN, ROW_HEIGHT, TransactionTable } from './TransactionTable'
import { useExportView } from './use-export-view'
import { useTableKeyboard } from './use-table-keyboard'
import { pageSizeFor, useTransactionPages } from './use-transaction-pages'
import { useTransactionFilter } from './use-transaction-filter'
import { useDetailDeepLink } from './use-detail-deep-link'

export function TransactionsScreen(): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const settings = useSettings()
  const environment = useEnvironment()
  if (!settings.data || !environment.data) return <Spinner label={t('loading')} />
  return <TransactionsView savedFilter={settings.data.transactionFilter} account={accountKeyOf(environment.data)} />
}

function samePages(a: { start: number; end: number }, b: { start: number; end: number }, pageSize: number): boolean {
  return Math.floor(a.start / pageSize) === Math.floor(b.start / pageSize) && Math.floor(a.end / pageSize) === Math.floor(b.end / pageSize)
}

function TransactionsView({ savedFilter, account }: { savedFilter: TransactionFilter | null; account: string }): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const { filter, setFilter: setFilterState, restored } = useTransactionFilter(savedFilter, account)
  const [sort, setSortState] = useState<TransactionQuery['sort']>(DEFAULT_SORT)
  // The grid reports what it renders; until then, only page 0.
  const [visible, setVisible] = useState({ start: 0, end: 0 })
  // Sized to the window when the screen opens (a window made taller later fetches two pages).
  const [pageSize] = useState(() => pageSizeFor(window.innerHeight, ROW_HEIGHT, OVERSCAN))
  const [selectedIndex, setSelectedIndexState] = useState<number | null>(null)
  // Mirrors selectedIndex synchronously, so fast key repeat computes from the latest selection.
  const selectedRef = useRef<number | null>(null)
  const setSelectedIndex = useCallback((index: number | null) => {
    selectedRef.current = index
    setSelectedIndexState(index)
  }, [])
  const [detailKey, setDetailKey] = useState<string | null>(null)
  const [refundRow, setRefundRow] = useState<TransactionView | null>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const gridRef = useRef<HTMLDivElement>(null)
  const pages = useTransactionPages(filter, sort, visible, pageSize)
  const exporter = useExportView(filter)
  // Row callbacks read the pages through a ref so they stay stable and memoised rows don't re-render.
  const pagesRef = useRef(pages)
  pagesRef.current = pages

  useDetailDeepLink({
    openDetail: (key) => {
      setSelectedIndex(null)
      setDetailKey(key)
    },
    // Filter the table down to the linked row's pay_id so the row is findable next to its detail.
    showPayId: (payId) => {
      setFilterState({ ...DEFAULT_FILTER, search: payId })
      setSortState(DEFAULT_SORT)
      gridRef.current?.scrollTo({ top: 0 })
    }
  })

  const resetSelection = (): void => {
    setSelectedIndex(null)
    setDetailKey(null)
    gridRef.current?.scrollTo({ top: 0 })
  }
  const setFilter = (next: TransactionFilter): void => {
    setFilterState(next)
    resetSelection()
  }
  const setSort = (next: TransactionQuery['sort']): void => {
    setSortState(next)
    resetSelection()
  }

  const select = useCallback(
    (index: number) => {
      setSelectedIndex(index)
      // An open detail panel follows the selection (not onto a row of the previous filter).
      const key = pagesRef.current.isStale ? undefined : pagesRef.current.rowAt(index)?.key
      setDetailKey((open) => (open === null ? null : (key ?? open)))
    },
    [setSelectedIndex]
  )
  const activate = useCallback(
    (index: number) => {
      // The rows shown still belong to the previous filter: a click must not act on them.
      if (pagesRef.current.isStale) return
      setSelectedIndex(index)
      const row = pagesRef.current.rowAt(index)
      if (row) setDetailKey(row.key)
      gridRef.current?.focus({ preventScroll: true })
    },
    [setSelectedIndex]
  )
  const onRangeChange = useCallback((range: { start: number; end: number }) => {
    setVisible((prev) => (samePages(prev, range, pageSize) ? prev : range))
  }, [pageSize])

  const selectedRow = selectedIndex !== null ? pages.rowAt(selectedIndex) : undefined
  // The payment of an open refund dialog never changes: a second request to open one is ignored
  // until the first is closed (the dialog's own keys never reach the grid, this is the backstop).
  const openRefund = useCallback((row: TransactionView) => setRefundRow((open) => open ?? row), [])
  // From the search box (↓ or Enter) into the results: first row selected, focus in the grid.
  const enterResults = useCallback(() => {
    if (pagesRef.current.total > 0) setSelectedIndex(0)
    gridRef.current?.focus({ preventScroll: true })
  }, [setSelectedIndex])
  useTableKeyboard({
    total: pages.total,
    selectedIndex,
    select,
    move: (delta) => {
      if (pages.total === 0) return
      const prev = selectedRef.current
      const next = Math.min(pages.total - 1, Math.max(0, (prev ?? (delta > 0 ? -1 : pages.total)) + delta))
      setSelectedIndex(next)
      const key = pages.isStale ? undefined : pages.rowAt(next)?.key
      if (key) setDetailKey((open) => (open === null ? null : key))
    },
    // While stale, Enter and r would act on a row of the previous filter.
    openDetail: () => !pages.isStale && selectedRow && setDetailKey(selectedRow.key),
    closeDetail: () => {
      if (detailKey === null) return false
      setDetailKey(null)
      gridRef.current?.focus({ preventScroll: true })
      return true
    },
    refund: () => !pages.isStale && selectedRow?.kind === 'payment' && openRefund(selectedRow),
    exportView: exporter.run,
    focusSearch: () => searchRef.current?.focus(),
    pageSize: 20,
    gridRef
  })

  const body = (() => {
    if (pages.error && pages.total === 0) return <ErrorState error={pages.error} title={t('loadError')} onRetry={pages.refetch} />
    if (pages.isLoading) return <div className="state-box"><Spinner label={t('loading')} /></div>
    if (pages.total === 0) {
      // Nothing read is not nothing stored: the notice above says which file failed.
      if (pages.isUnreadable) return <EmptyState title={t('empty.unreadableTitle')} detail={t('empty.unreadableDetail')} />
      return isDefaultFilter(filter) ? (
        <EmptyState title={t('empty.noDataTitle')} detail={t('empty.noDataDetail')} />
      ) : (
        <EmptyState title={t('empty.title')} detail={t('empty.detail')} />
      )
    }
    return (
      <TransactionTable
        gridRef={gridRef}
        total={pages.total}
        rowAt={pages.rowAt}
        sort={sort}
        onSort={(column) => setSort(toggleSort(sort, column))}
        selectedIndex={selectedIndex}
        onActivate={activate}
        onRangeChange={onRangeChange}
        busy={pages.isFetching || pages.isStale}
        stale={pages.isDimmed}
        panelOpen={detailKey !== null}
      />
    )
  })()

  return (
    <section className="screen tx-screen" aria-label={t('tableLabel')}>
      <FilterToolbar
        filter={filter}
        onChange={setFilter}
        searchRef={searchRef}
        onEnterResults={enterResults}
        onExport={exporter.run}
        exporting={exporter.state.status === 'running'}
      />
      {restored ? <RestoredFilterNotice onClear={() => setFilter(DEFAULT_FILTER)} /> : null}
      <ExportNotice state={exporter.state} onDismiss={exporter.clear} onRetry={exporter.run} />
      {/* Partial: older cached months are still being read; dimmed until an answer covers them all. */}
      <TotalsBar totals={pages.totals} stale={pages.isDimmed || pages.isPartial} />
      <div className="tx-main">
        <div className="tx-table-wrap">{body}</div>
        {detailKey !== null ? (
          <PaymentDetailPanel
            rowKey={detailKey}
            onClose={() => {
              setDetailKey(null)
              gridRef.current?.focus({ preventScroll: true })
            }}
            onRefund={openRefund}
          />
        ) : null}
      </div>
      <SelectionAnnouncer row={selectedRow ?? null} index={selectedIndex} total={pages.total} gridRef={gridRef} />
      {refundRow ? <RefundDialog payment={refundRow} onClose={() => setRefundRow(null)} /> : null}
    </section>
  )
}
