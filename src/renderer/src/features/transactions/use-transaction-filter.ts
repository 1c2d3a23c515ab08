/**
 * The active filter: starts from the saved one and is saved again (debounced) when it changes.
 * A pending save is flushed, not dropped, when the screen unmounts or the window unloads.
 */
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import type { Settings } from '@shared/ipc-channels'
import type { TransactionFilter } from '@shared/views'
import { DEFAULT_FILTER } from './filter-model'
import { rememberPeriodPreset, restorePeriodPreset } from './period-preset-store'

const SAVE_DELAY_MS = 600

export function useTransactionFilter(saved: TransactionFilter | null): [TransactionFilter, (next: TransactionFilter) => void] {
  const [filter, setFilterState] = useState<TransactionFilter>(() => (saved ? restorePeriodPreset(saved) : DEFAULT_FILTER))
  const client = useQueryClient()
  const pending = useRef<TransactionFilter | null>(null)
  const timer = useRef<number | null>(null)
  const seq = useRef(0)

  const flush = useCallback(() => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current)
      timer.current = null
    }
    const next = pending.current
    if (next === null) return
    pending.current = null
    rememberPeriodPreset(next)
    // Optimistic: a screen mounted again before main answers starts from this filter.
    client.setQueryData<Settings>(queryKeys.settings, (old) => (old ? { ...old, transactionFilter: next } : old))
    const mine = ++seq.current
    void call('updateSettings', { transactionFilter: next })
      .then((settings) => {
        // An older save answering late must not overwrite a newer optimistic filter.
        if (mine === seq.current && pending.current === null) client.setQueryData(queryKeys.settings, settings)
      })
      .catch(() => undefined)
  }, [client])

  const setFilter = useCallback(
    (next: TransactionFilter) => {
      setFilterState(next)
      pending.current = next
      if (timer.current !== null) window.clearTimeout(timer.current)
      timer.current = window.setTimeout(flush, SAVE_DELAY_MS)
    },
    [flush]
  )

  useEffect(() => {
    window.addEventListener('beforeunload', flush)
    return () => {
      window.removeEventListener('beforeunload', flush)
      flush() // unmount (screen change): save now instead of dropping the pending change
    }
  }, [flush])

  return [filter, setFilter]
}
