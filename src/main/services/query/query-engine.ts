/**
 * Queries over the cached transactions, run in main so the renderer only ever receives the
 * window it shows (never ship every row to the renderer).
 *
 * The last few filtered + sorted row lists are kept, keyed on (filter, sort, index version): a
 * virtual list scrolling through the same result asks for other offsets, and those are
 * answered in O(limit) by slicing. Totals are computed over the WHOLE filtered set in the same
 * pass, because the totals bar describes the filter, not the visible window.
 *
 * Search per keystroke: typing "abc" after "ab" (same other filters, same rows) filters the
 * previous text matches instead of every row (search-text.ts says why that is exact).
 */
import type { QueryResult, SortColumn, Totals, TransactionFilter, TransactionQuery, TransactionView } from '@shared/views'
import type { IndexedRow } from './indexed-row'
import { createSearchIndex } from './search-index'
import { narrows, type Needle } from './search-text'
import { MATCH_ALL, buildBasePredicate, candidateRows, compileSearch } from './transaction-filter'
import type { TransactionIndex } from './transaction-index'
import { rowComparator, sortRows } from './sort-order'
import { computeTotals } from './totals'

export { computeTotals, emptyTotals } from './totals'

export interface QueryEngine {
  query(q: TransactionQuery): QueryResult
  /** Every matching row, sorted (exports, CLI `list --json`). */
  selectAll(filter: TransactionFilter, sort?: TransactionQuery['sort']): { rows: TransactionView[]; totals: Totals }
  distinctStatuses(): string[]
  /**
   * Does one slice (one month) of building / refreshing the search index; false when it is up
   * to date. The engine schedules this itself after queries; exposed for tests and benchmarks.
   */
  prepareSearch(): boolean
}

export interface QueryEngineOptions {
  index: TransactionIndex
  /** Time of the last successful sync (ISO), shown as "data as of". */
  dataAsOf?: () => string | null
  /**
   * Build the search index in the background after a query (default true), so the first
   * keystroke does not pay for it. Benchmarks turn it off to measure that cost.
   */
  warmUpSearch?: boolean
  /** Rows per search-index chunk (search-index.ts); tests use tiny chunks to cross their edges. */
  searchChunkRows?: number
}

const DEFAULT_SORT: TransactionQuery['sort'] = { column: 'createdAt', direction: 'desc' }

interface CachedResult {
  signature: string
  /** The filter without its search text: results with equal base signatures narrow each other. */
  baseSignature: string
  version: number
  column: SortColumn
  direction: 'asc' | 'desc'
  needle: Needle | null
  /** Base-order positions (ascending) of the rows passing the base filter and the TEXT half of the search. */
  textPositions: number[] | null
  rows: IndexedRow[]
  totals: Totals
}

/** Results kept per engine: the list, its last few keystrokes, another screen's query. */
const CACHED_RESULTS = 4
/** Up to this many previous matches are filtered row by row; more go through the index. */
const NARROW_MAX = 20_000

function baseSignatureOf(filter: TransactionFilter): string {
  // Sorted copies: [refund, payment] and [payment, refund] are the same filter.
  const { period, kinds, statuses, amountMinCents, amountMaxCents } = filter
  return JSON.stringify([period, [...kinds].sort(), [...statuses].sort(), amountMinCents, amountMaxCents])
}

function signatureOf(baseSignature: string, search: string, column: SortColumn, direction: string): string {
  return JSON.stringify([baseSignature, search.trim(), column, direction])
}

/** Inserts the (few, sorted) rows of `extra` into the sorted `rows` by binary search. */
function mergeSorted(rows: IndexedRow[], extra: IndexedRow[], compare: (a: IndexedRow, b: IndexedRow) => number): IndexedRow[] {
  if (extra.length === 0) return rows
  const out: IndexedRow[] = []
  let from = 0
  for (const row of extra) {
    let lo = from
    let hi = rows.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(rows[mid] as IndexedRow, row) < 0) lo = mid + 1
      else hi = mid
    }
    for (let i = from; i < lo; i++) out.push(rows[i] as IndexedRow)
    out.push(row)
    from = lo
  }
  for (let i = from; i < rows.length; i++) out.push(rows[i] as IndexedRow)
  return out
}

/** Binary search in an ascending array. */
function hasSorted(sorted: readonly number[], x: number): boolean {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return sorted[lo] === x
}

function clampInt(n: number, min: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.floor(n)) : min
}

