/**
 * The active filter: starts from the saved one and is saved again (debounced) when it changes.
 * A pending save is flushed, not dropped, when the screen unmounts or the window unloads.
 *
 * After a (re)start the saved period and filters come back, but not the search text: a search
 * nobody remembers typing silently hides rows. A restored non-default filter is reported as
 * `restored` until the user changes it, so the screen can say so and offer to clear it. Within
 * one session (switching screens) the filter comes back as it was, search included — unless another
 * account was opened meanwhile: then without the search text.
 */
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import type { Settings } from '@shared/ipc-channels'
import type { TransactionFilter } from '@shared/views'
import { DEFAULT_FILTER, isDefaultFilter } from './filter-model'
import { rememberPeriodPreset, restorePeriodPreset } from './period-preset-store'

const SAVE_DELAY_MS = 600

/** Set once the transactions screen was shown in this window: later mounts are screen switches. */
let shownInThisSession = false
/** The account the screen was last shown for: a search typed for one shop means nothing in another. */
let shownForAccount: string | null = null

function initialFilter(saved: TransactionFilter | null, account: string): { filter: TransactionFilter; restored: boolean } {
  if (saved === null) return { filter: DEFAULT_FILTER, restored: false }
  if (shownInThisSession && shownForAccount !== account) return { filter: { ...restorePeriodPreset(saved), search: '' }, restored: false }
  if (shownInThisSession) return { filter: restorePeriodPreset(saved), restored: false }
  const filter = { ...restorePeriodPreset(saved), search: '' }
  return { filter, restored: !isDefaultFilter(filter) }
}

export interface TransactionFilterState {
  filter: TransactionFilter
  setFilter: (next: TransactionFilter) => void
  /** The filter came back from the last session and has not been touched since. */
  restored: boolean
}

/** `account` identifies the open account (api/accounts accountKeyOf). */
export function useTransactionFilter(saved: TransactionFilter | null, account: string): TransactionFilterState {
  const [initial] = useState(() => initialFilter(saved, account))
  const [filter, setFilterState] = useState<TransactionFilter>(initial.filter)
  const [restored, setRestored] = useState(initial.restored)
  useEffect(() => {
    shownInThisSession = true
    shownForAccount = account
  }, [account])
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
      setRestored(false)
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

  return { filter, setFilter, restored }
}
