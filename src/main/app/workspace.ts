/**
 * One environment's working set: its cache + index + query engine, refund ledger + service, sync
 * service and review ticks, all under `<dataDir>/<env>/`. Each environment is fully separate
 * (docs/architecture.md#environments-are-separate): its own key slot, cache and ledger. Plain Node;
 * the Electron shell and the CLI both open workspaces through this module.
 */
import type { AppNotice } from '@shared/notices'
import { currentBerlinMonth } from '@shared/berlin-time'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { EnvironmentId } from '@shared/domain'
import type { SyncProgress, SyncState } from '@shared/views'
import { createQueryEngine, createTransactionIndex, type QueryEngine, type TransactionIndex } from '../services/query'
import { createPayoutService, openPayoutStore, type PayoutService } from '../services/payouts'
import { createRefundService, openRefundLedger, type RefundLedger, type RefundLedgerChange, type RefundService } from '../services/refunds'
import type { RefundClaims } from '../services/refunds/refund-service-types'
import type { SecpaidClient } from '../services/secpaid'
import { openReviewStore } from '../services/settings/review-store'
import { createTeamReviews, type TeamReviewStore } from '../services/team/team-reviews'
import type { TeamSync } from '../services/team/team-sync'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import { openRefundLedgerStore } from '../services/storage/refund-ledger-store'
import { openTransactionCache, type TransactionCache } from '../services/storage/transaction-cache'
import { createSyncService, type SyncService } from '../services/sync'
import { accountSwitchedError, cacheUnreadableError } from './app-errors'

/** How long a SecPaid sync waits for the team's cycle before reconciling without it. */
const TEAM_CYCLE_WAIT_MS = 10_000

export interface WorkspaceDeps {
  env: EnvironmentId
  /** Folder name under dataDir (the env id; custom servers get one folder per base URL). */
  dirName: string
  dataDir: string
  engine: JsonFileStoreFactory
  /** The current client for this environment (null = no key). Read at each use. */
  getClient: () => SecpaidClient | null
  now: () => Date
  osUser: string
  historyWindowMonths: () => number
  onSyncProgress?: (progress: SyncProgress) => void
  onSyncState?: (state: SyncState) => void
  /** Once per ledger operation that changed something (ours, or another process's noticed). */
  onLedgerChange?: (change: RefundLedgerChange) => void
  /**
   * Index the newest cache month before returning and the older ones in later event-loop turns
   * (the window: first rows on screen at once). Off = everything is indexed before returning (CLI).
   */
  progressiveCacheLoad?: boolean
  /**
   * With `progressiveCacheLoad`, the months after the first wait for the first query answered
   * (the window's first screen) or this long, whichever comes first (default FIRST_SCREEN_WAIT_MS).
   */
  firstScreenWaitMs?: number
  /**
   * The index builds its lookup maps (by key, by pay_id) while the cache is read, instead of when
   * first needed (transaction-index.ts `mapsAtOpen`): for a CLI command that will need them.
   */
  lookupMapsAtOpen?: boolean
  /** The account's team sharing, once started (null: not in a team, or not started). */
  team?: () => TeamSync | null
  /**
   * The claims a refund must take first (null: the account is not in a team). In a team whose
   * sharing is not running, these refuse like an unreachable database (team-session.ts).
   */
  claims?: () => RefundClaims | null
  /** This PC's name (review ticks say whether a tick came from here). */
  machine?: string
}

export interface Workspace {
  readonly env: EnvironmentId
  readonly dir: string
  readonly cache: TransactionCache
  readonly index: TransactionIndex
  readonly engine: QueryEngine
  readonly refunds: RefundService
  /** The refund ledger (team mode folds teammates' events into it). */
  readonly ledger: RefundLedger
  readonly sync: SyncService
  readonly reviews: TeamReviewStore
  readonly payouts: PayoutService
  /** Startup messages worth showing once (corrupt files set aside, recovered requests). */
  readonly startupNotices: AppNotice[]
  /** Resolves when every cache month is in the index (at once unless `progressiveCacheLoad`). */
  readonly cacheLoaded: Promise<void>
  /**
   * `cacheLoaded`, for what the user asked for that needs every cached row (an export, a month's
   * review or payouts, a refund's refresh): the older months start at once if they still wait for
   * the window's first screen. Rejects (AppError `account_switched`) when the workspace was closed
   * before its last month was read.
   */
  whenLoaded(): Promise<void>
  close(): void
}

/**
 * How long a progressive cache load waits for the window's first screen at most: a window that
 * shows another screen first (settings, onboarding) asks for no rows, and a sync waits for the load.
 */
export const FIRST_SCREEN_WAIT_MS = 2000

