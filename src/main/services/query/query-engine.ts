/**
 * Queries over the cached transactions, run in main so the renderer only ever receives the
 * window it shows (never ship every row to the renderer).
 *
 * The last filtered + sorted row list is kept, keyed on (filter, sort, index version): a
 * virtual list scrolling through the same result asks for other offsets, and those are
 * answered in O(limit) by slicing. Totals are computed over the WHOLE filtered set in the same
 * pass, because the totals bar describes the filter, not the visible window.
 */
import type { QueryResult, SortColumn, Totals, TransactionFilter, TransactionQuery, TransactionView } from '@shared/views'
import { MATCH_ALL, buildPredicate, candidateRows } from './transaction-filter'
import type { IndexedRow, TransactionIndex } from './transaction-index'
import { sortRows } from './sort-order'
import { computeTotals } from './totals'

export { computeTotals, emptyTotals } from './totals'

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
