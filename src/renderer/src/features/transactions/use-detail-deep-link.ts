/**
 * Deep links into a payment's detail: `#/transactions?detail=<row key>` (the requests screen's
 * "Open refund entry"). Opens the row's detail, asks the screen to show that pay_id, then drops the
 * query part from the hash so a reload or back does not open it again.
 */
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'

/** The row key named in `#/transactions?detail=<key>` (see RequestActions' refundEntryHref), or null. */
export function detailParam(hash: string): string | null {
  const match = /^#\/?transactions\?(.*)$/.exec(hash)
  if (!match) return null
  const key = new URLSearchParams(match[1]).get('detail')
  return key ? key : null
}

export interface DetailDeepLinkActions {
  openDetail: (key: string) => void
  showPayId: (payId: string) => void
}

export function useDetailDeepLink(actions: DetailDeepLinkActions): void {
  const client = useQueryClient()
  const ref = useRef(actions)
  ref.current = actions
  useEffect(() => {
    const openFromHash = (): void => {
      const key = detailParam(window.location.hash)
      if (key === null) return
      window.history.replaceState(window.history.state, '', '#/transactions')
      ref.current.openDetail(key)
      void client
        .fetchQuery({ queryKey: queryKeys.transaction(key), queryFn: () => call('getTransaction', { key }), staleTime: 10_000 })
        .then((detail) => ref.current.showPayId(detail.row.payId))
        .catch(() => undefined) // the panel shows its own load error
    }
    openFromHash()
    window.addEventListener('hashchange', openFromHash)
    return () => window.removeEventListener('hashchange', openFromHash)
  }, [client])
}
