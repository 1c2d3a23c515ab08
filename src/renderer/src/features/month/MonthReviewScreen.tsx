/**
 * Month-end review: pick a Berlin month, tick off every entry, check totals and
 * the daily chart, export exactly this view (CSV Excel-de, CSV, JSON, printable summary).
 * "All accounts" shows the same month for every account side by side, with one export each.
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState, ErrorState, Spinner } from '../../components'
import { currentBerlinMonth, previousMonth } from '@shared/berlin-time'
import { PayoutReconciliationSection } from '../payouts'
import { AcrossAccounts } from './AcrossAccounts'
import { DailyChart } from './DailyChart'
import { DataAsOf } from './DataAsOf'
import { ExportBar } from './ExportBar'
import { MonthPicker } from './MonthPicker'
import { MonthTotals } from './MonthTotals'
import { PrintableSummary } from './PrintableSummary'
import { ReviewSection } from './ReviewSection'
import { ScopeToggle, type MonthScope } from './ScopeToggle'
import { ViewToggle } from './ViewToggle'
import { useMonthLabel } from './month-label'
import { dailySums, isStale, monthFilter, type MonthView } from './month-view'
import { useMonthRows, useReviewState } from './use-month-data'
import './month.css'

export function MonthReviewScreen(): React.JSX.Element {
  const { t } = useTranslation('month')
  const monthLabel = useMonthLabel()
  const currentMonth = currentBerlinMonth(new Date())
  // Bookkeepers close the month that just ended.
  const [month, setMonth] = useState(() => previousMonth(currentMonth))
  const [scope, setScope] = useState<MonthScope>('account')
  const toolbarStart = (
    <>
      <ScopeToggle value={scope} onChange={setScope} />
      <MonthPicker month={month} currentMonth={currentMonth} onChange={setMonth} />
    </>
  )
  if (scope === 'all') {
    return (
      <section className="mr-screen stack" aria-label={t('title')}>
        <div className="row mr-toolbar">{toolbarStart}</div>
        <AcrossAccounts month={month} monthLabel={monthLabel(month)} />
      </section>
    )
  }
  return <AccountMonth month={month} toolbarStart={toolbarStart} />
}

/** The open account's month: totals, chart, payouts, review list, exports. */
function AccountMonth({ month, toolbarStart }: { month: string; toolbarStart: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation('month')
  const monthLabel = useMonthLabel()
  const [view, setView] = useState<MonthView>('all')
  const [printing, setPrinting] = useState(false)

  const filter = useMemo(() => monthFilter(month, view), [month, view])
  const data = useMonthRows(filter)
  const review = useReviewState(month)
  const days = useMemo(() => dailySums(month, data.data?.rows ?? []), [month, data.data])
  const reviewed = useMemo(() => new Set(review.data?.reviewedKeys ?? []), [review.data])
  // Team mode: who set each tick the team has seen (absent otherwise).
  const tickOrigins = useMemo(() => (review.data?.ticks ? new Map(review.data.ticks.map((tick) => [tick.key, tick])) : null), [review.data])

  const label = monthLabel(month)
  const viewLabel = t(`kinds.${view}`)
  const dataAsOf = data.data?.dataAsOf ?? null
  const stale = data.isSuccess && isStale(dataAsOf, new Date())
  const rows = data.data?.rows ?? []
  const reviewedCount = rows.reduce((n, r) => (reviewed.has(r.key) ? n + 1 : n), 0)

  return (
    <section className="mr-screen stack" aria-label={t('title')}>
      <div className="row mr-toolbar">
        {toolbarStart}
        <ViewToggle value={view} onChange={setView} />
        {data.isSuccess ? <DataAsOf dataAsOf={dataAsOf} stale={stale} /> : null}
      </div>

      {data.data?.cacheUnreadable === true ? (
        // The load ended at a month it could not read: this month may lack rows until a restart.
        <div className="notice notice--danger" role="alert">
          <div className="notice__body">
            <p className="notice__title">{t('loadError')}</p>
            <p>{t('cacheUnreadable')}</p>
          </div>
        </div>
      ) : data.isPending || data.data?.partial === true ? (
        <Spinner label={data.progress ? t('loadingProgress', data.progress) : t('loading')} />
      ) : data.isError ? (
        <ErrorState error={data.error} title={t('loadError')} onRetry={() => void data.refetch()} />
      ) : (
        <>
          <ExportBar
            month={month}
            filter={filter}
            count={data.data.total}
            monthLabel={label}
            viewLabel={viewLabel}
            stale={stale}
            neverSynced={dataAsOf === null}
            onPrint={() => setPrinting(true)}
          />
          {data.data.total === 0 ? (
            <EmptyState title={t('empty.title', { month: label })} detail={t('empty.detail')} />
          ) : (
            <>
              <h2 className="mr-heading">{t('totals.heading', { month: label })}</h2>
              <MonthTotals totals={data.data.totals} heading={t('totals.heading', { month: label })} />
              <DailyChart days={days} monthLabel={label} />
              {view === 'all' ? <PayoutReconciliationSection month={month} monthLabel={label} /> : null}
              <ReviewSection key={`${month}-${view}`} month={month} rows={rows} reviewed={reviewed} reviewedCount={reviewedCount} tickOrigins={tickOrigins} />
            </>
          )}
          <PrintableSummary
            open={printing}
            onOpenChange={setPrinting}
            monthLabel={label}
            viewLabel={viewLabel}
            days={days}
            totals={data.data.totals}
            dataAsOf={dataAsOf}
            stale={stale}
            reviewedCount={reviewedCount}
          />
        </>
      )}
    </section>
  )
}
