/**
 * The two ledger actions of this screen. Main also pushes `ledgerChanged` (the shell's live
 * updates refresh the list); putting the answer into the cache right away avoids a flash of the
 * old state.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import type { RefundRequest, RefundRequestState } from '@shared/views'

function useLedgerUpdate(): (updated: RefundRequest) => void {
  const client = useQueryClient()
  return (updated) => {
    client.setQueryData<RefundRequest[]>(queryKeys.refundRequests, (old) => old?.map((r) => (r.id === updated.id ? updated : r)))
    void client.invalidateQueries({ queryKey: queryKeys.refundRequests })
  }
}

export function useCheckAgain(requestId: string) {
  const update = useLedgerUpdate()
  return useMutation({
    // The variable is the state before the check, so the UI can say whether anything changed.
    mutationFn: (_stateBefore: RefundRequestState) => call('checkRefundRequest', { requestId }),
    onSuccess: update
  })
}

export function useMarkDenied(requestId: string) {
  const update = useLedgerUpdate()
  return useMutation({
    mutationFn: (reason: string) => call('markRefundDenied', { requestId, reason }),
    onSuccess: update
  })
}
