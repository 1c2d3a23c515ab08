/**
 * In-memory index over the cached pay-in rows: by key, by pay_id (a payment and its refund /
 * dispute entries share the pay_id, docs/secpaid-api.md#refund-and-dispute-entries) and by Berlin
 * month. It derives the `TransactionView` of every row (kind, refunded / pending amounts, refund
 * state), which needs the whole pay_id group plus the local refund ledger.
 *
 * Built once from `cache.loadAll()` and then updated incrementally with what a sync fetched,
 * so a sync of 50 new rows does not re-derive 200k views. Every change bumps `version`; the
 * query engine keys its result cache on it.
 */
import type { PayInTransaction } from '@shared/domain'
import { OPEN_REQUEST_STATES, type RefundRequest, type TransactionView } from '@shared/views'
import { transactionKey } from '../storage/transaction-cache'
import { sameRow, timestampNumber, type IndexedRow } from './indexed-row'
import { isRefundEntry, rowKindOf } from './row-kind'

export { sameRow, searchTextOf, type IndexedRow } from './indexed-row'

/** The ledger's view of one payment: only open requests count as pending (views.ts). */
export type OpenRequestsFor = (payId: string) => readonly Pick<RefundRequest, 'amount' | 'state'>[]

/** What a batch changed. Views only from `preview` (kind + row fields, refund amounts unset). */
export interface IndexDiff {
  inserted: TransactionView[]
  updated: TransactionView[]
  unchanged: number
  removed: number
}

export interface IndexCounts {
  inserted: number
  updated: number
  unchanged: number
  removed: number
}

