/**
 * Payouts of one workspace: fetched from SecPaid after each pay-in sync, kept in the payout store
 * for offline use, and reconciled per month against the cached pay-ins.
 */
import { berlinToday } from '@shared/berlin-time'
import type { PayOutTransaction } from '@shared/domain'
import type { PayoutReconciliation, TransactionView } from '@shared/views'
import { fetchAllPayouts, type PayoutClient } from './fetch-payouts'
import { reconcilePayouts } from './payout-reconcile'
import type { PayoutStore } from './payout-store'

/** SecPaid's documented example shows a payout created 8 days after the day it covers. */
export const DEFAULT_PAYOUT_LAG_DAYS = 10

export interface PayoutService {
  /** Fetches every payout from `startDate` on and replaces the stored ones. */
  sync(startDate: string, options?: { signal?: AbortSignal }): Promise<number>
  list(): PayOutTransaction[]
  syncedAt(): string | null
  reconcile(month: string, monthRows: readonly TransactionView[]): PayoutReconciliation
}

export function createPayoutService(deps: {
  store: PayoutStore
  getClient: () => PayoutClient | null
  now: () => Date
  lagDays?: number
}): PayoutService {
  return {
    async sync(startDate, options = {}) {
      const client = deps.getClient()
      if (client === null) return 0
      const at = deps.now()
      const payouts = await fetchAllPayouts(client, { startDate }, options)
      deps.store.replace(payouts, at)
      return payouts.length
    },
    list: () => deps.store.all(),
    syncedAt: () => deps.store.syncedAt(),
    reconcile(month, monthRows) {
      return reconcilePayouts({
        month,
        rows: monthRows,
        payouts: deps.store.all(),
        today: berlinToday(deps.now()),
        lagDays: deps.lagDays ?? DEFAULT_PAYOUT_LAG_DAYS,
        payoutsSyncedAt: deps.store.syncedAt()
      })
    }
  }
}