export function createQueryEngine(opts: QueryEngineOptions): QueryEngine {
  const { index } = opts
  const dataAsOf = opts.dataAsOf ?? (() => null)
  // Most recent first. Keyed on (filter, sort, index version), so any change to the rows
  // invalidates every entry: nothing can answer from rows that no longer exist.
  let cache: CachedResult[] = []
  const searchIndex = createSearchIndex(index, opts.searchChunkRows)
  const warmUp = opts.warmUpSearch ?? true

  function remember(entry: CachedResult): CachedResult {
    cache = [entry, ...cache.filter((e) => e !== entry && e.version === entry.version)].slice(0, CACHED_RESULTS)
    return entry
  }

  /**
   * A cached result whose text matches contain every row the new search can match: same base
   * filter, same rows, and a needle the new one extends. The smallest wins.
   */
  function narrowingSource(baseSignature: string, needle: Needle): CachedResult | null {
    let best: CachedResult | null = null
    for (const e of cache) {
      if (e.version !== index.version || e.baseSignature !== baseSignature) continue
      if (e.needle === null || e.textPositions === null || !narrows(e.needle, needle)) continue
      if (best === null || e.textPositions.length < best.textPositions!.length) best = e
    }
    return best
  }

  /**
   * Rows at `positions` (ascending base order) in the requested order. The base order is
   * createdAt desc, so that sort needs nothing; many rows under another sort are picked, by
   * position marks, from the cached unfiltered result with that sort instead of sorted anew.
   */
  function inOrder(positions: readonly number[], baseSignature: string, column: SortColumn, direction: 'asc' | 'desc'): IndexedRow[] {
    const all = index.baseOrder()
    const rows = positions.map((p) => all[p] as IndexedRow)
    if (column === 'createdAt' && direction === 'desc') return rows
    const sorted = rows.length < all.length / 16
      ? undefined
      : cache.find((e) => e.version === index.version && e.baseSignature === baseSignature && e.needle === null && e.column === column && e.direction === direction)
    if (sorted === undefined) return sortRows(rows, column, direction)
    const marks = new Uint8Array(all.length)
    for (const p of positions) marks[p] = 1
    return sorted.rows.filter((r) => marks[r.rank] === 1)
  }

  /** Months a period can match (null: all), so the index scans only those. */
  function monthsOf(filter: TransactionFilter): ReadonlySet<string> | null {
    const { period } = filter
    if (period.kind === 'all') return null
    if (period.kind === 'month') return new Set([period.month])
    const from = period.from.slice(0, 7)
    const to = period.to.slice(0, 7)
    return new Set(index.months().filter((m) => m >= from && m <= to))
  }

  // Background build of the search index, one month per macrotask so IPC stays responsive.
  // Started by the first query (the first screen is already answered then), never awaited;
  // unref'd so a CLI run does not wait for it.
  let warming = false
  function scheduleWarmUp(): void {
    if (warming || !warmUp) return
    warming = true
    const tick = (): void => {
      if (searchIndex.step()) {
        setTimeout(tick, 0).unref?.()
      } else warming = false
    }
    setTimeout(tick, 0).unref?.()
  }

  function resolve(filter: TransactionFilter, sort: TransactionQuery['sort']): CachedResult {
    const { column, direction } = sort
    const baseSignature = baseSignatureOf(filter)
    const signature = signatureOf(baseSignature, filter.search, column, direction)
    const hit = cache.find((e) => e.signature === signature && e.version === index.version)
    if (hit !== undefined) return remember(hit)
    index.baseOrder() // refreshes ranks, which the sort uses as tie-break
    const version = index.version
    const base = buildBasePredicate(filter)
    const search = compileSearch(filter.search)
    const entry = (textPositions: number[] | null, rows: IndexedRow[]): CachedResult =>
      remember({ signature, baseSignature, version, column, direction, needle: search?.needle ?? null, textPositions, rows, totals: computeTotals(rows) })

    if (search === null) {
      const all = candidateRows(index, filter)
      const rows = base === MATCH_ALL ? all.slice() : all.filter(base)
      // The base order already is createdAt desc (the default sort): 200k rows need no sort.
      if (!(all === index.baseOrder() && column === 'createdAt' && direction === 'desc')) sortRows(rows, column, direction)
      scheduleWarmUp()
      return entry(null, rows)
    }

    const all = index.baseOrder()
    const months = monthsOf(filter)
    // Text half. Typing on ("abc" after "ab", same base filter) can only drop rows, so a small
    // previous result is narrowed row by row; otherwise the index scans every haystack and
    // only the hits are tested against the rest of the filter.
    const source = narrowingSource(baseSignature, search.needle)
    let positions: number[]
    if (source !== null && (source.textPositions as number[]).length <= NARROW_MAX) {
      positions = searchIndex.narrow(source.textPositions as number[], search.needle)
    } else {
      positions = searchIndex.textPositions(search.needle, months)
      if (base !== MATCH_ALL) positions = positions.filter((p) => base(all[p] as IndexedRow))
    }
    let rows = inOrder(positions, baseSignature, column, direction)
    // Amount half: not monotonic in the typed text ("12,5" → 12,50 €, "12,55" → 12,55 €), so it
    // is looked up afresh in the index's flat amount arrays; the few hits are merged in sorted.
    if (search.amounts.size > 0) {
      const extra = searchIndex
        .amountPositions(search.amounts, months)
        .filter((p) => !hasSorted(positions, p) && base(all[p] as IndexedRow))
        .map((p) => all[p] as IndexedRow)
      rows = mergeSorted(rows, sortRows(extra, column, direction), rowComparator(column, direction))
    }
    scheduleWarmUp()
    return entry(positions, rows)
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
    },

    prepareSearch() {
      return searchIndex.step()
    }
  }
}
