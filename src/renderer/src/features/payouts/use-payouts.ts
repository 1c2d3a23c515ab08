/** Payout data from main; the 'payouts' root is refreshed after every sync (api/query-keys DATA_ROOTS). */
import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import type { PayoutEntries, PayoutList } from '@shared/ipc-channels'
import type { PayoutReconciliation } from '@shared/views'
import { call } from '../../api/call'

export const payoutKeys = {
  list: ['payouts', 'list'] as const,
  reconciliation: (month: string) => ['payouts', 'reconciliation', month] as const,
  entries: (payoutId: string) => ['payouts', 'entries', payoutId] as const
}

export function usePayouts(): UseQueryResult<PayoutList> {
  return useQuery({ queryKey: payoutKeys.list, queryFn: () => call('listPayouts', {}) })
}

export function usePayoutReconciliation(month: string): UseQueryResult<PayoutReconciliation> {
  return useQuery({ queryKey: payoutKeys.reconciliation(month), queryFn: () => call('getPayoutReconciliation', { month }) })
}

export function usePayoutEntries(payoutId: string): UseQueryResult<PayoutEntries> {
  return useQuery({ queryKey: payoutKeys.entries(payoutId), queryFn: () => call('getPayoutEntries', { payoutId }) })
}
