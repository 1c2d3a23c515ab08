/**
 * Sync of pay-in transactions from SecPaid into the cache and the in-memory index .
 * One sync at a time; the plan (which days to fetch) is in sync-plan.ts.
 *
 * Each page goes into the index as it arrives, so the rows are browsable during a long first
 * sync (60 requests/min: 200k rows take minutes; the API sends the newest first), and the state
 * is re-emitted (at most every PROGRESS_EMIT_MS) so the window re-queries. The cache is written
 * once, at the end, as before: a full refresh replaces it with exactly what was delivered (rows
 * SecPaid no longer lists leave the index only then), an incremental run upserts the rows the
 * index found new or changed (see persist). Then meta
 * (lastSuccessfulSyncAt = the time the run STARTED, so rows created during a long fetch fall into
 * the next run's overlap), then the app's `afterSync` (refund reconciliation).
 *
 * A run that fails mid-way keeps the rows it already showed and saves them with one upsert: they
 * are real rows SecPaid sent, and a first sync that failed at page 190 of 200 should not leave
 * an empty window after a restart. It keeps what the user relies on, though: nothing is deleted
 * (a full refresh removes rows only when it completes), lastSuccessfulSyncAt does not move ("data
 * as of" and the next run's plan are unchanged, so the next run fetches the same days again) and
 * the state says offline / needs key / error. A cancelled run (environment switch, quit) saves
 * nothing.
 */
import type { AppNotice } from '@shared/notices'
import type { EnvironmentId, PayInTransaction } from '@shared/domain'
import type { CacheLoadProgress, SyncDigest, SyncProgress, SyncState, TransactionView } from '@shared/views'
import type { IndexedRow } from '../query/indexed-row'
import type { TransactionIndex } from '../query/transaction-index'
import type { SecpaidClient } from '../secpaid'
// Not through '../secpaid' (its index loads the HTTP client): the client is loaded when first used.
import { fetchAllPayIns } from '../secpaid/pagination'
import { encodeRow } from '../storage/transaction-shard-codec'
import type { TransactionCache } from '../storage/transaction-cache'
import { loadCacheMonths } from './cache-months-loader'
import { changedRows } from './overlap-filter'
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
   * `digest.requestsRefunded`; a throw is reported as a notice, the sync still succeeded. What the
   * ledger changes reaches the index through the ledger's own change event (the app wires
   * `onDidChange` → `index.refreshRefundState`), so the sync does not re-derive the rows it just
   * derived.
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
  /**
   * Called once when every month is indexed, or the load was stopped, or a month could not be
   * read (`failure`: an I/O error; bad content never throws, it is set aside and reported).
   */
  onLoaded?: (failure?: Error) => void
  /**
   * A progressive load reads the months after the first once this resolves (default: at once).
   * The window passes its first screen: read while the window starts, they took the CPU and the
   * event loop (the page's own requests, IPC) from it.
   */
  startAfter?: Promise<unknown>
}

export const DEFAULT_HISTORY_WINDOW_MONTHS = 13
export const DEFAULT_OVERLAP_DAYS = 2
/** Progress states while syncing, at most this often: each one makes the window re-query. */
export const PROGRESS_EMIT_MS = 250

