/**
 * Sends one refund request (never retried) and lets the user re-check an unknown outcome.
 * The lock lives in main; the UI only mirrors it by disabling the button while sending.
 * `withoutTeam` is only ever set by the user's explicit choice after main said the team database
 * is unreachable (TeamRefusal.tsx).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { call } from '../../api/call'
import { DATA_ROOTS } from '../../api/query-keys'
import type { RefundRequest } from '@shared/views'
import type { ValidForm } from './refund-form'

export interface RefundSubmission {
  form: ValidForm
  withoutTeam?: boolean
}

export function useRefundSubmission(payId: string) {
  const client = useQueryClient()
  const refresh = (): void => void client.invalidateQueries({ predicate: (q) => DATA_ROOTS.includes(String(q.queryKey[0])) })
  const submit = useMutation({
    mutationFn: ({ form, withoutTeam }: RefundSubmission): Promise<RefundRequest> =>
      call('submitRefund', { payId, ...form, ...(withoutTeam ? { withoutTeam: true as const } : {}) }),
    onSettled: refresh
  })
  const check = useMutation({
    mutationFn: (requestId: string): Promise<RefundRequest> => call('checkRefundRequest', { requestId }),
    onSettled: refresh
  })
  const request = check.data ?? submit.data ?? null
  return { submit, check, request }
}
