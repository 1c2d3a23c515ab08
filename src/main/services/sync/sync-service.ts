/**
 * Sync of pay-in transactions from SecPaid into the cache and the in-memory index .
 * One sync at a time; the plan (which days to fetch) is in sync-plan.ts.
 *
 * Order of a successful run: fetch everything first (a failure mid-way changes nothing), write
 * the cache (durable), then the index, then meta (lastSuccessfulSyncAt = the time the run
 * STARTED, so rows created during a long fetch fall into the next run's overlap), then the
 * app's `afterSync` (refund reconciliation), whose ledger changes we fold back into the index.
 */
import type { AppNotice } from '@shared/notices'
import type { EnvironmentId, PayInTransaction } from '@shared/domain'
import type { CacheLoadProgress, SyncDigest, SyncProgress, SyncState, TransactionView } from '@shared/views'
import type { TransactionIndex } from '../query/transaction-index'
import { fetchAllPayIns, type SecpaidClient } from '../secpaid'
import type { TransactionCache } from '../storage/transaction-cache'
import { loadCacheMonths } from './cache-months-loader'
import { NoClientError, classifySyncError, describeNotice } from './sync-errors'
import { planSync } from './sync-plan'

export type SyncClient = Pick<SecpaidClient, 'getPayInTransactions'>

export interface SyncChanges {
  inserted: TransactionView[]
  updated: TransactionView[]
}

export interface SyncServiceOptions {
  env: EnvironmentId
  cache: TransactionCache
  index: TransactionIndex
  /** null when no key is stored (→ status needs_key). Called per run: the key may change. */
  getClient: () => SyncClient | null
  now?: () => Date
  historyWindowMonths?: () => number
  overlapDays?: number
  pageSize?: number
  onProgress?: (progress: SyncProgress) => void
  onState?: (state: SyncState) => void
  /**
   * The app reconciles the refund ledger here. A returned number becomes
   * `digest.requestsRefunded`; a throw is reported as a notice, the sync still succeeded.
   */
  afterSync?: (digest: SyncDigest, changes: SyncChanges) => number | void | Promise<number | void>
}

export interface SyncService {
  state(): SyncState
  /** Starts a sync, or returns the running one's promise (single flight). */
  run(options?: { full?: boolean }): Promise<SyncState>
  /** Re-reads one payment and its entries (refund "check again"); throws on failure. */
  refreshPayId(payId: string): Promise<TransactionView[]>
  /**
   * Loads cache → index, newest month first; returns the notices found before the first month
   * was indexed (all of them when not progressive; all are also kept in state until dismissed).
   */
  loadFromCache(options?: CacheLoadOptions): AppNotice[]
  /** Shows notices from elsewhere (e.g. the refund ledger at start-up) with the sync's own. */
  addNotices(notices: readonly AppNotice[]): void
  dismissNotices(): void
  /** Aborts a running sync (environment switch, quit); the state returns to idle. */
  cancel(): void
}

export interface CacheLoadOptions {
  /**
   * Index the newest month now and the older ones in later event-loop turns, so queries are
   * answered in between (the window). Without it everything is indexed before returning (CLI).
   */
  progressive?: boolean
  /** Stops a progressive load (workspace closed). */
  signal?: AbortSignal
  /** Called once when every month is indexed, or the load was stopped. */
  onLoaded?: () => void
}

export const DEFAULT_HISTORY_WINDOW_MONTHS = 13
export const DEFAULT_OVERLAP_DAYS = 2

