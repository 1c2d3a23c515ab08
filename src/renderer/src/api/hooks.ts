/** Query hooks for app-wide data (settings, environment, credentials, sync state, refund requests). */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import type { Settings } from '@shared/ipc-channels'
import type { IpcRequests } from '@shared/ipc-contract'
import { OPEN_REQUEST_STATES, type SyncState as SyncStateView, type CredentialStatus, type EnvironmentInfo, type RefundRequest } from '@shared/views'
import { call } from './call'
import { queryKeys } from './query-keys'

export function useSettings(): UseQueryResult<Settings> {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => call('getSettings', {}), staleTime: Infinity })
}

export function useEnvironment(): UseQueryResult<EnvironmentInfo> {
  return useQuery({ queryKey: queryKeys.environment, queryFn: () => call('getEnvironment', {}), staleTime: Infinity })
}

export function useCredentialStatus(): UseQueryResult<CredentialStatus> {
  return useQuery({ queryKey: queryKeys.credentials, queryFn: () => call('getCredentialStatus', {}) })
}

export function useSyncState(): UseQueryResult<SyncStateView> {
  return useQuery({ queryKey: queryKeys.syncState, queryFn: () => call('getSyncState', {}), staleTime: Infinity })
}

export function useRefundRequests(): UseQueryResult<RefundRequest[]> {
  return useQuery({ queryKey: queryKeys.refundRequests, queryFn: () => call('listRefundRequests', {}) })
}

/** Requests that still await SecPaid (submitting, submitted, outcome unknown). */
export function useOpenRequestCount(): number {
  const { data } = useRefundRequests()
  return data?.filter((r) => OPEN_REQUEST_STATES.includes(r.state)).length ?? 0
}

export function useStatuses(): UseQueryResult<string[]> {
  return useQuery({ queryKey: queryKeys.statuses, queryFn: () => call('listStatuses', {}) })
}

/** Saves a settings patch and puts main's answer straight into the cache. */
export function useUpdateSettings(): (patch: IpcRequests['updateSettings']) => Promise<Settings> {
  const client = useQueryClient()
  const { mutateAsync } = useMutation({
    mutationFn: (patch: IpcRequests['updateSettings']) => call('updateSettings', patch),
    onSuccess: (settings) => client.setQueryData(queryKeys.settings, settings)
  })
  return mutateAsync
}

/** Starts a sync; the sync state itself arrives through the syncState event. */
export function useRunSync(): { run: (full?: boolean) => void; pending: boolean } {
  const client = useQueryClient()
  const mutation = useMutation({
    mutationFn: (full: boolean) => call('runSync', { full }),
    onSuccess: (state) => client.setQueryData(queryKeys.syncState, state)
  })
  return { run: (full = false) => mutation.mutate(full), pending: mutation.isPending }
}
