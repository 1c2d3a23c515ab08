/**
 * Keeps TanStack Query in step with main's events: sync state goes straight into the cache;
 * data queries refresh when a sync finishes or the environment switches; a ledger change refreshes
 * only what shows requests (rows, month view, and eligibility/details of the payments it names).
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useIpcEvent } from './events'
import { DATA_ROOTS, queryKeys } from './query-keys'

function invalidateData(client: QueryClient): void {
  void client.invalidateQueries({ predicate: (q) => DATA_ROOTS.includes(String(q.queryKey[0])) })
}

/** Row refund states and totals change with the ledger; eligibility and details only for the changed payments. */
const LEDGER_ROOTS: readonly string[] = ['transactions', 'month']

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

export function useLiveUpdates(): void {
  const client = useQueryClient()
  const lastStatus = useRef<string | null>(null)
  const wasLoading = useRef(false)

  useIpcEvent('syncState', (state) => {
    client.setQueryData(queryKeys.syncState, state)
    // Progress events arrive per page; refresh data only when a run ends, not on every page.
    if (lastStatus.current === 'syncing' && state.status !== 'syncing') invalidateData(client)
    lastStatus.current = state.status
    // The newest month is on screen from the start; totals and older rows are complete once the
    // background cache load has read every month.
    const loading = state.cacheLoad != null
    if (wasLoading.current && !loading) invalidateData(client)
    wasLoading.current = loading
  })
  useIpcEvent('ledgerChanged', (payload) => {
    client.setQueryData(queryKeys.refundRequests, payload.requests)
    invalidateLedgerViews(client, new Set(payload.payIds))
  })
  useIpcEvent('environmentChanged', (info) => {
    client.setQueryData(queryKeys.environment, info)
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'environment' && q.queryKey[0] !== 'settings' })
  })
}