export function openWorkspace(deps: WorkspaceDeps): Workspace {
  const dir = join(deps.dataDir, deps.dirName)
  const cache = openTransactionCache({ dir: join(dir, 'cache'), engine: deps.engine, now: deps.now })
  // The ledger comes first: the index reads open requests from it and hears of every change.
  const ledger = openRefundLedger({ env: deps.env, store: openRefundLedgerStore({ file: join(dir, 'refund-ledger.jsonl') }), now: deps.now })
  const index = createTransactionIndex({ openRequestsFor: (payId) => ledger.openRequestsFor(payId), mapsAtOpen: deps.lookupMapsAtOpen === true })
  ledger.onDidChange(({ payIds }) => index.refreshRefundState(new Set(payIds)))
  if (deps.onLedgerChange) ledger.onDidChange(deps.onLedgerChange)

  let syncState: SyncState | null = null
  const core = createSyncService({
    env: deps.env,
    cache,
    index,
    getClient: deps.getClient,
    now: deps.now,
    historyWindowMonths: deps.historyWindowMonths,
    ...(deps.onSyncProgress ? { onProgress: deps.onSyncProgress } : {}),
    onState: (state) => {
      syncState = state
      deps.onSyncState?.(state)
    },
    afterSync: async (digest) => {
      // In a team, what teammates wrote comes in first: the reconciliation then sees their
      // requests, and the digest says what they did.
      const team = deps.team?.() ?? null
      if (team !== null) {
        // Bounded: a database that does not answer must not hold up the SecPaid sync.
        await Promise.race([team.cycle(), new Promise((resolve) => setTimeout(resolve, TEAM_CYCLE_WAIT_MS).unref())])
        digest.teammates = team.takeTeammateActivity()
      }
      const refunded = refundService.reconcile((payId) => index.byPayId(payId))
      scheduleCompaction()
      await syncPayouts()
      return refunded
    }
  })
  // A sync (and a refresh) waits for the whole cache to be indexed: the index must know every
  // cached row to tell new rows from updated ones, and the refund reconciliation must see them.
  let resolveLoaded: () => void = () => undefined
  const cacheLoaded = new Promise<void>((resolve) => (resolveLoaded = resolve))
  // The older months wait for the first screen: the window's start comes first (first rows came
  // ~250 ms later at 200k rows when the load ran alongside it).
  let firstScreenShown: () => void = () => undefined
  const firstScreen = new Promise<void>((resolve) => (firstScreenShown = resolve))
  const firstScreenTimer = deps.progressiveCacheLoad === true ? setTimeout(firstScreenShown, deps.firstScreenWaitMs ?? FIRST_SCREEN_WAIT_MS).unref() : null
  // The workspace was closed (another account opened) before its last month was read.
  let loadStopped = false
  // A cached month could not be read (an I/O error): the load ended there.
  let loadFailed: Error | null = null
  /** Every cached month read; the older months start now if they still wait for the first screen. */
  function whenLoaded(): Promise<void> {
    firstScreenShown()
    return cacheLoaded.then(() => {
      if (loadStopped) throw accountSwitchedError()
      if (loadFailed !== null) throw cacheUnreadableError(loadFailed)
    })
  }
  const sync: SyncService = {
    ...core,
    // The window's sync at start must not pull the older months ahead of its first screen: it
    // waits for them as they come (at most the first-screen wait later).
    run: async (options) => {
      await cacheLoaded
      // The index lacks the months after the one that failed: nothing it found new is known new.
      if (loadFailed !== null) throw cacheUnreadableError(loadFailed)
      return core.run(options)
    },
    // A refresh is asked for by the user (a refund's refresh before submit, the CLI's `refund`).
    refreshPayId: async (payId) => {
      await whenLoaded()
      return core.refreshPayId(payId)
    }
  }
  const stopLoad = new AbortController()
  let compactionScheduled = false
  /** Folds a grown journal into its base after a sync, one month per idle turn (bounded). */
  function scheduleCompaction(): void {
    if (compactionScheduled) return
    compactionScheduled = true
    setImmediate(() => {
      compactionScheduled = false
      if (stopLoad.signal.aborted) return
      try {
        if (cache.compact({ maxMonths: 1 }).length > 0) scheduleCompaction()
      } catch {
        // The files stay readable (either the old base and its journal, or the new base); the cache
        // reads itself back before its next operation, and a later turn or open compacts again.
      }
    })
  }

  const payoutStore = openPayoutStore({ dir, engine: deps.engine, now: deps.now })
  const payouts = createPayoutService({
    store: payoutStore,
    getClient: deps.getClient,
    now: deps.now
  })

  /** Payouts follow every successful pay-in sync, over the same history window. */
  async function syncPayouts(): Promise<void> {
    const from = cache.getMeta().syncedFrom
    try {
      await payouts.sync(from === null ? `${currentBerlinMonth(deps.now())}-01` : `${from}-01`)
    } catch (error) {
      // The pay-ins are in; the payouts screen keeps the last payouts and says when they are from.
      sync.addNotices([{ code: 'payouts_failed', params: { detail: error instanceof Error ? error.message : String(error) } }])
    }
  }

  const refundService = createRefundService({
    ledger,
    getClient: deps.getClient,
    lookupPayment: (payId) => {
      const rows = index.byPayId(payId)
      const payment = rows.find((r) => r.kind === 'payment')
      return { ...(payment ? { payment } : {}), related: rows.filter((r) => r !== payment) }
    },
    refreshPayment: async (payId) => {
      await sync.refreshPayId(payId)
    },
    // A refund made elsewhere since the last sync must count before a new one is sent.
    refreshBeforeSubmit: true,
    // Offline is what the last sync saw; before any sync we assume online and let the call decide.
    isOnline: () => (syncState ?? sync.state()).status !== 'offline',
    osUser: deps.osUser,
    now: deps.now,
    newId: () => randomUUID().replace(/-/g, ''),
    claims: () => deps.claims?.() ?? null
  })

  // Cleared when every cached month is read (at once when the load is not progressive), or when
  // the workspace closes during the load (nobody queries it then).
  let readingCache = true
  const cacheNotices = core.loadFromCache({
    progressive: deps.progressiveCacheLoad === true,
    signal: stopLoad.signal,
    onLoaded: (failure) => {
      // After a failed load every answer stays partial: the months after the failed one are missing.
      if (failure === undefined) readingCache = false
      else loadFailed = failure
      loadStopped = stopLoad.signal.aborted
      resolveLoaded()
    },
    startAfter: firstScreen
  })
  const startupNotices: AppNotice[] = []
  const recovered = refundService.recoverAfterCrash()
  if (recovered > 0) {
    startupNotices.push({ code: 'requests_recovered', params: { count: recovered } })
  }
  // The ledger's own diagnostics (torn last line, skipped events) are technical: shown as detail.
  startupNotices.push(...refundService.notices().map((detail): AppNotice => ({ code: 'ledger_diagnostic', params: { detail } })))
  // loadFromCache derived every view from the ledger read at open; crash recovery publishes its
  // change like any other, so the index needs no extra refresh here.
  const localReviews = openReviewStore({ dir, engine: deps.engine, now: deps.now })
  const reviews = createTeamReviews(localReviews, () => deps.team?.() ?? null, () => deps.machine ?? 'this PC')
  startupNotices.push(...reviews.notices)
  startupNotices.push(...payoutStore.notices)
  // The cache's notices are in the sync state already; the others join them there, so the window
  // and the CLI show them too.
  sync.addNotices(startupNotices)

  // The background build waits for the last cached month: until then every month is a new index
  // version, and what it built for the one before would be thrown away (at 200k rows it made the
  // load several times slower than the load itself). A workspace closed before that (another
  // environment chosen) never builds: nobody reads its index, and the next one is loading.
  const warmUpAfter = cacheLoaded.then(() => (stopLoad.signal.aborted ? new Promise<never>(() => undefined) : undefined))
  const queries = createQueryEngine({ index, dataAsOf: () => cache.getMeta().lastSuccessfulSyncAt, warmUpAfter })
  const engine: QueryEngine = {
    ...queries,
    query: (q) => {
      const result = queries.query(q)
      firstScreenShown()
      if (!readingCache) return result
      return loadFailed === null ? { ...result, partial: true } : { ...result, partial: true, cacheUnreadable: true }
    }
  }
  // The window's first screen is prepared while its page is still starting (main waits for it
  // then), so that its first query is answered at once.
  if (deps.progressiveCacheLoad === true) {
    setImmediate(() => {
      if (stopLoad.signal.aborted) return
      try {
        queries.prepareFirstScreen()
      } catch {
        // Whatever failed fails again, and is reported, when the window asks for the rows.
      }
    })
  }
  return {
    env: deps.env,
    dir,
    cache,
    index,
    engine,
    refunds: refundService,
    ledger,
    sync,
    reviews,
    payouts,
    startupNotices: [...cacheNotices, ...startupNotices],
    cacheLoaded,
    whenLoaded,
    close: () => {
      stopLoad.abort()
      // The load's next step sees the abort and ends it: a closed workspace lets go of its rows now.
      if (firstScreenTimer !== null) clearTimeout(firstScreenTimer)
      firstScreenShown()
      core.cancel()
    }
  }
}
