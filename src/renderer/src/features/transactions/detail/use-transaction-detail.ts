import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { call } from '../../../api/call'
import { queryKeys } from '../../../api/query-keys'
import type { TransactionDetail } from '@shared/views'

/**
 * The detail of one row. While the next row loads, the previous row's detail stays (placeholder),
 * so the panel's controls stay mounted and keyboard focus in it is not lost.
 */
export function useTransactionDetail(key: string): UseQueryResult<TransactionDetail> {
  return useQuery({
    queryKey: queryKeys.transaction(key),
    queryFn: () => call('getTransaction', { key }),
    staleTime: 10_000,
    placeholderData: keepPreviousData
  })
}
