/**
 * Keeps TanStack Query in step with main's events: sync state goes straight into the cache;
 * data queries refresh when a sync finishes, the ledger changes or the environment switches.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import { useIpcEvent } from './events'
import { DATA_ROOTS, queryKeys } from './query-keys'

function invalidateData(client: QueryClient): void {
  void client.invalidateQueries({ predicate: (q) => DATA_ROOTS.includes(String(q.queryKey[0])) })
}

export function useLiveUpdates(): void {
  const client = useQueryClient()
  const lastStatus = useRef<string | null>(null)

  useIpcEvent('syncState', (state) => {
    client.setQueryData(queryKeys.syncState, state)
    // Progress events arrive per page; refresh data only when a run ends, not on every page.
    if (lastStatus.current === 'syncing' && state.status !== 'syncing') invalidateData(client)
    lastStatus.current = state.status
  })
  useIpcEvent('ledgerChanged', (payload) => {
    client.setQueryData(queryKeys.refundRequests, payload.requests)
    invalidateData(client)
  })
  useIpcEvent('environmentChanged', (info) => {
    client.setQueryData(queryKeys.environment, info)
    void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'environment' && q.queryKey[0] !== 'settings' })
  })
}
