/**
 * An incremental sync fetches the overlap days again (sync-plan.ts): at 200k rows that is ~8,000
 * rows, nearly all exactly as the index already holds them. Handing them to the index only for it
 * to find each one unchanged costs about twice what this check does (it batches, dedupes and
 * compares field by field through a generic loop), so the sync drops them first.
 */
import type { PayInTransaction } from '@shared/domain'
import type { TransactionView } from '@shared/views'
import { transactionKey } from '../storage/transaction-cache'

/**
 * Every field of a row, so that a field added to PayInTransaction fails to compile here instead
 * of being silently ignored by `sameFields` (which would then keep a stale row).
 */
const COMPARED = {
  payId: true, transactionId: true, creatorId: true, userId: true, amount: true, netAmount: true, serviceFee: true,
  serviceFeePsp: true, status: true, recipientNote: true, payoutStatus: true, createdAt: true, isSplitLink: true,
  isDispute: true, isRefund: true, paymentMethod: true, transactionType: true
} as const satisfies Record<keyof PayInTransaction, true>
void COMPARED

/** The row's own fields (what SecPaid sent) are those of the view; written out, no loop over names. */
function sameFields(v: PayInTransaction, r: PayInTransaction): boolean {
  return (
    v.payId === r.payId && v.transactionId === r.transactionId && v.amount === r.amount && v.createdAt === r.createdAt &&
    v.status === r.status && v.payoutStatus === r.payoutStatus && v.netAmount === r.netAmount && v.serviceFee === r.serviceFee &&
    v.serviceFeePsp === r.serviceFeePsp && v.recipientNote === r.recipientNote && v.creatorId === r.creatorId &&
    v.userId === r.userId && v.isSplitLink === r.isSplitLink && v.isDispute === r.isDispute && v.isRefund === r.isRefund &&
    v.paymentMethod === r.paymentMethod && v.transactionType === r.transactionType
  )
}

/**
 * The rows of `rows` the index does not hold exactly so (new or changed), in their order; `rows`
 * itself when that is all of them. Every row's key goes into `seen` when given (a full refresh
 * keeps the delivered keys, unchanged ones included).
 */
export function changedRows(
  rows: readonly PayInTransaction[],
  get: (key: string) => TransactionView | undefined,
  seen?: Set<string>
): readonly PayInTransaction[] {
  const out: PayInTransaction[] = []
  for (const row of rows) {
    const key = transactionKey(row)
    seen?.add(key)
    const held = get(key)
    if (held === undefined || !sameFields(held, row)) out.push(row)
  }
  return out.length === rows.length ? rows : out
}
