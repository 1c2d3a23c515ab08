/** Public API of the sync layer (plain Node; no electron import). */
export {
  createSyncService,
  DEFAULT_HISTORY_WINDOW_MONTHS,
  DEFAULT_OVERLAP_DAYS,
  type SyncService,
  type SyncServiceOptions,
  type SyncClient,
  type SyncChanges
} from './sync-service'
export { planSync, windowStartMonth, type SyncPlan, type SyncMode } from './sync-plan'
export { classifySyncError, describeNotice, NoClientError, type SyncFailure } from './sync-errors'
