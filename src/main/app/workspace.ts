/**
 * One environment's working set: its cache + index + query engine, refund ledger + service, sync
 * service and review ticks, all under `<dataDir>/<env>/`. Each environment is fully separate
 * (DESIGN §4): its own key slot, cache and ledger. Plain Node; the Electron shell and the CLI both
 * open workspaces through this module.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { EnvironmentId } from '../../shared/domain'
import { OPEN_REQUEST_STATES, type RefundRequest, type SyncProgress, type SyncState } from '../../shared/views'
import { createQueryEngine, createTransactionIndex, type QueryEngine, type TransactionIndex } from '../services/query'
import { createRefundService, type RefundService } from '../services/refunds'
import type { SecpaidClient } from '../services/secpaid'
import { openReviewStore, type ReviewStore } from '../services/settings/review-store'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import { openRefundLedgerStore } from '../services/storage/refund-ledger-store'
import { openTransactionCache, type TransactionCache } from '../services/storage/transaction-cache'
import { createSyncService, type SyncService } from '../services/sync'

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
  onLedgerChange?: (requests: RefundRequest[]) => void
}

export interface Workspace {
  readonly env: EnvironmentId
  readonly dir: string
  readonly cache: TransactionCache
  readonly index: TransactionIndex
  readonly engine: QueryEngine
  readonly refunds: RefundService
  readonly sync: SyncService
  readonly reviews: ReviewStore
  /** Startup messages worth showing once (corrupt files set aside, recovered requests). */
  readonly startupNotices: string[]
  close(): void
}

export function openWorkspace(deps: WorkspaceDeps): Workspace {
  const dir = join(deps.dataDir, deps.dirName)
  const cache = openTransactionCache({ dir: join(dir, 'cache'), engine: deps.engine, now: deps.now })
  // The index and the refund service need each other (pending amounts ↔ payment lookups); the
  // late-bound reference is set before either is used.
  let refunds: RefundService | null = null
  // The index asks this once per payment when it re-derives refund states (200k times at start);
  // the refund service re-reads the ledger file on every list(), so group one read by pay_id and
  // reuse it briefly. A change made here invalidates it at once (onChange); one made by another
  // process (the CLI) is seen within a second.
  let openByPayId: { at: number; map: Map<string, RefundRequest[]> } | null = null
  const openRequestsFor = (payId: string): RefundRequest[] => {
    if (refunds === null) return []
    const nowMs = Date.now()
    if (openByPayId === null || nowMs - openByPayId.at > 1000) {
      const map = new Map<string, RefundRequest[]>()
      for (const r of refunds.list()) {
        if (!isOpen(r)) continue
        const list = map.get(r.payId) ?? []
        list.push(r)
        map.set(r.payId, list)
      }
      openByPayId = { at: nowMs, map }
    }
    return openByPayId.map.get(payId) ?? []
  }
  const index = createTransactionIndex({ openRequestsFor })
  const ledger = openRefundLedgerStore({ file: join(dir, 'refund-ledger.jsonl') })

  let syncState: SyncState | null = null
  const sync = createSyncService({
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
    afterSync: () => {
      const service = refunds
      if (service === null) return 0
      const moved = service.reconcile((payId) => index.byPayId(payId))
      return moved
    }
  })

  const refundService = createRefundService({
    env: deps.env,
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
    // Offline is what the last sync saw; before any sync we assume online and let the call decide.
    isOnline: () => (syncState ?? sync.state()).status !== 'offline',
    osUser: deps.osUser,
    now: deps.now,
    newId: () => randomUUID().replace(/-/g, ''),
    onChange: (requests) => {
      openByPayId = null
      index.refreshRefundState(new Set(requests.map((r) => r.payId)))
      deps.onLedgerChange?.(requests)
    }
  })
  refunds = refundService

  const startupNotices = [...sync.loadFromCache()]
  const recovered = refundService.recoverAfterCrash()
  if (recovered > 0) {
    startupNotices.push(
      `${recovered} refund request(s) were being sent when SecPaid Desk last closed; their outcome is unknown — use "Check again".`
    )
  }
  startupNotices.push(...refundService.notices())
  // No index.refreshRefundState() here: loadFromCache derived every view with the ledger already
  // wired in, and crash recovery only moves requests between open states (same pending amounts).
  const reviews = openReviewStore({ dir, engine: deps.engine, now: deps.now })
  startupNotices.push(...reviews.notices)

  const engine = createQueryEngine({ index, dataAsOf: () => cache.getMeta().lastSuccessfulSyncAt })
  return {
    env: deps.env,
    dir,
    cache,
    index,
    engine,
    refunds: refundService,
    sync,
    reviews,
    startupNotices,
    close: () => sync.cancel()
  }
}

function isOpen(r: RefundRequest): boolean {
  return OPEN_REQUEST_STATES.includes(r.state)
}
