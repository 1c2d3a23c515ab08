/**
 * Queries over the cached transactions, run in main so the renderer only ever receives the
 * window it shows (never ship every row to the renderer).
 *
 * A result is a list of positions in the index's base order (createdAt desc, key asc), in the
 * requested sort order, plus its totals. Row objects are touched only for the window asked for
 * (offset/limit): a one-character search matching 100k rows costs its scan, a pass over flat
 * columns for the totals (row-columns.ts) and 200 row look-ups, not 100k.
 *
 * The last few results are kept, keyed on (filter, sort, index version): a virtual list
 * scrolling through the same result asks for other offsets, answered in O(limit). Totals are
 * computed over the WHOLE filtered set, because the totals bar describes the filter, not the
 * visible window.
 *
 * Sorting a large result by a column walks that column's permutation of all rows (built once per
 * index version, when first needed) and keeps the matching positions, instead of sorting the
 * result; small results are sorted directly.
 *
 * Search per keystroke: typing "abc" after "ab" (same other filters, same rows) filters the
 * previous text matches instead of every row (search-text.ts says why that is exact).
 *
 * The first screen: the window opens on page 0 of the unfiltered list, newest first. Before the
 * base order of all rows exists that page is answered from the newest months' buckets (only they
 * are sorted) plus one pass over every row for the count and totals — instead of sorting all rows
 * and building the totals columns first, which made the first rows wait (newestFirstPage). That
 * work is kept per index version, and the window has it done while its page is still starting
 * (`prepareFirstScreen`). The base order and the columns are then built in the background, ahead
 * of the first keystroke.
 */
import type { QueryResult, SortColumn, Totals, TransactionFilter, TransactionQuery, TransactionView } from '@shared/views'
import { compareBase, type IndexedRow } from './indexed-row'
import { filterPositions, mergeAscending, PositionsBuilder, type Positions } from './positions'
import { startColumns, type ColumnsBuild, type RowColumns } from './row-columns'
import { createSearchIndex } from './search-index'
import { narrows, type Needle } from './search-text'
import { MATCH_ALL, buildBasePredicate, candidateRows, compileSearch } from './transaction-filter'
import type { MonthFacts, TransactionIndex } from './transaction-index'
import { sortPermutation, sortPositions } from './sort-order'
import { addRow, emptyTotals, finishTotals, totalsAt } from './totals'

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
  /**
   * Does the first screen's work for the index as it is now (month facts, totals, the newest
   * month sorted), so that page 0 of this version is answered at once. The window calls it while
   * its page is still starting; once a query was answered it does nothing (that query did it).
   */
  prepareFirstScreen(): void
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
  /**
   * The background build waits for this (default: nothing to wait for). The window passes the
   * cache's progressive load: each month it adds is a new index version, and the base order,
   * columns, search chunks and maps built for the version before it would be thrown away.
   */
  warmUpAfter?: Promise<unknown>
}

const DEFAULT_SORT: TransactionQuery['sort'] = { column: 'createdAt', direction: 'desc' }

interface CachedResult {
  signature: string
  /** The filter without its search text: results with equal base signatures narrow each other. */
  baseSignature: string
  version: number
  needle: Needle | null
  /** Base-order positions (ascending) of the rows passing the base filter and the TEXT half of the search. */
  textPositions: Positions | null
  /** The base order the positions refer to (as it was at `version`). */
  all: readonly IndexedRow[]
  /** Base-order positions of the result, in the requested order. */
  order: Positions
  totals: Totals
}

/** Results kept per engine: the list, its last few keystrokes, another screen's query. */
const CACHED_RESULTS = 4
/** Up to this many previous matches are filtered row by row; more go through the index. */
const NARROW_MAX = 20_000
/**
 * A result with at least this share of all rows is summed from the flat columns (built once per
 * index version); a smaller one is summed from its rows, which costs less than a pass over every
 * row when the columns are not built yet for this version.
 */
const LARGE_SHARE = 1 / 8
/**
 * A column's permutation of all rows is built for a result of at least half of the rows (the
 * unfiltered list sorted by that column builds it, and every keystroke after it reuses it);
 * a smaller result is sorted directly unless the permutation exists already. Sorting all rows
 * for a quarter of them would cost more than sorting the quarter, on every index version.
 */
const PERMUTATION_SHARE = 1 / 2

/** Rows whose totals columns one background task fills: 40k rows take ~10 ms. */
const COLUMN_ROWS_PER_TASK = 40_000

function baseSignatureOf(filter: TransactionFilter): string {
  // Sorted copies: [refund, payment] and [payment, refund] are the same filter.
  const { period, kinds, statuses, amountMinCents, amountMaxCents } = filter
  return JSON.stringify([period, [...kinds].sort(), [...statuses].sort(), amountMinCents, amountMaxCents])
}

