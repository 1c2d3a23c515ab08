/**
 * Maps a failed sync to the user-facing state (docs/architecture.md#offline-is-a-state-not-an-error).
 * Messages come from the client's typed errors, which never contain the API key (errors.ts).
 */
import type { AppNotice } from '@shared/notices'
import type { SyncStatus } from '@shared/views'
import { AuthError, NetworkError, RequestAborted, SecpaidError } from '../secpaid/errors'
import type { CacheNotice } from '../storage/transaction-cache'

export interface SyncFailure {
  status: SyncStatus
  kind: string
  message: string
}

/** Thrown by `refreshPayId` when no API key is available for the environment. */
export class NoClientError extends Error {
  readonly kind = 'needs_key' as const
  constructor() {
    super('No SecPaid API key is stored for this environment')
    this.name = 'NoClientError'
  }
}

export function classifySyncError(err: unknown): SyncFailure {
  if (err instanceof NetworkError) return { status: 'offline', kind: err.kind, message: err.message }
  // A rejected key needs the user, like a missing one; the message says which it was.
  if (err instanceof AuthError) return { status: 'needs_key', kind: err.kind, message: err.message }
  if (err instanceof RequestAborted) return { status: 'idle', kind: err.kind, message: err.message }
  // RateLimited (retries exhausted), ServerError, ProtocolError, PaginationLimitError …
  if (err instanceof SecpaidError) return { status: 'error', kind: err.kind, message: err.message }
  // Our own side: disk full, permissions while writing the cache.
  const message = err instanceof Error ? err.message : String(err)
  return { status: 'error', kind: 'internal', message: `Sync failed: ${message}` }
}

/** A cache notice as the user sees it: a code and our own parameters (the detail stays in the log). */
export function describeNotice(n: CacheNotice): AppNotice {
  switch (n.kind) {
    case 'shard_corrupt':
      return { code: 'cache_shard_corrupt', params: { month: n.month, setAsideAs: n.setAsideAs, reason: n.reason } }
    case 'shard_missing':
      return { code: 'cache_shard_missing', params: { month: n.month } }
    case 'meta_corrupt':
      return { code: 'cache_meta_corrupt', params: { setAsideAs: n.setAsideAs, reason: n.reason } }
  }
}
