export { fetchAllPayouts, type PayoutClient } from './fetch-payouts'
export { coveredDayOf, entriesCoveredBy, reconcilePayouts, type ReconcileInput } from './payout-reconcile'
export { createPayoutService, DEFAULT_PAYOUT_LAG_DAYS, type PayoutService } from './payout-service'
export { openPayoutStore, type PayoutStore } from './payout-store'
