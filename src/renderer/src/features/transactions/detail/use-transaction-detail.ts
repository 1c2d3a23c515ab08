import { useQuery, type UseQueryResult } from '@tanstack/react-query'
import { call } from '../../../api/call'
import { queryKeys } from '../../../api/query-keys'
import type { TransactionDetail } from '../../../../../shared/views'

export function useTransactionDetail(key: string): UseQueryResult<TransactionDetail> {
  return useQuery({ queryKey: queryKeys.transaction(key), queryFn: () => call('getTransaction', { key }), staleTime: 10_000 })
}