function signatureOf(baseSignature: string, search: string, column: SortColumn, direction: string): string {
  return JSON.stringify([baseSignature, search.trim(), column, direction])
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
  // Per index version: the flat columns and the sort permutations built so far.
  let derivedVersion = -1
  let derivedAll: readonly IndexedRow[] | null = null
  let columns: RowColumns | null = null
  // The columns being filled by the background warm-up, a slice per task (null: not started).
  let columnsBuild: ColumnsBuild | null = null
  let permutations = new Map<string, Int32Array>()
  // The index version whose base order this engine last asked for (-1: none yet). Until then a
  // full sort of every row may be due, which the first screen should not wait for.
  let orderedVersion = -1
  // The index version whose first screen newestFirstPage answered (its columns are built next).
  let columnsWanted = -1
  // newestFirstPage's work for one index version: every month's facts, the totals over all rows
  // (null when the facts do not count every row) and the months sorted so far.
  let firstScreen: { version: number; months: MonthFacts[]; totals: Totals | null; sorted: Map<string, IndexedRow[]> } | null = null
  // Whether any query was answered (the first screen is then no longer ahead).
  let queried = false

  function derivedFor(all: readonly IndexedRow[]): void {
    if (derivedVersion === index.version && derivedAll === all) return
    derivedVersion = index.version
    derivedAll = all
    columns = null
    columnsBuild = null
    permutations = new Map()
  }

  function columnsOf(all: readonly IndexedRow[]): RowColumns {
    derivedFor(all)
    return (columns ??= (columnsBuild ?? startColumns(all)).finish())
  }

  function permutationOf(all: readonly IndexedRow[], column: SortColumn, direction: 'asc' | 'desc'): Int32Array {
    derivedFor(all)
    const key = `${column} ${direction}`
    let perm = permutations.get(key)
    if (perm === undefined) permutations.set(key, (perm = sortPermutation(all, column, direction)))
    return perm
  }

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
   * `positions` (ascending base order) in the requested order. The base order is createdAt desc,
   * so that sort needs nothing; a large result under another sort is picked out of that sort's
   * permutation of all rows by position marks (O(all rows), no comparisons), a small one sorted.
   */
  function inOrder(all: readonly IndexedRow[], positions: Positions, column: SortColumn, direction: 'asc' | 'desc'): Positions {
    if (column === 'createdAt' && direction === 'desc') return positions
    derivedFor(all)
    const built = permutations.get(`${column} ${direction}`)
    if (built === undefined && positions.length < all.length * PERMUTATION_SHARE) return sortPositions(all, positions, column, direction)
    const perm = built ?? permutationOf(all, column, direction)
    if (positions.length === all.length) return perm
    const marks = new Uint8Array(all.length)
    for (let i = 0; i < positions.length; i++) marks[positions[i] as number] = 1
    const out = new Int32Array(positions.length)
    let k = 0
    for (let i = 0; i < perm.length; i++) {
      const p = perm[i] as number
      if (marks[p] === 1) out[k++] = p
    }
    return out
  }

  /** Totals of the rows at `positions`: from the columns when many rows (or the columns exist). */
  function totalsOf(all: readonly IndexedRow[], positions: Positions): Totals {
    derivedFor(all)
    if (columns !== null || positions.length >= all.length * LARGE_SHARE) return totalsAt(columnsOf(all), positions)
    // Few rows: read from their stored rows (no views made for rows nobody shows).
    const t = emptyTotals()
    for (let i = 0; i < positions.length; i++) {
      const r = all[positions[i] as number] as IndexedRow
      const v = r.row
      addRow(t, r.kind, v.amount, (v.serviceFee ?? 0) + (v.serviceFeePsp ?? 0), v.netAmount)
    }
    return finishTotals(t, positions.length)
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
  // While `warmUpAfter` is pending, a warm-up asked for waits for it (a query still answers at
  // once, computing what it needs for the version it sees).
  let warmUpHeld = opts.warmUpAfter !== undefined
  let warmUpAsked = false
  const release = (): void => {
    warmUpHeld = false
    if (warmUpAsked) scheduleWarmUp()
  }
  // A failed wait releases it too: the build then works on whatever the index holds.
  opts.warmUpAfter?.then(release, release)
  function scheduleWarmUp(): void {
    if (warming || !warmUp) return
    if (warmUpHeld) {
      warmUpAsked = true
      return
    }
    warming = true
    const tick = (): void => {
      // The base order first, then the totals columns: the first keystroke matching most rows
      // needs both, and the first screen may have been answered without them (newestFirstPage).
      // Both in slices (a cold open's entries, a month's sort, then COLUMN_ROWS_PER_TASK rows per
      // task): built in one task they held every IPC answer for 100–500 ms at 200k rows, right
      // when the list has loaded and the user starts typing. The search index asks for the base
      // order too, so it never comes before the sort is done.
      if (index.sortStep()) {
        setTimeout(tick, 0).unref?.()
      } else if (columnsDue()) {
        // Joining the sorted months is a task of its own; the columns follow in the next ones.
        const all = baseOrder()
        derivedFor(all)
        if (columnsBuild === null) columnsBuild = startColumns(all)
        else {
          columnsBuild.step(COLUMN_ROWS_PER_TASK)
          if (columnsBuild.done) columnsOf(all)
        }
        setTimeout(tick, 0).unref?.()
      } else if (searchIndex.step()) {
        setTimeout(tick, 0).unref?.()
      } else if (index.mapStep()) {
        // Last: the index's lookup maps (by key, pay_id) that a cold open left unbuilt, for the
        // first row opened or the first sync (transaction-index.ts `mapStep`).
        setTimeout(tick, 0).unref?.()
      } else warming = false
    }
    setTimeout(tick, 0).unref?.()
  }

  function baseOrder(): readonly IndexedRow[] {
    const all = index.baseOrder()
    orderedVersion = index.version
    // The first screen's path is over for this version: let go of its rows.
    firstScreen = null
    return all
  }

  /** The first screen of this version was answered without the columns, and they are still missing. */
  function columnsDue(): boolean {
    return columnsWanted === index.version && (columns === null || derivedVersion !== index.version)
  }

  /**
   * Page 0 (or any page within the newest rows) of the unfiltered list in the default order,
   * while this engine has not asked for the base order of this index version: only the newest
   * months' rows are sorted (the same order: createdAt desc, key asc), and one pass over all rows
   * gives the count and the totals (the same `addRow` rules; integer cents, so the order of
   * addition does not matter). Null when anything is not so — the query then takes the usual path,
   * whose answer this one equals.
   */
  function newestFirstPage(filter: TransactionFilter, sort: TransactionQuery['sort'], offset: number, limit: number): QueryResult | null {
    if (orderedVersion === index.version) return null
    if (sort.column !== 'createdAt' || sort.direction !== 'desc') return null
    if (filter.period.kind !== 'all' || compileSearch(filter.search) !== null || buildBasePredicate(filter) !== MATCH_ALL) return null
    const { months, totals } = firstScreenWork()
    if (totals === null) return null
    // olderMax[m]: the highest createdAt number of the months before m. A month's rows all come
    // before every older month's rows only when its lowest is above that; month keys come from
    // the createdAt text, so a malformed timestamp could break the rule — then the usual path
    // answers.
    const olderMax = new Float64Array(months.length)
    let older = -Infinity
    for (let m = 0; m < months.length; m++) {
      olderMax[m] = older
      older = Math.max(older, (months[m] as MonthFacts).highest)
    }
    const rows: TransactionView[] = []
    let newer = 0 // rows of the months already passed (all of them newer)
    for (let m = months.length - 1; m >= 0 && rows.length < limit; m--) {
      const facts = months[m] as MonthFacts
      if (facts.count === 0) continue
      if (!(facts.lowest > (olderMax[m] as number))) return null
      // Only the months the page shows are read (on a cold open, only their entries are made).
      if (newer + facts.count > offset) {
        const sorted = sortedMonth(facts.month)
        for (let i = Math.max(0, offset - newer); i < sorted.length && rows.length < limit; i++) rows.push((sorted[i] as IndexedRow).view)
      }
      newer += facts.count
    }
    // Wanted in the background once this version's first screen is out (see scheduleWarmUp).
    columnsWanted = index.version
    // The base order, the columns and the search index follow in the background.
    scheduleWarmUp()
    return { total: totals.count, offset, rows, totals: structuredClone(totals), dataAsOf: dataAsOf() }
  }

  /**
   * The month facts and the totals of this index version (computed once per version): per month
   * (ascending) its count and createdAt bounds, read without the rows' entries on a cold open, and
   * every row added to the totals.
   */
  function firstScreenWork(): NonNullable<typeof firstScreen> {
    const version = index.version
    if (firstScreen?.version === version) return firstScreen
    const t = emptyTotals()
    const months = index.monthFacts((kind, amount, fee, net) => addRow(t, kind, amount, fee, net))
    let count = 0
    for (const m of months) count += m.count
    firstScreen = { version, months, totals: count === index.size ? finishTotals(t, count) : null, sorted: new Map() }
    return firstScreen
  }

  /** A month's rows in the base order's comparison (kept for this version). */
  function sortedMonth(month: string): IndexedRow[] {
    const work = firstScreenWork()
    let sorted = work.sorted.get(month)
    if (sorted === undefined) work.sorted.set(month, (sorted = [...index.monthRows(month)].sort(compareBase)))
    return sorted
  }

  /** Ascending base-order positions of the rows passing the filter without search text. */
  function basePositions(all: readonly IndexedRow[], filter: TransactionFilter): Positions {
    const base = buildBasePredicate(filter)
    const candidates = candidateRows(index, filter)
    if (candidates === all && base === MATCH_ALL) {
      const positions = new Int32Array(all.length)
      for (let i = 0; i < all.length; i++) positions[i] = i
      return positions
    }
    const out = new PositionsBuilder(candidates.length)
    if (candidates === all) {
      for (let i = 0; i < all.length; i++) if (base(all[i] as IndexedRow)) out.push(i)
      return out.finish()
    }
    // Month buckets: their rows' ranks are their positions (baseOrder() refreshed them).
    for (const row of candidates) if (base(row)) out.push(row.rank)
    return out.finish().sort()
  }

  function resolve(filter: TransactionFilter, sort: TransactionQuery['sort']): CachedResult {
    const { column, direction } = sort
    const baseSignature = baseSignatureOf(filter)
    const signature = signatureOf(baseSignature, filter.search, column, direction)
    const hit = cache.find((e) => e.signature === signature && e.version === index.version)
    if (hit !== undefined) return remember(hit)
    const all = baseOrder() // refreshes ranks (positions in it)
    const version = index.version
    const search = compileSearch(filter.search)
    const entry = (textPositions: Positions | null, positions: Positions): CachedResult =>
      remember({
        signature, baseSignature, version, needle: search?.needle ?? null, textPositions, all,
        order: inOrder(all, positions, column, direction),
        totals: totalsOf(all, positions)
      })

    if (search === null) {
      const positions = basePositions(all, filter)
      scheduleWarmUp()
      return entry(null, positions)
    }

    const base = buildBasePredicate(filter)
    const months = monthsOf(filter)
    // Text half. Typing on ("abc" after "ab", same base filter) can only drop rows, so a small
    // previous result is narrowed row by row; otherwise the index scans every haystack and
    // only the hits are tested against the rest of the filter.
    const source = narrowingSource(baseSignature, search.needle)
    let positions: Positions
    if (source !== null && (source.textPositions as Positions).length <= NARROW_MAX) {
      positions = searchIndex.narrow(source.textPositions as Positions, search.needle)
    } else {
      positions = searchIndex.textPositions(search.needle, months)
      if (base !== MATCH_ALL) positions = filterPositions(positions, (p) => base(all[p] as IndexedRow))
    }
    let matched = positions
    // Amount half: not monotonic in the typed text ("12,5" → 12,50 €, "12,55" → 12,55 €), so it
    // is looked up afresh in the index's flat amount arrays; the few hits join the text hits.
    if (search.amounts.size > 0) {
      const extra = filterPositions(searchIndex.amountPositions(search.amounts, months), (p) => base(all[p] as IndexedRow))
      matched = mergeAscending(positions, extra)
    }
    scheduleWarmUp()
    return entry(positions, matched)
  }

  function viewsAt(result: CachedResult, from: number, to: number): TransactionView[] {
    const { all, order } = result
    const end = Math.min(to, order.length)
    const out: TransactionView[] = []
    for (let i = from; i < end; i++) out.push((all[order[i] as number] as IndexedRow).view)
    return out
  }

  return {
    query(q) {
      queried = true
      const offset = clampInt(q.offset, 0)
      const limit = clampInt(q.limit, 0)
      const sort = q.sort ?? DEFAULT_SORT
      const first = newestFirstPage(q.filter, sort, offset, limit)
      if (first !== null) return first
      const result = resolve(q.filter, sort)
      return {
        total: result.order.length,
        offset,
        rows: viewsAt(result, offset, offset + limit),
        totals: { ...result.totals },
        dataAsOf: dataAsOf()
      }
    },

    selectAll(filter, sort = DEFAULT_SORT) {
      const result = resolve(filter, sort)
      return { rows: viewsAt(result, 0, result.order.length), totals: { ...result.totals } }
    },

    distinctStatuses() {
      return index.statuses()
    },

    prepareSearch() {
      return searchIndex.step()
    },

    prepareFirstScreen() {
      if (queried) return
      const { months } = firstScreenWork()
      const newest = months.findLast((m) => m.count > 0)
      if (newest !== undefined) sortedMonth(newest.month)
    }
  }
}
