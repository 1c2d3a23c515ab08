/** The active filter: starts from the saved one and is saved again (debounced) when it changes. */
import { useEffect, useRef, useState } from 'react'
import { useUpdateSettings } from '../../api/hooks'
import type { TransactionFilter } from '../../../../shared/views'
import { DEFAULT_FILTER } from './filter-model'

const SAVE_DELAY_MS = 600

export function useTransactionFilter(saved: TransactionFilter | null): [TransactionFilter, (next: TransactionFilter) => void] {
  const [filter, setFilter] = useState<TransactionFilter>(saved ?? DEFAULT_FILTER)
  const save = useUpdateSettings()
  const saveRef = useRef(save)
  saveRef.current = save
  const first = useRef(true)

  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const id = window.setTimeout(() => void saveRef.current({ transactionFilter: filter }).catch(() => undefined), SAVE_DELAY_MS)
    return () => window.clearTimeout(id)
  }, [filter])

  return [filter, setFilter]
}
