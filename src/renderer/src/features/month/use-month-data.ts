/**
 * Data of the month-end review. The month is loaded completely (windows of 1000, the IPC maximum)
 * because the chart, the per-day table and "mark all visible" need every row; a busy month is a
 * few thousand rows. Query roots 'month' and 'reviewState' are refreshed by the shell's live
 * updates after every sync and ledger change (api/query-keys DATA_ROOTS).
 */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import { useState } from 'react'
import { call } from '../../api/call'
import type { ReviewState } from '@shared/ipc-channels'
import type { QueryResult, TransactionFilter, TransactionView } from '@shared/views'

const WINDOW = 1000
/** setReviewed accepts at most 5000 keys per call (ipc-contract.ts). */
const KEYS_PER_CALL = 5000

export const monthKeys = {
  rows: (filter: TransactionFilter) => ['month', 'rows', filter] as const,
  review: (month: string) => ['reviewState', month] as const
}

export interface MonthData extends Omit<QueryResult, 'rows' | 'offset'> {
  rows: TransactionView[]
}

export function useMonthRows(filter: TransactionFilter): UseQueryResult<MonthData> & { progress: { loaded: number; total: number } | null } {
  const [loaded, setLoaded] = useState<{ key: string; n: number; total: number } | null>(null)
  const key = JSON.stringify(filter)
  const query = useQuery({
    queryKey: monthKeys.rows(filter),
    queryFn: async (): Promise<MonthData> => {
      const sort = { column: 'createdAt', direction: 'asc' } as const
      const first = await call('queryTransactions', { filter, sort, offset: 0, limit: WINDOW })
      const rows = [...first.rows]
      let partial = first.partial === true
      let unreadable = first.cacheUnreadable === true
      while (rows.length < first.total) {
        setLoaded({ key, n: rows.length, total: first.total })
        const next = await call('queryTransactions', { filter, sort, offset: rows.length, limit: WINDOW })
        if (next.rows.length === 0) break // the cache changed under us; the next refresh fixes it
        rows.push(...next.rows)
        partial ||= next.partial === true
        unreadable ||= next.cacheUnreadable === true
      }
      // Read while main still reads older cached months: the month may lack rows (the screen
      // waits; the shell refreshes it when the load ends), or that the load's failure left partial.
      return {
        rows,
        total: first.total,
        totals: first.totals,
        dataAsOf: first.dataAsOf,
        ...(partial ? { partial: true as const } : {}),
        ...(unreadable ? { cacheUnreadable: true as const } : {})
      }
    }
  })
  return Object.assign(query, { progress: loaded && loaded.key === key ? { loaded: loaded.n, total: loaded.total } : null })
}

export function useReviewState(month: string): UseQueryResult<ReviewState> {
  return useQuery({ queryKey: monthKeys.review(month), queryFn: () => call('getReviewState', { month }) })
}

/** Ticks persist in main; the cache is updated optimistically so a click feels instant. */
export function useSetReviewed(month: string) {
  const client = useQueryClient()
  const key = monthKeys.review(month)
  const mutationKey = ['setReviewed', month]
  return useMutation({
    mutationKey,
    mutationFn: async ({ keys, reviewed }: { keys: string[]; reviewed: boolean }): Promise<ReviewState> => {
      let state: ReviewState = { month, reviewedKeys: [] }
      for (let i = 0; i < keys.length; i += KEYS_PER_CALL) {
        state = await call('setReviewed', { month, keys: keys.slice(i, i + KEYS_PER_CALL), reviewed })
      }
      return state
    },
    onMutate: async ({ keys, reviewed }) => {
      await client.cancelQueries({ queryKey: key })
      const previous = client.getQueryData<ReviewState>(key)
      const set = new Set(previous?.reviewedKeys ?? [])
      for (const k of keys) {
        if (reviewed) set.add(k)
        else set.delete(k)
      }
      // Who ticked a row (team mode) no longer holds for the rows just changed here.
      const changed = new Set(keys)
      const ticks = previous?.ticks?.filter((tick) => !changed.has(tick.key))
      client.setQueryData<ReviewState>(key, { month, reviewedKeys: [...set], ...(ticks ? { ticks } : {}) })
      return { previous }
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) client.setQueryData(key, context.previous)
    },
    // With several clicks in flight, an earlier answer lacks the later ticks: keep the optimistic
    // state until the last one answers.
    onSuccess: (state) => {
      if (client.isMutating({ mutationKey }) <= 1) client.setQueryData(key, state)
    }
  })
}