export function createSyncService(opts: SyncServiceOptions): SyncService {
  const { cache, index } = opts
  const now = opts.now ?? (() => new Date())
  const windowMonths = opts.historyWindowMonths ?? (() => DEFAULT_HISTORY_WINDOW_MONTHS)
  const overlapDays = opts.overlapDays ?? DEFAULT_OVERLAP_DAYS
  let running: Promise<SyncState> | null = null
  let abort: AbortController | null = null
  // Not read from the cache here: opening it parses every shard, which `loadFromCache` does
  // anyway (call it first; until then the state knows nothing about earlier runs).
  const st: SyncState = {
    env: opts.env,
    status: 'idle',
    lastSuccessfulSyncAt: null,
    lastAttemptAt: null,
    lastError: null,
    progress: null,
    cachedRows: index.size,
    notices: [],
    lastDigest: null
  }

  const snapshot = (): SyncState => structuredClone({ ...st, cachedRows: index.size })
  const emit = (): void => opts.onState?.(snapshot())

  function apply(rows: PayInTransaction[], replace: boolean, resyncMonths: string[]): SyncChanges {
    // Preview first: afterwards the index can no longer tell new rows from updated ones.
    const diff = index.preview(rows)
    if (replace) {
      cache.replaceAll(rows)
      index.reset(rows)
    } else {
      cache.upsertRows(rows)
      index.upsert(rows)
      cache.markResynced(resyncMonths)
    }
    const fresh = (v: TransactionView): TransactionView => index.get(v.key) ?? v
    return { inserted: diff.inserted.map(fresh), updated: diff.updated.map(fresh) }
  }

  async function reconcile(digest: SyncDigest, changes: SyncChanges): Promise<void> {
    if (opts.afterSync === undefined) return
    try {
      const refunded = await opts.afterSync(digest, changes)
      if (typeof refunded === 'number') digest.requestsRefunded = refunded
    } catch (err) {
      st.notices.push({ code: 'reconcile_failed', params: { detail: err instanceof Error ? err.message : String(err) } })
    }
    // The ledger may have moved requests to refunded: re-derive pending amounts of those payments.
    index.refreshRefundState(new Set([...changes.inserted, ...changes.updated].map((v) => v.payId)))
  }

  async function execute(full: boolean): Promise<SyncState> {
    const startedAt = now()
    st.lastAttemptAt = startedAt.toISOString()
    const client = opts.getClient()
    if (client === null) {
      st.status = 'needs_key'
      st.progress = null
      emit()
      return snapshot()
    }
    abort = new AbortController()
    st.status = 'syncing'
    st.progress = { pages: 0, rows: 0 }
    emit()
    try {
      const plan = planSync({ meta: cache.getMeta(), full, now: startedAt, historyWindowMonths: windowMonths(), overlapDays })
      const fetched = await fetchAllPayIns(
        client,
        { since: plan.sinceDays },
        {
          ...(opts.pageSize !== undefined && { pageSize: opts.pageSize }),
          signal: abort.signal,
          onProgress: (p) => {
            st.progress = { pages: p.pages, rows: p.rows }
            opts.onProgress?.({ ...st.progress })
            emit()
          }
        }
      )
      const changes = apply(fetched.rows, plan.mode === 'full', plan.resyncMonths)
      const at = startedAt.toISOString()
      cache.updateMeta({
        lastSuccessfulSyncAt: at,
        lastError: null,
        historyWindowMonths: windowMonths(),
        syncedFrom: plan.windowStartMonth
      })
      const digest: SyncDigest = {
        at,
        newPayments: changes.inserted.filter((v) => v.kind === 'payment').length,
        newRefundEntries: changes.inserted.filter((v) => v.kind === 'refund').length,
        updatedRows: changes.updated.length,
        requestsRefunded: 0
      }
      await reconcile(digest, changes)
      Object.assign(st, { status: 'idle', lastSuccessfulSyncAt: at, lastError: null, progress: null, lastDigest: digest })
    } catch (err) {
      const failure = classifySyncError(err)
      st.status = failure.status
      st.progress = null
      if (failure.kind !== 'aborted') {
        st.lastError = { kind: failure.kind, message: failure.message, at: now().toISOString() }
        try {
          cache.updateMeta({ lastError: { message: failure.message, at: st.lastError.at } })
        } catch {
          // The cache itself may be what failed (disk full); the state still reports the error.
        }
      }
    } finally {
      abort = null
    }
    emit()
    return snapshot()
  }

  return {
    state: snapshot,

    run({ full = false } = {}) {
      running ??= execute(full).finally(() => {
        running = null
      })
      return running
    },

    async refreshPayId(payId) {
      const client = opts.getClient()
      if (client === null) throw new NoClientError()
      try {
        const fetched = await fetchAllPayIns(client, { payId })
        cache.upsertRows(fetched.rows)
        index.upsert(fetched.rows)
      } catch (err) {
        // Learning that we are offline here is as true as learning it in a full sync.
        if (classifySyncError(err).status === 'offline' && running === null) {
          st.status = 'offline'
          emit()
        }
        throw err
      }
      // SecPaid answered, so we are online again: clear a stale offline state (a refresh must not
      // leave "check again" refused until the next full sync).
      if (st.status === 'offline' && running === null) {
        st.status = 'idle'
        emit()
      }
      return index.byPayId(payId)
    },

    loadFromCache({ progressive = false, signal, onLoaded } = {}) {
      const months = loadCacheMonths(cache, index)
      const texts = months.notices.map(describeNotice)
      const takeMonth = (): boolean => {
        const taken = months.next()
        if (taken === null) return false
        texts.push(...taken.map(describeNotice))
        return true
      }
      // The newest month is indexed before returning: the window's first screen needs only it.
      takeMonth()
      if (!progressive) while (takeMonth());
      const meta = cache.getMeta()
      st.notices.push(...texts)
      st.lastSuccessfulSyncAt = meta.lastSuccessfulSyncAt
      if (meta.lastError && st.lastError === null) st.lastError = { kind: 'previous_run', ...meta.lastError }
      const progress = (): CacheLoadProgress => ({ monthsLoaded: months.loaded(), monthsTotal: months.total })
      st.cacheLoad = months.done() ? null : progress()
      emit()
      const initial = [...texts]
      if (st.cacheLoad === null) {
        onLoaded?.()
        return initial
      }
      // One month per event-loop turn (~1/13 of the rows): IPC queries are answered in between.
      const step = (): void => {
        if (signal?.aborted === true) {
          st.cacheLoad = null
          onLoaded?.()
          return
        }
        texts.length = 0
        takeMonth()
        st.notices.push(...texts)
        st.cacheLoad = months.done() ? null : progress()
        emit()
        if (st.cacheLoad === null) onLoaded?.()
        else setImmediate(step)
      }
      setImmediate(step)
      return initial
    },

    addNotices(notices) {
      if (notices.length === 0) return
      st.notices.push(...notices)
      emit()
    },

    dismissNotices() {
      st.notices = []
      emit()
    },

    cancel() {
      abort?.abort()
    }
  }
}