export interface TransactionIndex {
  /** Bumped on every change (rows or derived refund state). */
  readonly version: number
  readonly size: number
  /** Replaces everything; returns what changed compared with before. */
  reset(rows: readonly PayInTransaction[]): IndexCounts
  upsert(rows: readonly PayInTransaction[]): IndexCounts
  /** What `upsert(rows)` would report, without changing anything (for sync digests). */
  preview(rows: readonly PayInTransaction[]): IndexDiff
  get(key: string): TransactionView | undefined
  /** Every row sharing the pay_id (payment first, then entries), oldest first within each. */
  byPayId(payId: string): TransactionView[]
  monthRows(month: string): readonly IndexedRow[]
  months(): string[]
  /** All rows ordered createdAt desc, key asc; cached per version. */
  baseOrder(): readonly IndexedRow[]
  /** Sorted distinct `status` values (for the status filter). */
  statuses(): string[]
  /** Re-derive pending / state after the refund ledger changed (all payments when omitted). */
  refreshRefundState(payIds?: Iterable<string>): void
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function createTransactionIndex(opts: { openRequestsFor?: OpenRequestsFor } = {}): TransactionIndex {
  const openRequestsFor: OpenRequestsFor = opts.openRequestsFor ?? (() => [])
  // The view holds every row field, so it doubles as the stored row (no second copy of 200k rows).
  const indexed = new Map<string, IndexedRow>()
  // Arrays, not Sets: almost every group has 1–3 keys, and 200k Sets cost seconds of GC.
  const groups = new Map<string, string[]>()
  const monthKeys = new Map<string, Set<string>>()
  let version = 0
  let ordered: IndexedRow[] | null = null
  const monthCache = new Map<string, IndexedRow[]>()

  function changed(): void {
    version++
    ordered = null
    monthCache.clear()
  }

  /** Derives and stores the views of one pay_id group from the given rows (and the ledger). */
  function deriveGroup(payId: string, rowOf: (key: string) => PayInTransaction | undefined): void {
    const keys = groups.get(payId)
    if (keys === undefined) return
    const rows: Array<[string, PayInTransaction]> = []
    let refunded = 0
    for (const key of keys) {
      const row = rowOf(key)
      if (row === undefined) continue
      rows.push([key, row])
      // Magnitude: the sign of refund entries is documented only by example
      // (docs/secpaid-api.md#which-rows-carry-is_refund-and-the-sign-of-refund-entries).
      if (isRefundEntry(rowKindOf(row))) refunded += Math.abs(row.amount)
    }
    let pending = 0
    for (const r of openRequestsFor(payId)) if (OPEN_REQUEST_STATES.includes(r.state)) pending += r.amount
    for (const [key, row] of rows) {
      const kind = rowKindOf(row)
      // If a link ever had several payments (split links?,
      // docs/secpaid-api.md#split-links-and-isfullrefund) each shows the group's refunds: we cannot
      // tell which payment a refund entry belongs to.
      const isPayment = kind === 'payment'
      const refundedCents = isPayment ? refunded : 0
      const pendingRefundCents = isPayment ? pending : 0
      const refundState: TransactionView['refundState'] = !isPayment
        ? 'none'
        : row.amount > 0 && refundedCents >= row.amount
          ? 'refunded'
          : pendingRefundCents > 0
            ? 'requested'
            : refundedCents > 0
              ? 'partially_refunded'
              : 'none'
      const view: TransactionView = {
        payId: row.payId, transactionId: row.transactionId, creatorId: row.creatorId, userId: row.userId,
        amount: row.amount, netAmount: row.netAmount, serviceFee: row.serviceFee, serviceFeePsp: row.serviceFeePsp,
        status: row.status, recipientNote: row.recipientNote, payoutStatus: row.payoutStatus, createdAt: row.createdAt,
        isSplitLink: row.isSplitLink, isDispute: row.isDispute, isRefund: row.isRefund,
        paymentMethod: row.paymentMethod, transactionType: row.transactionType,
        key, kind, refundedCents, pendingRefundCents, refundState
      }
      const createdAt = row.createdAt
      indexed.set(key, {
        view,
        month: createdAt.slice(0, 7),
        date: createdAt.slice(0, 10),
        createdNum: timestampNumber(createdAt),
        searchText: null,
        rank: 0
      })
    }
  }

  const storedRow = (key: string): PayInTransaction | undefined => indexed.get(key)?.view

  function unlink(key: string, row: PayInTransaction): void {
    const group = groups.get(row.payId)
    if (group !== undefined) {
      const at = group.indexOf(key)
      if (at >= 0) group.splice(at, 1)
      if (group.length === 0) groups.delete(row.payId)
    }
    const month = monthKeys.get(row.createdAt.slice(0, 7))
    month?.delete(key)
    if (month?.size === 0) monthKeys.delete(row.createdAt.slice(0, 7))
  }

  function link(key: string, row: PayInTransaction): void {
    const group = groups.get(row.payId)
    if (group === undefined) groups.set(row.payId, [key])
    else group.push(key)
    const mk = row.createdAt.slice(0, 7)
    let month = monthKeys.get(mk)
    if (month === undefined) monthKeys.set(mk, (month = new Set()))
    month.add(key)
  }

  /** Last row per key wins within a batch, like the cache's upsert. */
  function dedupe(rows: readonly PayInTransaction[]): Map<string, PayInTransaction> {
    const batch = new Map<string, PayInTransaction>()
    for (const row of rows) batch.set(transactionKey(row), row)
    return batch
  }

  /** Applies a batch; `removeKeys` go first. Re-derives only the touched pay_id groups. */
  function applyBatch(batch: Map<string, PayInTransaction>, removeKeys: string[]): IndexCounts {
    const counts: IndexCounts = { inserted: 0, updated: 0, unchanged: 0, removed: removeKeys.length }
    const touched = new Set<string>()
    const incoming = new Map<string, PayInTransaction>()
    for (const key of removeKeys) {
      const old = storedRow(key) as PayInTransaction
      unlink(key, old)
      indexed.delete(key)
      touched.add(old.payId)
    }
    for (const [key, row] of batch) {
      const old = storedRow(key)
      if (old !== undefined && sameRow(old, row)) {
        counts.unchanged++
        continue
      }
      if (old === undefined) counts.inserted++
      else {
        counts.updated++
        unlink(key, old) // createdAt (month) or pay_id may have moved
        touched.add(old.payId)
      }
      link(key, row)
      incoming.set(key, row)
      touched.add(row.payId)
    }
    const rowOf = (key: string): PayInTransaction | undefined => incoming.get(key) ?? storedRow(key)
    for (const payId of touched) deriveGroup(payId, rowOf)
    if (touched.size > 0) changed()
    return counts
  }

  return {
    get version() {
      return version
    },
    get size() {
      return indexed.size
    },

    reset(rows) {
      const batch = dedupe(rows)
      const removeKeys: string[] = []
      for (const key of indexed.keys()) if (!batch.has(key)) removeKeys.push(key)
      return applyBatch(batch, removeKeys)
    },

    upsert(rows) {
      return applyBatch(dedupe(rows), [])
    },

    preview(rows) {
      const diff: IndexDiff = { inserted: [], updated: [], unchanged: 0, removed: 0 }
      for (const [key, row] of dedupe(rows)) {
        const old = storedRow(key)
        if (old !== undefined && sameRow(old, row)) {
          diff.unchanged++
          continue
        }
        const view: TransactionView = { ...row, key, kind: rowKindOf(row), refundedCents: 0, pendingRefundCents: 0, refundState: 'none' }
        ;(old === undefined ? diff.inserted : diff.updated).push(view)
      }
      return diff
    },

    get(key) {
      return indexed.get(key)?.view
    },

    byPayId(payId) {
      const keys = groups.get(payId)
      if (keys === undefined) return []
      const rows = keys.map((k) => indexed.get(k) as IndexedRow)
      rows.sort((a, b) => {
        const pa = a.view.kind === 'payment' ? 0 : 1
        const pb = b.view.kind === 'payment' ? 0 : 1
        return pa - pb || a.createdNum - b.createdNum || compareKeys(a.view.key, b.view.key)
      })
      return rows.map((r) => r.view)
    },

    monthRows(month) {
      let rows = monthCache.get(month)
      if (rows === undefined) {
        rows = [...(monthKeys.get(month) ?? [])].map((k) => indexed.get(k) as IndexedRow)
        monthCache.set(month, rows)
      }
      return rows
    },

    months() {
      return [...monthKeys.keys()].sort()
    },

    baseOrder() {
      if (ordered === null) {
        const all = [...indexed.values()]
        all.sort((a, b) => b.createdNum - a.createdNum || compareKeys(a.view.key, b.view.key))
        for (let i = 0; i < all.length; i++) (all[i] as IndexedRow).rank = i
        ordered = all
      }
      return ordered
    },

    statuses() {
      const set = new Set<string>()
      for (const row of indexed.values()) set.add(row.view.status)
      return [...set].sort()
    },

    refreshRefundState(payIds) {
      const ids = payIds === undefined ? [...groups.keys()] : [...new Set(payIds)]
      for (const payId of ids) deriveGroup(payId, storedRow)
      if (ids.length > 0) changed()
    }
  }
}
