/**
 * Queries over the cached transactions, run in main so the renderer only ever receives the
 * window it shows (never ship every row to the renderer).
 *
 * The last filtered + sorted row list is kept, keyed on (filter, sort, index version): a
 * virtual list scrolling through the same result asks for other offsets, and those are
 * answered in O(limit) by slicing. Totals are computed over the WHOLE filtered set in the same
 * pass, because the totals bar describes the filter, not the visible window.
 */
import { sumCents } from '@shared/money'
import type { QueryResult, SortColumn, Totals, TransactionFilter, TransactionQuery, TransactionView } from '@shared/views'
import { MATCH_ALL, buildPredicate, candidateRows } from './transaction-filter'
import type { IndexedRow, TransactionIndex } from './transaction-index'
import { sortRows } from './sort-order'

export interface QueryEngine {
  query(q: TransactionQuery): QueryResult
  /** Every matching row, sorted (exports, CLI `list --json`). */
  selectAll(filter: TransactionFilter, sort?: TransactionQuery['sort']): { rows: TransactionView[]; totals: Totals }
  distinctStatuses(): string[]
}

export interface QueryEngineOptions {
  index: TransactionIndex
  /** Time of the last successful sync (ISO), shown as "data as of". */
  dataAsOf?: () => string | null
}

const DEFAULT_SORT: TransactionQuery['sort'] = { column: 'createdAt', direction: 'desc' }

export function emptyTotals(): Totals {
  return {
    count: 0, paymentCount: 0, refundCount: 0, disputeCount: 0,
    grossPayIns: 0, refunds: 0, disputes: 0, net: 0, fees: 0, netAfterFees: 0
  }
}

/**
 * Totals as defined in views.ts. Refund entries and dispute refunds both go to `refunds` (and
 * `refundCount`); their sign is taken as the API sends it. Gross counts positive payment rows
 * only (docs/secpaid-api.md#refund-and-dispute-entries: don't double count).
 */
export function computeTotals(rows: readonly IndexedRow[]): Totals {
  const t = emptyTotals()
  // Running sums, checked once at the end: every addend is a safe integer and |sum| only
  // leaves the safe range by growing, so a final check catches overflow
  // (docs/architecture.md#money-is-exact).
  for (let i = 0; i < rows.length; i++) {
    const view = (rows[i] as IndexedRow).view
    if (view.kind === 'payment') {
      t.paymentCount++
      if (view.amount > 0) t.grossPayIns += view.amount
    } else if (view.kind === 'dispute' || view.kind === 'dispute_refund') {
      // A dispute refund is the disputed money coming back to the merchant (our reading,
      // docs/secpaid-api.md#refund-and-dispute-entries): it settles the dispute, so it nets against
      // disputes, not against customer refunds.
      t.disputeCount++
      t.disputes += view.amount
    } else {
      t.refundCount++
      t.refunds += view.amount
    }
    t.fees += (view.serviceFee ?? 0) + (view.serviceFeePsp ?? 0)
    if (view.netAmount !== null) t.netAfterFees += view.netAmount
  }
  t.count = rows.length
  t.net = sumCents([t.grossPayIns, t.refunds, t.disputes])
  sumCents([t.grossPayIns, t.refunds, t.disputes, t.fees, t.netAfterFees]) // throws on overflow
  return t
}

interface CachedResult {
  signature: string
  version: number
  rows: IndexedRow[]
  totals: Totals
}

function signatureOf(filter: TransactionFilter, column: SortColumn, direction: string): string {
  // Sorted copies: [refund, payment] and [payment, refund] are the same filter.
  const normalized = { ...filter, kinds: [...filter.kinds].sort(), statuses: [...filter.statuses].sort(), search: filter.search.trim().toLowerCase() }
  return JSON.stringify([normalized, column, direction])
}

function clampInt(n: number, min: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.floor(n)) : min
}

export function createQueryEngine(opts: QueryEngineOptions): QueryEngine {
  const { index } = opts
  const dataAsOf = opts.dataAsOf ?? (() => null)
  let last: CachedResult | null = null

  function resolve(filter: TransactionFilter, sort: TransactionQuery['sort']): CachedResult {
    const signature = signatureOf(filter, sort.column, sort.direction)
    if (last !== null && last.signature === signature && last.version === index.version) return last
    index.baseOrder() // refreshes ranks, which the sort uses as tie-break
    const predicate = buildPredicate(filter)
    const candidates = candidateRows(index, filter)
    const rows = predicate === MATCH_ALL ? candidates.slice() : candidates.filter(predicate)
    sortRows(rows, sort.column, sort.direction)
    last = { signature, version: index.version, rows, totals: computeTotals(rows) }
    return last
  }

  return {
    query(q) {
      const result = resolve(q.filter, q.sort ?? DEFAULT_SORT)
      const offset = clampInt(q.offset, 0)
      const limit = clampInt(q.limit, 0)
      return {
        total: result.rows.length,
        offset,
        rows: result.rows.slice(offset, offset + limit).map((r) => r.view),
        totals: { ...result.totals },
        dataAsOf: dataAsOf()
      }
    },

    selectAll(filter, sort = DEFAULT_SORT) {
      const result = resolve(filter, sort)
      return { rows: result.rows.map((r) => r.view), totals: { ...result.totals } }
    },

    distinctStatuses() {
      return index.statuses()
    }
  }
}
