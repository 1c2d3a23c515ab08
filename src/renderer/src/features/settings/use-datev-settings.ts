/** The DATEV settings of the active environment's workspace (main stores them; see docs/datev-export.md#in-the-app). */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import type { DatevSettingsState } from '@shared/bookkeeping-views'
import type { DatevSettings } from '@shared/datev-settings'
import { call } from '../../api/call'

export const datevSettingsKey = ['datevSettings'] as const

export function useDatevSettings(): UseQueryResult<DatevSettingsState> {
  return useQuery({ queryKey: datevSettingsKey, queryFn: () => call('getDatevSettings', {}) })
}

export function useSaveDatevSettings() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (settings: DatevSettings) => call('saveDatevSettings', { settings }),
    onSuccess: (state) => client.setQueryData(datevSettingsKey, state)
  })
}
