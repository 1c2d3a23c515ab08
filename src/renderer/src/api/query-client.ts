import { QueryClient } from '@tanstack/react-query'

/**
 * Data lives in main (cache + ledger); queries are cheap IPC calls. No refetch on focus (main
 * pushes changes as events) and no automatic retries (an error should be shown, not hidden).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false }
  }
})
