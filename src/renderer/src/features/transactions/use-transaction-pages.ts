/**
 * Server-side windows over the (possibly 200k-row) cache: page 0 always (it carries total and
 * totals), plus whichever pages the visible range touches. Only those are fetched.
 *
 * A page is about as many rows as the window shows (`pageSizeFor`), not a fixed 200: every
 * keystroke in the search box fetches page 0 anew, and what it costs to carry the answer from
 * main to the page grows with its rows — rows nobody sees are pure cost on every key.
 */
import { queryOptions, useQueries, useQueryClient } from '@tanstack/react-query'
import { useMemo, useRef } from 'react'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import type { QueryResult, TransactionFilter, TransactionQuery, TransactionView } from '@shared/views'
import { useShownWhenFetched } from './use-shown-when-fetched'

/** Page sizes are multiples of this (few distinct query keys across window sizes). */
const PAGE_STEP = 10
const MAX_PAGE_SIZE = 200

/**
 * Rows per page for a window `height` px tall showing rows of `rowHeight` px, with `overscan`
 * rows rendered below the last visible one: page 0 covers everything the grid renders at the top
 * (the grid is shorter than the window), so a keystroke is one query, and carries little more.
 */
export function pageSizeFor(height: number, rowHeight: number, overscan: number): number {
  const rows = Math.ceil(Math.max(0, height) / rowHeight) + overscan
  return Math.min(MAX_PAGE_SIZE, Math.max(PAGE_STEP, Math.ceil(rows / PAGE_STEP) * PAGE_STEP))
}

/**
 * The answer, unless the query was cancelled first (superseded: no one shows its key any more);
 * then it rejects at once and a late answer is dropped instead of cached.
 */
function unlessAborted<T>(signal: AbortSignal, answer: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason as Error)
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

/**
 * Page `pageIndex` of the rows under `filter` and `sort`: the one query both the pages hook and
 * the fetch ahead of a filter change (TransactionsScreen) use, so they share the answer.
 */
export function transactionPageQuery(filter: TransactionFilter, sort: TransactionQuery['sort'], pageIndex: number, pageSize: number) {
  return queryOptions({
    queryKey: queryKeys.transactionPage(filter, sort, pageIndex, pageSize),
    // No debounce in front of this: every keystroke in the search box is a new key. The
    // signal lets TanStack Query cancel a query nobody shows any more (main still answers it,
    // in a few milliseconds, and the answer lands only under its own key, never a newer one).
    queryFn: ({ signal }) => unlessAborted(signal, call('queryTransactions', { filter, sort, offset: pageIndex * pageSize, limit: pageSize })),
    staleTime: 60_000
  })
}

export interface TransactionPages {
  total: number
  totals: QueryResult['totals'] | null
  dataAsOf: string | null
  rowAt: (index: number) => TransactionView | undefined
  isLoading: boolean
  isFetching: boolean
  /**
   * True while the rows shown belong to the previous filter/sort: they must not be acted on, and
   * the grid is busy.
   */
  isStale: boolean
  /**
   * True once the screen has switched to the new filter/sort and still shows the previous rows
   * (the answer takes long): they are dimmed. Not during the first moment (useShownWhenFetched),
   * so a fast answer changes nothing on screen but the rows: starting and cancelling the dimming's
   * delayed transition on every keystroke cost a repaint of the grid each time.
   */
  isDimmed: boolean
  /** The answer covers only the cached months read so far (QueryResult.partial). */
  isPartial: boolean
  /** …and a cached month could not be read, so it stays that way (QueryResult.cacheUnreadable). */
  isUnreadable: boolean
  error: unknown
  refetch: () => void
}

/**
 * A new filter or sort shows its rows once they are here (one render per keystroke), or after
 * this long with the previous rows marked stale (dimmed only 150 ms later, see the stylesheet).
 */
const SHOW_STALE_AFTER_MS = 100

/**
 * The pages of `filter` and `sort`, which the screen switches to once page 0 of them is fetched
 * (useShownWhenFetched). Until then the pages of the previous choice are returned as stale: their
 * rows must not be acted on (not clickable, Enter and r do nothing) from the moment another
 * choice is made, not only once it is shown.
 */
export function useTransactionPages(
  filter: TransactionFilter,
  sort: TransactionQuery['sort'],
  visible: { start: number; end: number },
  pageSize: number
): TransactionPages {
  const client = useQueryClient()
  const wanted = useMemo(() => ({ filter, sort }), [filter, sort])
  const shown = useShownWhenFetched(wanted, (q) => client.prefetchQuery(transactionPageQuery(q.filter, q.sort, 0, pageSize)), SHOW_STALE_AFTER_MS)
  const pages = usePagesOf(shown.filter, shown.sort, visible, pageSize)
  return shown === wanted ? pages : { ...pages, isStale: true }
}

function usePagesOf(
  filter: TransactionFilter,
  sort: TransactionQuery['sort'],
  visible: { start: number; end: number },
  pageSize: number
): TransactionPages {
  const pageIndexes = useMemo(() => {
    const first = Math.floor(Math.max(0, visible.start) / pageSize)
    const last = Math.floor(Math.max(0, visible.end) / pageSize)
    const set = new Set<number>([0])
    for (let i = first; i <= last; i++) set.add(i)
    return [...set]
  }, [visible.start, visible.end, pageSize])

  // Page 0 of the previous filter/sort, shown (dimmed, inert — see TransactionsScreen) while the
  // new one loads. `keepPreviousData` alone does not do this here: useQueries makes a new observer
  // for a new key, and a new observer has no previous data.
  const lastHead = useRef<QueryResult | undefined>(undefined)
  const results = useQueries({
    queries: pageIndexes.map((pageIndex) => ({
      ...transactionPageQuery(filter, sort, pageIndex, pageSize),
      placeholderData: pageIndex === 0 ? (previous: QueryResult | undefined) => previous ?? lastHead.current : undefined
    }))
  })

  const head = results[0]
  if (head?.data && !head.isPlaceholderData) lastHead.current = head.data
  const pages = new Map<number, TransactionView[]>()
  results.forEach((r, i) => {
    const pageIndex = pageIndexes[i]
    if (r.data && pageIndex !== undefined && !(r.isPlaceholderData && pageIndex !== 0)) pages.set(pageIndex, r.data.rows)
  })
  const rowAt = (index: number): TransactionView | undefined => pages.get(Math.floor(index / pageSize))?.[index % pageSize]

  return {
    total: head?.data?.total ?? 0,
    totals: head?.data?.totals ?? null,
    dataAsOf: head?.data?.dataAsOf ?? null,
    rowAt,
    isLoading: head?.isLoading ?? true,
    isFetching: results.some((r) => r.isFetching),
    isStale: head?.isPlaceholderData ?? false,
    isDimmed: head?.isPlaceholderData ?? false,
    isPartial: head?.data?.partial === true,
    isUnreadable: head?.data?.cacheUnreadable === true,
    error: results.find((r) => r.error)?.error ?? null,
    refetch: () => results.forEach((r) => void r.refetch())
  }
}
