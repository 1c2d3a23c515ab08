/**
 * Team mode as the screens see it: the open account's team settings and its link to the team
 * database. Both are per account (dropped on an account switch, fetched anew); the link's changes
 * arrive through the `teamStatus` event (use-live-updates.ts).
 */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import type { TeamSettingsView, TeamStatus } from '@shared/team'
import { call } from './call'
import { queryKeys } from './query-keys'

export function useTeamSettings(): UseQueryResult<TeamSettingsView> {
  return useQuery({ queryKey: queryKeys.teamSettings, queryFn: () => call('getTeamSettings', {}) })
}

export function useTeamStatus(): UseQueryResult<TeamStatus> {
  return useQuery({ queryKey: queryKeys.teamStatus, queryFn: () => call('getTeamStatus', {}), staleTime: Infinity })
}

/** "Sync with team now": pushes what waits, pulls what teammates wrote; main answers with the link. */
export function useSyncTeamNow() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => call('syncTeamNow', {}),
    onSuccess: (status) => {
      client.setQueryData(queryKeys.teamStatus, status)
      // What teammates did arrives in the ledger and the review ticks.
      void client.invalidateQueries({ predicate: (q) => TEAM_SHARED_ROOTS.includes(String(q.queryKey[0])) })
    }
  })
}

/** What a pull from the team can change: requests (and so rows, eligibility) and review ticks. */
export const TEAM_SHARED_ROOTS: readonly string[] = ['refundRequests', 'transactions', 'transaction', 'eligibility', 'reviewState', 'month']
