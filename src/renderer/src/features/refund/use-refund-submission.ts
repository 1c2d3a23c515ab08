/**
 * Sends one refund request (never retried) and lets the user re-check an unknown outcome.
 * The lock lives in main; the UI only mirrors it by disabling the button while sending.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/call'
import { DATA_ROOTS } from '../../api/query-keys'
import type { RefundRequest } from '@shared/views'
import type { ValidForm } from './refund-form'

export function useRefundSubmission(payId: string) {
  const client = useQueryClient()
  const refresh = (): void => void client.invalidateQueries({ predicate: (q) => DATA_ROOTS.includes(String(q.queryKey[0])) })
  const submit = useMutation({
    mutationFn: (form: ValidForm): Promise<RefundRequest> => call('submitRefund', { payId, ...form }),
    onSettled: refresh
  })
  const check = useMutation({
    mutationFn: (requestId: string): Promise<RefundRequest> => call('checkRefundRequest', { requestId }),
    onSettled: refresh
  })
  const request = check.data ?? submit.data ?? null
  return { submit, check, request }
}