export function createSyncService(opts: SyncServiceOptions): SyncService {
  const { cache, index } = opts
  const now = opts.now ?? (() => new Date())
  const windowMonths = opts.historyWindowMonths ?? (() => DEFAULT_HISTORY_WINDOW_MONTHS)
  const overlapDays = opts.overlapDays ?? DEFAULT_OVERLAP_DAYS
  let running: Promise<SyncState> | null = null
  /** A cache write failed: the index holds rows the cache may lack (see persist). */
  let cacheBehind = false
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

  /** What a run has applied to the index so far (page by page). */
  interface Applied {
    inserted: string[]
    updated: string[]
    /** Keys delivered, when a full refresh must later drop the others. */
    seen: Set<string> | undefined
    /**
     * The index was empty when the run started (a first sync): every row it holds at the end is
     * one this run inserted, so nothing is listed per row (see applyPage).
     */
    fromEmpty: boolean
  }

  function applyPage(applied: Applied, rows: PayInTransaction[]): void {
    if (applied.fromEmpty) {
      // A first sync applies 200k rows: asking the index for a view of every inserted row only
      // to collect its key (and to look all of them up again at the end) was a tenth of its CPU.
      // What was inserted is read off the index once, in persist.
      // As the cache's cells: `addNew`'s one pass (a row already held, a page the list shifted
      // into, takes upsert's path) costs a fraction of upsert's batch map and per-group
      // derivation, and the cache then writes the very same arrays. The lookup maps at once: the
      // run's end reconciles refunds by pay_id.
      index.addNew(rows.map(encodeRow), { now: true })
      return
    }
    const fresh = changedRows(rows, (key) => index.get(key), applied.seen)
    if (fresh.length === 0) return
    const diff = index.apply(fresh)
    for (const v of diff.inserted) applied.inserted.push(v.key)
    for (const v of diff.updated) applied.updated.push(v.key)
  }

  /** Every indexed entry (of `seen` when given), by month: no key lookups, no sort, no views built. */
  function indexedRows(seen?: Set<string>): IndexedRow[] {
    const all: IndexedRow[] = []
    for (const month of index.months()) {
      for (const row of index.monthRows(month)) if (seen === undefined || seen.has(row.key)) all.push(row)
    }
    return all
  }

  /**
   * What the cache stores of each entry: its row fields (the view once one was built, else the row
   * handed in). Building a view per row only to write it cost a first sync more than the key the
   * cache then derives itself.
   */
  const rowsOf = (held: readonly IndexedRow[]): PayInTransaction[] => held.map((r) => r.row)

  /** What a run changed, and what its digest counts. */
  interface RunChanges {
    changes: SyncChanges
    newRows: readonly { kind: TransactionView['kind'] }[]
    updatedCount: number
  }

  /**
   * Every entry is new (a run that started from an empty index). Their views are built only if
   * `changes.inserted` is read (the app's afterSync does not); the digest counts kinds off the
   * entries.
   */
  function everythingNew(held: readonly IndexedRow[]): RunChanges {
    let views: TransactionView[] | null = null
    const changes: SyncChanges = {
      get inserted() {
        return (views ??= held.map((r) => r.view))
      },
      updated: []
    }
    return { changes, newRows: held, updatedCount: 0 }
  }

  function changesOf(applied: Applied): RunChanges {
    if (applied.fromEmpty) return everythingNew(indexedRows())
    const inserted = viewsOf(applied.inserted)
    // A row that turned up again on a later page (the list shifted) and had changed in between is
    // in `updated` too, or twice: it counts once, as what it first was to this run.
    let updatedKeys = applied.updated
    if (updatedKeys.length > 0) {
      const fresh = new Set(applied.inserted)
      updatedKeys = [...new Set(updatedKeys)].filter((k) => !fresh.has(k))
    }
    const updated = viewsOf(updatedKeys)
    return { changes: { inserted, updated }, newRows: inserted, updatedCount: updated.length }
  }

  function viewsOf(keys: readonly string[]): TransactionView[] {
    const out: TransactionView[] = []
    for (const k of keys) {
      const v = index.get(k)
      if (v !== undefined) out.push(v)
    }
    return out
  }

  /**
   * The end of a successful fetch: the cache written once, then a full refresh drops the rest
   * from the index. The cache gets the index's views of the changed rows (a view is the row plus
   * derived fields and its cache key; the cache picks the row's fields and reuses the key), or,
   * when every row is new or rewritten, the entries' row fields (see rowsOf).
   *
   * An incremental run writes only what the index found inserted or updated: the index holds
   * exactly the cache's rows (a sync waits until the whole cache is indexed), so a row the index
   * found unchanged is unchanged on disk too, and the cache need not read the touched months back
   * to find that out again (most of a 10-row sync's own time at 200k rows). Once a cache write
   * failed in this process that no longer holds: the run then hands over every delivered row.
   */
  function persist(applied: Applied, raw: readonly PayInTransaction[] | null, replace: boolean, resyncMonths: string[]): RunChanges {
    if (replace) {
      const { seen } = applied
      // By month, not baseOrder(): the cache needs no order, and a fresh order is a 200k-row sort.
      const held = indexedRows(seen)
      cache.replaceAll(rowsOf(held))
      cacheBehind = false
      // Only now, with the cache written: a failed write leaves every row where it was.
      if (seen !== undefined) index.retainOnly(seen)
      return applied.fromEmpty ? everythingNew(held) : changesOf(applied)
    }
    let run: RunChanges
    if (applied.fromEmpty) {
      const held = indexedRows()
      // The index holds one row per key.
      if (raw === null) cache.upsertRows(rowsOf(held), { distinct: true })
      else cache.upsertRows(raw)
      run = everythingNew(held)
    } else {
      run = changesOf(applied)
      const { inserted, updated } = run.changes
      cache.upsertRows(raw ?? (updated.length === 0 ? inserted : [...inserted, ...updated]))
    }
    cache.markResynced(resyncMonths)
    cacheBehind = false
    return run
  }

  /** A failed run: what it changed in the index is saved, nothing deleted (see the module comment). */
  function keepShown(applied: Applied): void {
    const rows = applied.fromEmpty ? rowsOf(indexedRows()) : [...viewsOf(applied.inserted), ...viewsOf(applied.updated)]
    if (rows.length === 0) return
    try {
      cache.upsertRows(rows)
    } catch {
      // The cache may be what failed (disk full); the rows stay shown until the app closes, and
      // the next run writes every row it is sent (persist).
      cacheBehind = true
    }
  }

  async function reconcile(digest: SyncDigest, changes: SyncChanges): Promise<void> {
    if (opts.afterSync === undefined) return
    try {
      const refunded = await opts.afterSync(digest, changes)
      if (typeof refunded === 'number') digest.requestsRefunded = refunded
    } catch (err) {
      st.notices.push({ code: 'reconcile_failed', params: { detail: err instanceof Error ? err.message : String(err) } })
    }
  }

  function digestOf(at: string, run: RunChanges): SyncDigest {
    let newPayments = 0
    let newRefundEntries = 0
    let newDisputeEntries = 0
    for (const v of run.newRows) {
      if (v.kind === 'payment') newPayments++
      else if (v.kind === 'refund') newRefundEntries++
      else newDisputeEntries++ // 'dispute' and 'dispute_refund' (row-kind.ts)
    }
    return { at, newPayments, newRefundEntries, newDisputeEntries, updatedRows: run.updatedCount, requestsRefunded: 0 }
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
    // Throttled progress states: the first page at once, then at most one per PROGRESS_EMIT_MS
    // (the last one is sent when the run ends anyway).
    let lastEmit = 0
    let pendingEmit: ReturnType<typeof setTimeout> | null = null
    const emitProgress = (): void => {
      const t = Date.now()
      if (t - lastEmit >= PROGRESS_EMIT_MS) {
        lastEmit = t
        emit()
      } else {
        pendingEmit ??= setTimeout(() => {
          pendingEmit = null
          lastEmit = Date.now()
          if (st.status === 'syncing') emit()
        }, PROGRESS_EMIT_MS - (t - lastEmit))
      }
    }
    let applied: Applied | null = null
    try {
      const plan = planSync({ meta: cache.getMeta(), full, now: startedAt, historyWindowMonths: windowMonths(), overlapDays })
      const replace = plan.mode === 'full'
      // From an empty index (a first sync) the index ends up holding exactly what was delivered:
      // no set of delivered keys is needed. Raw rows are kept only for a cache that fell behind.
      const startedEmpty = index.size === 0
      const run: Applied = { inserted: [], updated: [], seen: replace && !startedEmpty ? new Set() : undefined, fromEmpty: startedEmpty }
      const keepRaw = !replace && cacheBehind
      applied = run
      const fetched = await fetchAllPayIns(
        client,
        { since: plan.sinceDays },
        {
          ...(opts.pageSize !== undefined && { pageSize: opts.pageSize }),
          signal: abort.signal,
          keepRows: keepRaw,
          // The index keys every row (one per key, the later copy wins) and the overlap filter
          // drops a repeat that did not change: the pagination's own repeat check would be a
          // second hash of every id.
          dropRepeats: false,
          onPage: (rows) => applyPage(run, rows),
          onProgress: (p) => {
            st.progress = { pages: p.pages, rows: p.rows }
            opts.onProgress?.({ ...st.progress })
            emitProgress()
          }
        }
      )
      const at = startedAt.toISOString()
      const changed = cache.batchMeta(() => {
        const written = persist(run, keepRaw ? fetched.rows : null, replace, plan.resyncMonths)
        cache.updateMeta({
          lastSuccessfulSyncAt: at,
          lastError: null,
          historyWindowMonths: windowMonths(),
          syncedFrom: plan.windowStartMonth
        })
        return written
      })
      const digest = digestOf(at, changed)
      await reconcile(digest, changed.changes)
      Object.assign(st, { status: 'idle', lastSuccessfulSyncAt: at, lastError: null, progress: null, lastDigest: digest })
    } catch (err) {
      const failure = classifySyncError(err)
      st.status = failure.status
      st.progress = null
      if (failure.kind !== 'aborted') {
        if (applied !== null) keepShown(applied)
        st.lastError = { kind: failure.kind, message: failure.message, at: now().toISOString() }
        try {
          cache.updateMeta({ lastError: { message: failure.message, at: st.lastError.at } })
        } catch {
          // The cache itself may be what failed (disk full); the state still reports the error.
        }
      }
    } finally {
      abort = null
      if (pendingEmit !== null) clearTimeout(pendingEmit)
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

    loadFromCache({ progressive = false, signal, onLoaded, startAfter } = {}) {
      const months = loadCacheMonths(cache, index)
      const texts = months.notices.map(describeNotice)
      const takeMonth = (): boolean => {
        const taken = months.next()
        if (taken === null) return false
        texts.push(...taken.map(describeNotice))
        return true
      }
      /**
       * A month that cannot be read (a permission, a disk error) ends the window's load: the list
       * keeps answering from the months read, marked partial, and whatever needs every month
       * refuses instead of waiting for ever (workspace.ts). A caller that loads everything at once
       * (the CLI) gets the error itself.
       */
      const endLoad = (error: unknown): void => {
        const failure = error instanceof Error ? error : new Error(String(error))
        st.cacheLoad = null
        st.notices.push({ code: 'cache_read_failed', params: { detail: failure.message } })
        emit()
        onLoaded?.(failure)
      }
      // The newest month is indexed before returning: the window's first screen needs only it.
      let failedFirst: { error: unknown } | null = null
      try {
        takeMonth()
      } catch (error) {
        if (!progressive) throw error
        failedFirst = { error }
      }
      if (!progressive) while (takeMonth());
      // During a window's load meta answers from what is read (also after a failed month).
      const meta = cache.getMeta()
      st.notices.push(...texts)
      st.lastSuccessfulSyncAt = meta.lastSuccessfulSyncAt
      if (meta.lastError && st.lastError === null) st.lastError = { kind: 'previous_run', ...meta.lastError }
      const initial = [...texts]
      if (failedFirst !== null) {
        endLoad(failedFirst.error)
        return initial
      }
      const progress = (): CacheLoadProgress => ({ monthsLoaded: months.loaded(), monthsTotal: months.total })
      st.cacheLoad = months.done() ? null : progress()
      emit()
      if (st.cacheLoad === null) {
        onLoaded?.()
        return initial
      }
      // One slice of rows per event-loop turn (cache-months-loader.ts): IPC queries are answered
      // in between; the state is sent when a month completes.
      const step = (): void => {
        if (signal?.aborted === true) {
          st.cacheLoad = null
          onLoaded?.()
          return
        }
        texts.length = 0
        const before = months.loaded()
        try {
          takeMonth()
        } catch (error) {
          endLoad(error)
          return
        }
        st.notices.push(...texts)
        st.cacheLoad = months.done() ? null : progress()
        if (months.loaded() !== before || texts.length > 0 || st.cacheLoad === null) emit()
        if (st.cacheLoad === null) onLoaded?.()
        else setImmediate(step)
      }
      if (startAfter === undefined) setImmediate(step)
      else void startAfter.then(() => setImmediate(step), () => setImmediate(step))
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
