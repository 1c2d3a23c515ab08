/**
 * Keeps TanStack Query in step with main's events: sync state goes straight into the cache;
 * data queries refresh when a sync finishes; another account's opening drops the previous one's; a ledger change refreshes
 * only what shows requests (rows, month view, and eligibility/details of the payments it names);
 * the team link's status goes straight into the cache.
 * While a sync runs, main applies each page to the index at once: the row views refresh as pages
 * arrive (at most every SYNC_REFRESH_MS), keeping the rows on screen until the new ones are there.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { TeamStatus } from '@shared/team'
import type { EnvironmentInfo } from '@shared/views'
import { useIpcEvent } from './events'
import { APP_ROOTS, DATA_ROOTS, queryKeys } from './query-keys'

function invalidateData(client: QueryClient): void {
  void client.invalidateQueries({ predicate: (q) => DATA_ROOTS.includes(String(q.queryKey[0])) })
}

/**
 * Data answered while main was still reading older cached months (QueryResult.partial: the
 * transactions list, the month-end rows) and not refreshed since. Once invalidated it counts no
 * more: one kept until it is shown again (an inactive query) must not refresh everything on every
 * later state. One that the load's failure left partial (`cacheUnreadable`) counts neither: it
 * stays so until the app starts again.
 */
function hasPartialAnswers(client: QueryClient): boolean {
  return client
    .getQueryCache()
    .findAll({ predicate: (q) => DATA_ROOTS.includes(String(q.queryKey[0])) })
    .some((q) => {
      const data = q.state.data as { partial?: true; cacheUnreadable?: true } | undefined
      return !q.state.isInvalidated && data?.partial === true && data.cacheUnreadable !== true
    })
}

/** Row refund states and totals change with the ledger; eligibility and details only for the changed payments. */
const LEDGER_ROOTS: readonly string[] = ['transactions', 'month', 'acrossAccounts']

/**
 * Another account (or environment) is open. Called by the environmentChanged event and by the
 * switch's own answer, whichever comes first: when the open account really changed, every query
 * of the previous account is reset — its data dropped, the visible ones fetched anew — so nothing
 * of one shop stays on screen under another shop's name. The app's own settings and the account
 * list are refreshed, not dropped (the shell keeps its frame). The same account again (the second
 * of the two signals) only refreshes.
 */
export function openedAccount(client: QueryClient, info: EnvironmentInfo): void {
  const before = client.getQueryData<EnvironmentInfo>(queryKeys.environment)
  client.setQueryData(queryKeys.environment, info)
  void client.invalidateQueries({ queryKey: queryKeys.settings })
  void client.invalidateQueries({ queryKey: queryKeys.accounts })
  const same = before !== undefined && sameAccount(before, info)
  const perAccount = (q: { queryKey: readonly unknown[] }): boolean => !APP_ROOTS.includes(String(q.queryKey[0]))
  if (same) void client.invalidateQueries({ predicate: perAccount })
  else void client.resetQueries({ predicate: perAccount })
}

function sameAccount(a: EnvironmentInfo, b: EnvironmentInfo): boolean {
  return a.active === b.active && a.baseUrl === b.baseUrl && a.account.id === b.account.id
}

function invalidateLedgerViews(client: QueryClient, payIds: ReadonlySet<string>): void {
  void client.invalidateQueries({
    predicate: (q) => {
      const [root, id] = q.queryKey
      if (LEDGER_ROOTS.includes(String(root))) return true
      if (root === 'eligibility') return payIds.has(String(id))
      if (root === 'transaction') return payIds.has((q.state.data as { row?: { payId?: string } } | undefined)?.row?.payId ?? '')
      return false
    }
  })
}

/** What a page of a running sync can change: rows, totals, statuses, a payment's details. */
const SYNC_PAGE_ROOTS: readonly string[] = ['transactions', 'transaction', 'eligibility', 'statuses', 'month']
/** At most this often while syncing: each refresh re-queries the visible window and its totals. */
export const SYNC_REFRESH_MS = 500

export function useLiveUpdates(): void {
  const client = useQueryClient()
  const lastStatus = useRef<string | null>(null)
  const wasLoading = useRef(false)
  const lastRows = useRef(0)
  const lastRefresh = useRef(0)
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => {
    if (pending.current !== null) clearTimeout(pending.current)
  }, [])

  const refreshRows = (): void => {
    lastRefresh.current = Date.now()
    // A refetch keeps the current data until the answer is there: no empty list in between.
    void client.invalidateQueries({ predicate: (q) => SYNC_PAGE_ROOTS.includes(String(q.queryKey[0])) })
  }

  useIpcEvent('syncState', (state) => {
    // A sync of the account just closed can report its end after another account opened: the
    // state of another environment is not this account's (the open one's is fetched on opening).
    const open = client.getQueryData<EnvironmentInfo>(queryKeys.environment)
    if (open !== undefined && state.env !== open.active) return
    client.setQueryData(queryKeys.syncState, state)
    if (state.status === 'syncing') {
      const rows = state.progress?.rows ?? 0
      if (rows !== lastRows.current && rows > 0) {
        lastRows.current = rows
        const wait = SYNC_REFRESH_MS - (Date.now() - lastRefresh.current)
        if (wait <= 0) refreshRows()
        else pending.current ??= setTimeout(() => {
          pending.current = null
          refreshRows()
        }, wait)
      }
    } else {
      lastRows.current = 0
      if (pending.current !== null) clearTimeout(pending.current)
      pending.current = null
    }
    // The end of a run refreshes everything it may have changed (ledger included).
    if (lastStatus.current === 'syncing' && state.status !== 'syncing') invalidateData(client)
    lastStatus.current = state.status
    // The newest month is on screen from the start; totals and older rows are complete once the
    // background cache load has read every month. The state says "loading" when the load starts
    // and after each month, which the window may not have heard (with two cached months the only
    // such state is sent before it listens): an answer marked partial says so too.
    const loading = state.cacheLoad != null
    if (!loading && (wasLoading.current || hasPartialAnswers(client))) invalidateData(client)
    wasLoading.current = loading
  })
  useIpcEvent('ledgerChanged', (payload) => {
    client.setQueryData(queryKeys.refundRequests, payload.requests)
    invalidateLedgerViews(client, new Set(payload.payIds))
  })
  useIpcEvent('environmentChanged', (info) => openedAccount(client, info))
  useIpcEvent('teamStatus', (status) => teamStatusChanged(client, status))
}

/**
 * The team link changed (online/unreachable, events waiting). A new contact may have pulled
 * teammates' review ticks, which no other event announces: the review is re-read then. Pulled
 * ledger events come with their own ledgerChanged.
 */
export function teamStatusChanged(client: QueryClient, status: TeamStatus): void {
  const before = client.getQueryData<TeamStatus>(queryKeys.teamStatus)
  client.setQueryData(queryKeys.teamStatus, status)
  // A tick being saved keeps its optimistic state; the save's own answer brings the rest.
  const saving = client.isMutating({ mutationKey: ['setReviewed'] }) > 0
  if (status.lastContactAt !== null && status.lastContactAt !== before?.lastContactAt && !saving) {
    void client.invalidateQueries({ queryKey: ['reviewState'] })
  }
}
