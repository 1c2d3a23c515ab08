/**
 * In-memory index over the cached pay-in rows: by key, by pay_id (a payment and its refund /
 * dispute entries share the pay_id, docs/secpaid-api.md#refund-and-dispute-entries) and by Berlin
 * month. It derives every row's kind and refund values (refunded / pending amounts, refund
 * state), which need the whole pay_id group plus the local refund ledger.
 *
 * Built from the cache and then updated incrementally with what a sync fetched, so a sync of 50
 * new rows does not re-derive 200k rows. Every change bumps `version`; the query engine keys its
 * result cache on it. A cold open keeps the rows it reads without building anything per row
 * (`loaded` below): entries are made by the first read, the lookup maps by the first lookup or
 * change, or in the background (`mapStep`).
 *
 * Cheap to build and to apply page by page (a cold open indexes 200k rows; a full sync applies 200
 * pages of 1000 while the user browses): an entry keeps the row object it was given instead of
 * copying it, its `TransactionView` is made only when someone reads it (indexed-row.ts), rows
 * without refund values share one derived object, a group member arriving re-derives its group
 * but an entry whose values did not move is kept (and with it its view), the batch reports its
 * own diff (no preview pass), months and dates are shared strings, and the base order is merged,
 * not re-sorted, when rows were only added.
 */
import type { PayInTransaction } from '@shared/domain'
import { OPEN_REQUEST_STATES, type RefundRequest, type RowKind, type TransactionView } from '@shared/views'
import { cellsKey, transactionKey } from '../storage/transaction-cache'
import type { EncodedRow } from '../storage/transaction-shard-codec'
import { CellsRow, compareBase, compareKeys, sameRow, StoredRow, timestampNumber, UNRANKED, type DerivedRefund, type IndexedRow, type IndexRowEntry } from './indexed-row'
import { createLoadedKeys, type LoadedKeys } from './loaded-keys'
import { isRefundEntry, kindOf, rowKindOf } from './row-kind'

export { sameRow, searchTextOf, type IndexedRow } from './indexed-row'

/** The ledger's view of one payment: only open requests count as pending (views.ts). */
export type OpenRequestsFor = (payId: string) => readonly Pick<RefundRequest, 'amount' | 'state'>[]

/** What a batch changed. Views from `preview` have kind + row fields, refund amounts unset. */
export interface IndexDiff {
  inserted: TransactionView[]
  updated: TransactionView[]
  unchanged: number
  removed: number
}

/** One month's row count and createdAt bounds (createdAt numbers, see `IndexedRow.createdNum`). */
export interface MonthFacts {
  month: string
  count: number
  lowest: number
  highest: number
}

/** Receives what the totals need of one row (`fee`: service_fee + service_fee_psp, missing ones 0). */
export type TotalsVisitor = (kind: RowKind, amount: number, fee: number, netAmount: number | null) => void

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
  /**
   * `upsert` for rows that are new to the index, in the cache's column order (a cold open reading
   * the cache a month at a time): one pass, no batch map, no row objects; a row whose key is
   * already held takes `upsert`'s path. The arrays are kept as the entries' cells (never changed).
   * On an empty index (a cold open) the rows are not put in the lookup maps yet (see `mapStep`),
   * unless `how.now` (or the index's `mapsAtOpen`) asks for them at once.
   *
   * `how.distinct`: the caller vouches that no row repeats a key the index holds or another row
   * of the batch (the cache's `LoadedMonth.distinct`). A cold open then checks nothing: checking
   * every key took most of its own time. From the first batch not vouched for on, every row of
   * the cold open (those before it too) is checked, and a repeat takes `upsert`'s path.
   */
  addNew(rows: readonly EncodedRow[], how?: { now?: boolean; distinct?: boolean }): IndexCounts
  /**
   * Puts a slice of a cold open's rows into the lookup maps by key and pay_id; false once every
   * row is in them. Optional: whatever needs the maps builds the rest first; this lets a
   * background task do it in slices instead.
   */
  mapStep(): boolean
  /**
   * `upsert` that also returns the inserted and updated views as derived after the batch (a sync's
   * digest, without a separate preview pass). `seen`, if given, receives the key of every row of
   * the batch, changed or not (for `retainOnly` at the end of a full refresh).
   */
  apply(rows: readonly PayInTransaction[], seen?: Set<string>): IndexDiff
  /** Removes every row whose key is not in `keep`; returns how many were removed. */
  retainOnly(keep: ReadonlySet<string>): number
  /** What `upsert(rows)` would report, without changing anything. */
  preview(rows: readonly PayInTransaction[]): IndexDiff
  get(key: string): TransactionView | undefined
  /** Every row sharing the pay_id (payment first, then entries), oldest first within each. */
  byPayId(payId: string): TransactionView[]
  /**
   * A month's rows. During a cold open whose entries are not all made yet, after `monthFacts` (of
   * the rows held now) found where each month ends, entries are made only up to that month's last
   * row in the order the cache gave them: the window's load reads the newest month first, so its
   * first screen makes the entries of that month alone.
   */
  monthRows(month: string): readonly IndexedRow[]
  months(): string[]
  /**
   * Every month (ascending) with its row count and createdAt bounds, and every row's totals input
   * handed to `visit`, in no particular order: the first screen's count, totals and month order.
   * A cold open's rows are read from their cells, no entry made (200k entries held the window's
   * first screen for ~200 ms).
   */
  monthFacts(visit: TotalsVisitor): MonthFacts[]
  /** All rows ordered createdAt desc, key asc; cached per version. */
  baseOrder(): readonly IndexedRow[]
  /**
   * One slice of the work the next `baseOrder()` would do in one go: first the entries of a cold
   * open's rows not read yet (`entryRowsPerStep` per call), then, while this version has no base
   * order, the sort of one month's rows (newest first). True while anything is left; then
   * `baseOrder()` only joins the sorted months. Lets a background task keep every slice short.
   */
  sortStep(): boolean
  /** Sorted distinct `status` values (for the status filter). */
  statuses(): string[]
  /** Re-derive pending / state after the refund ledger changed (all payments when omitted). */
  refreshRefundState(payIds?: Iterable<string>): void
}

/** What almost every row derives (no refund entries, no open request): one shared object. */
const NO_REFUND: DerivedRefund = Object.freeze({ refundedCents: 0, pendingRefundCents: 0, refundState: 'none' })

const sameDerived = (a: DerivedRefund, b: DerivedRefund): boolean =>
  a.refundedCents === b.refundedCents && a.pendingRefundCents === b.pendingRefundCents && a.refundState === b.refundState

const NO_ROWS: ReadonlyMap<string, PayInTransaction> = new Map()

/** Rows `mapStep` puts into the lookup maps per call: a few ms of work. */
const MAP_ROWS_PER_STEP = 8192
/**
 * Entries `sortStep` makes per call for a cold open's rows not read yet: a few ms of work. Made
 * in one go, 200k of them held a background task for 250–500 ms right after the window's load.
 */
const ENTRY_ROWS_PER_STEP = 16384

interface DayStrings {
  month: string
  date: string
}

/** The rows of a cold open that are not in the index's maps yet (see `loaded` below). */
interface Loaded {
  /** Every row read, in the order read (the cache's cells, kept as they are). */
  cells: EncodedRow[]
  /** The entries made so far, of `cells` from the start; the rest are made on the first read. */
  rows: CellsRow[]
  /**
   * The keys of `cells`, to tell a repeated key (a damaged cache) without a key string per row;
   * null while every batch was vouched for (`addNew`'s `distinct`).
   */
  keys: LoadedKeys | null
  /** pay_id → sum of its refund entries' amounts (magnitudes) among `cells`. */
  refunded: Map<string, number>
  /** pay_ids whose payments' refund values may be stale: a refund entry or a ledger change came. */
  stale: Set<string>
  /** Every payment's values may be stale (the whole ledger changed). */
  allStale: boolean
  /** How many of `rows` (from the start) are in the maps already (`mapStep`). */
  mappedUpTo: number
  /**
   * Per month, the position in `cells` after its last row, as `monthFacts` found them when
   * `cells` had `at` rows (null: not asked yet). Lets `monthRows` make entries up to there only.
   */
  monthEnds: { at: number; ends: Map<string, number> } | null
}

export interface TransactionIndexOptions {
  openRequestsFor?: OpenRequestsFor
  /** Rows `mapStep` maps per call (tests use tiny steps to stop halfway). */
  mapRowsPerStep?: number
  /** Entries of a cold open's rows `sortStep` makes per call (tests use tiny steps). */
  entryRowsPerStep?: number
  /**
   * A cold open builds the lookup maps as it reads (the mapped path), for a caller that will need
   * them at once: building them afterwards costs more than building them in the same pass.
   */
  mapsAtOpen?: boolean
}

export function createTransactionIndex(opts: TransactionIndexOptions = {}): TransactionIndex {
  const openRequestsFor: OpenRequestsFor = opts.openRequestsFor ?? (() => [])
  const mapRowsPerStep = Math.max(1, opts.mapRowsPerStep ?? MAP_ROWS_PER_STEP)
  const entryRowsPerStep = Math.max(1, opts.entryRowsPerStep ?? ENTRY_ROWS_PER_STEP)
  // Each entry holds the row as handed in plus its derived values; its view is made on first read.
  const indexed = new Map<string, IndexRowEntry>()
  // Almost every group has 1–3 keys: a lone key is stored as itself, more as an array (200k Sets,
  // or even 200k one-element arrays, cost the GC dearly).
  const groups = new Map<string, string | string[]>()
  // Rows per month, counted as rows come and go; the rows of a month are collected only when
  // asked (one pass for all months, kept per version): a Set of keys per month cost every
  // cold open 200k insertions for lists that are read for one month at a time, if at all.
  const monthCounts = new Map<string, number>()
  // One "YYYY-MM" and "YYYY-MM-DD" string per day, shared by the rows of that day.
  const days = new Map<number, DayStrings>()
  let version = 0
  let monthBuckets: Map<string, IndexedRow[]> | null = null
  // The base order stays valid across additions: new rows wait in `unranked` and are merged in on
  // the next `baseOrder()`. A removal or a moved createdAt drops it (full sort).
  let ordered: IndexedRow[] | null = null
  let unranked: IndexRowEntry[] = []
  /**
   * A cold open's rows before they are in `indexed` and `groups` (null once they are, or when
   * there was no cold open). `addNew` on an empty index only keeps the cells it was given, their
   * keys in a typed table, the month counts and the refund sums: no key string, no map entry and
   * no entry object per row — 200k of each were most of a cold open's own time, and `status`
   * needs none of them. The first read makes the entries (`entries()`), and reads answer from
   * them; the maps are built when something needs a row by key or by pay_id, or changes rows
   * (`mapped()`), or a slice at a time in the background (`mapStep`).
   */
  let loaded: Loaded | null = null
  // A base order being sorted a month at a time (`sortStep`) for one index version: the months
  // left (newest first) and the sorted rows of the months done, in that order.
  let presort: { version: number; months: string[]; sorted: IndexedRow[][] } | null = null

  function changed(): void {
    version++
    monthBuckets = null
  }

  function dayOf(createdAt: string): DayStrings {
    // "YYYY-MM-DD…" → YYYYMMDD without a slice; any other shape is sliced as before.
    let n = 0
    let ok = createdAt.length >= 10 && createdAt.charCodeAt(4) === 45 && createdAt.charCodeAt(7) === 45
    for (let i = 0; ok && i < 10; i++) {
      if (i === 4 || i === 7) continue
      const c = createdAt.charCodeAt(i) - 48
      if (c < 0 || c > 9) ok = false
      else n = n * 10 + c
    }
    if (!ok) return { month: createdAt.slice(0, 7), date: createdAt.slice(0, 10) }
    let d = days.get(n)
    if (d === undefined) days.set(n, (d = { month: createdAt.slice(0, 7), date: createdAt.slice(0, 10) }))
    return d
  }

  /** Puts a new row entry in place of `old` (or as a new row), keeping the base order valid. */
  function store(key: string, row: PayInTransaction | IndexRowEntry, kind: TransactionView['kind'], derived: DerivedRefund, old: IndexRowEntry | undefined): void {
    // An entry re-derived keeps what it holds: its cells, or the object handed in (or its view).
    const source = row instanceof StoredRow ? row.row : row
    const sameTime = old !== undefined && old.row.createdAt === source.createdAt
    const day = sameTime ? old : dayOf(source.createdAt)
    const createdNum = sameTime ? old.createdNum : timestampNumber(source.createdAt)
    const next =
      source instanceof CellsRow
        ? new CellsRow(source.cells, key, kind, derived, day.month, day.date, createdNum)
        : new StoredRow(source, key, kind, derived, day.month, day.date, createdNum)
    indexed.set(key, next)
    if (old === undefined || old.rank === UNRANKED) {
      // Waits to be merged into the base order; without one the next baseOrder() sorts every
      // entry, so nothing is kept for it (a CLI sync never asks for one). A replaced entry still
      // waiting is skipped by the merge (no longer in the index).
      if (ordered !== null) unranked.push(next)
    } else if (sameTime && ordered !== null && ordered[old.rank] === old) {
      ordered[old.rank] = next
      next.rank = old.rank
    } else {
      ordered = null
    }
  }

  /** Refund amounts and state of one row of a group (views.ts spells out the rules). */
  function derive(kind: TransactionView['kind'], amount: number, refunded: number, pending: number): DerivedRefund {
    // If a link ever had several payments (split links?,
    // docs/secpaid-api.md#split-links-and-isfullrefund) each shows the group's refunds: we cannot
    // tell which payment a refund entry belongs to.
    if (kind !== 'payment' || (refunded === 0 && pending === 0)) return NO_REFUND
    const refundState: TransactionView['refundState'] = amount > 0 && refunded >= amount
      ? 'refunded'
      : pending > 0
        ? 'requested'
        : refunded > 0
          ? 'partially_refunded'
          : 'none'
    return { refundedCents: refunded, pendingRefundCents: pending, refundState }
  }

  function pendingFor(payId: string): number {
    let pending = 0
    for (const r of openRequestsFor(payId)) if (OPEN_REQUEST_STATES.includes(r.state)) pending += r.amount
    return pending
  }

  /**
   * Derives the refund values of one pay_id group: `incoming` holds the group's new or changed
   * rows, the others are read from the index. A stored row whose derived values did not move
   * keeps its entry, and so its view object (refund entries almost always; payments unless a
   * refund arrived).
   */
  function deriveGroup(payId: string, incoming: ReadonlyMap<string, PayInTransaction>): boolean {
    const group = groups.get(payId)
    if (group === undefined) return false
    if (typeof group === 'string') {
      // Almost every pay_id is a lone payment: the same rules without the group loops.
      const row = incoming.get(group)
      const old = indexed.get(group)
      const kind = row !== undefined ? rowKindOf(row) : (old as IndexRowEntry).kind
      const amount = row !== undefined ? row.amount : (old as IndexRowEntry).row.amount
      // Magnitude: the sign of refund entries is documented only by example
      // (docs/secpaid-api.md#which-rows-carry-is_refund-and-the-sign-of-refund-entries).
      const refunded = isRefundEntry(kind) ? Math.abs(amount) : 0
      const derived = derive(kind, amount, refunded, pendingFor(payId))
      if (row === undefined) {
        if (sameDerived((old as IndexRowEntry).derived, derived)) return false
        store(group, old as IndexRowEntry, kind, derived, old)
      } else store(group, row, kind, derived, old)
      return true
    }
    let refunded = 0
    for (const key of group) {
      const row = incoming.get(key)
      const kind = row !== undefined ? rowKindOf(row) : (indexed.get(key) as IndexRowEntry).kind
      if (isRefundEntry(kind)) refunded += Math.abs(row !== undefined ? row.amount : (indexed.get(key) as IndexRowEntry).row.amount)
    }
    const pending = pendingFor(payId)
    let any = false
    for (const key of group) {
      const old = indexed.get(key)
      const row = incoming.get(key)
      // rowKindOf is memoised by type: a second call costs less than keeping the first.
      const kind = row !== undefined ? rowKindOf(row) : (old as IndexRowEntry).kind
      const derived = derive(kind, row !== undefined ? row.amount : (old as IndexRowEntry).row.amount, refunded, pending)
      if (row === undefined) {
        if (sameDerived((old as IndexRowEntry).derived, derived)) continue
        store(key, old as IndexRowEntry, kind, derived, old)
      } else store(key, row, kind, derived, old)
      any = true
    }
    return any
  }

  function unlink(key: string, row: PayInTransaction): void {
    const group = groups.get(row.payId)
    if (group === key) groups.delete(row.payId)
    else if (typeof group === 'object') {
      const at = group.indexOf(key)
      if (at >= 0) group.splice(at, 1)
      if (group.length === 1) groups.set(row.payId, group[0] as string)
    }
    const mk = dayOf(row.createdAt).month
    const count = (monthCounts.get(mk) ?? 0) - 1
    if (count > 0) monthCounts.set(mk, count)
    else monthCounts.delete(mk)
  }

  function link(key: string, row: PayInTransaction): void {
    const group = groups.get(row.payId)
    if (group === undefined) groups.set(row.payId, key)
    else if (typeof group === 'string') groups.set(row.payId, [group, key])
    else group.push(key)
    const mk = dayOf(row.createdAt).month
    monthCounts.set(mk, (monthCounts.get(mk) ?? 0) + 1)
  }

  /** Last row per key wins within a batch, like the cache's upsert. */
  function dedupe(rows: readonly PayInTransaction[], seen?: Set<string>): Map<string, PayInTransaction> {
    const batch = new Map<string, PayInTransaction>()
    for (const row of rows) {
      const key = transactionKey(row)
      batch.set(key, row)
      seen?.add(key)
    }
    return batch
  }

  /**
   * Applies a batch; `removeKeys` go first. Re-derives only the touched pay_id groups. With
   * `diff`, the keys of inserted and updated rows are collected for it.
   */
  function applyBatch(batch: Map<string, PayInTransaction>, removeKeys: readonly string[], diff?: { inserted: string[]; updated: string[] }): IndexCounts {
    const counts: IndexCounts = { inserted: 0, updated: 0, unchanged: 0, removed: removeKeys.length }
    const touched = new Set<string>()
    for (const key of removeKeys) {
      const old = (indexed.get(key) as IndexRowEntry).row
      unlink(key, old)
      indexed.delete(key)
      touched.add(old.payId)
    }
    if (removeKeys.length > 0) ordered = null
    for (const [key, row] of batch) {
      const old = indexed.get(key)?.row
      if (old !== undefined && sameRow(old, row)) {
        counts.unchanged++
        batch.delete(key) // deleting the current entry is safe while iterating a Map
        continue
      }
      if (old === undefined) {
        counts.inserted++
        diff?.inserted.push(key)
      } else {
        counts.updated++
        diff?.updated.push(key)
        unlink(key, old) // createdAt (month) or pay_id may have moved
        touched.add(old.payId)
      }
      link(key, row)
      touched.add(row.payId)
    }
    let any = removeKeys.length > 0
    for (const payId of touched) if (deriveGroup(payId, batch)) any = true
    if (any) changed()
    return counts
  }

  /**
   * Sorts the rows of the next month of this version's base order (the months newest first);
   * false once every month is sorted. A month's rows sort in a few ms, all 200k rows at once in
   * 100–300 ms: one task that long holds every IPC answer, keystrokes included.
   */
  function sortNextMonth(): boolean {
    if (presort === null || presort.version !== version) presort = { version, months: monthList().reverse(), sorted: [] }
    const month = presort.months.shift()
    if (month === undefined) return false
    presort.sorted.push([...rowsOfMonth(month)].sort(compareBase))
    return presort.months.length > 0
  }

  /**
   * The sorted months joined, newest first, with ranks set; null when that is not the base order.
   * It is whenever createdAt is well formed (every row of a month is newer than every row of the
   * months before it); a boundary out of order (only a malformed timestamp can do that) or a row
   * count that does not add up leaves the full sort to decide.
   */
  function joinSortedMonths(): IndexedRow[] | null {
    if (presort === null || presort.version !== version || presort.months.length > 0) return null
    const all = new Array<IndexedRow>(rowCount())
    let k = 0
    let last: IndexedRow | null = null
    for (const rows of presort.sorted) {
      if (rows.length === 0) continue
      if (last !== null && compareBase(last, rows[0] as IndexedRow) >= 0) return null
      if (k + rows.length > all.length) return null
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as IndexedRow
        row.rank = k
        all[k++] = row
      }
      last = rows[rows.length - 1] as IndexedRow
    }
    return k === all.length ? all : null
  }

  /** The rows of one month for this version (one pass over all rows builds every month's list). */
  function rowsOfMonth(month: string): readonly IndexedRow[] {
    if (monthBuckets === null) {
      monthBuckets = new Map()
      for (const row of entries()) {
        const bucket = monthBuckets.get(row.month)
        if (bucket === undefined) monthBuckets.set(row.month, [row])
        else bucket.push(row)
      }
    }
    return monthBuckets.get(month) ?? []
  }

  /**
   * Counts rows into `monthCounts` per run of one month (rows of a cache month come together):
   * one map update per run, not per row. `flush` adds the last run.
   */
  function monthRuns(): { add(month: string): void; flush(): void } {
    let runMonth = ''
    let runCount = 0
    const flush = (): void => {
      if (runCount > 0) monthCounts.set(runMonth, (monthCounts.get(runMonth) ?? 0) + runCount)
      runCount = 0
    }
    return {
      add(month) {
        if (month !== runMonth) {
          flush()
          runMonth = month
        }
        runCount++
      },
      flush
    }
  }

  /** The months holding rows, ascending (a cold open's rows are counted in theirs first). */
  function monthList(): string[] {
    if (loaded !== null) madeEntries(loaded)
    return [...monthCounts.keys()].sort()
  }

  function rowCount(): number {
    return loaded !== null ? loaded.cells.length : indexed.size
  }

  /** Every entry: the cold open's list while it is not mapped, else the map's values. */
  function entries(): Iterable<IndexRowEntry> {
    if (loaded === null) return indexed.values()
    madeEntries(loaded)
    return loaded.rows
  }

  /**
   * Makes the entries of the cold open's rows read since the last call (see `loaded`), and counts
   * them in their months: everything that reads entries or months calls this first.
   */
  function madeEntries(l: Loaded, max = Infinity): void {
    const runs = monthRuns()
    const end = Math.min(l.cells.length, l.rows.length + max)
    for (let at = l.rows.length; at < end; at++) {
      const cells = l.cells[at] as EncodedRow
      const createdAt = cells[11] as string
      const amount = cells[4] as number
      const kind = kindOf(cells[16] as string, amount)
      const payId = cells[0] as string
      // Refund values from every row read so far; a refund entry read later marks the pay_id stale.
      const derived = kind === 'payment' ? derive(kind, amount, l.refunded.size > 0 ? (l.refunded.get(payId) ?? 0) : 0, pendingFor(payId)) : NO_REFUND
      const day = dayOf(createdAt)
      runs.add(day.month)
      const row = new CellsRow(cells, null, kind, derived, day.month, day.date, timestampNumber(createdAt))
      l.rows.push(row)
      // Without a base order there is nothing to merge into: the next baseOrder() sorts all.
      if (ordered !== null) unranked.push(row)
    }
    runs.flush()
  }

  /**
   * `monthFacts` of a cold open, read from its cells (the same kind, month and createdAt number
   * its entries get), noting where each month's last row is for `monthRows`.
   */
  function factsOfCells(l: Loaded, visit: TotalsVisitor): MonthFacts[] {
    const byMonth = new Map<string, MonthFacts>()
    const ends = new Map<string, number>()
    // Rows of a cache month come together: one map lookup per run.
    let run: MonthFacts | null = null
    for (let at = 0; at < l.cells.length; at++) {
      const cells = l.cells[at] as EncodedRow
      const createdAt = cells[11] as string
      const amount = cells[4] as number
      const month = dayOf(createdAt).month
      if (run === null || run.month !== month) {
        if (run !== null) ends.set(run.month, at)
        run = byMonth.get(month) ?? null
        if (run === null) byMonth.set(month, (run = { month, count: 0, lowest: Infinity, highest: -Infinity }))
      }
      const n = timestampNumber(createdAt)
      run.count++
      if (n < run.lowest) run.lowest = n
      if (n > run.highest) run.highest = n
      visit(kindOf(cells[16] as string, amount), amount, ((cells[6] as number | null) ?? 0) + ((cells[7] as number | null) ?? 0), cells[5] as number | null)
    }
    if (run !== null) ends.set(run.month, l.cells.length)
    l.monthEnds = { at: l.cells.length, ends }
    return [...byMonth.values()].sort((a, b) => compareKeys(a.month, b.month))
  }

  /**
   * Brings the refund values of the cold open's payments up to date: a refund entry read after
   * its payment (a later slice, or a payment older than the month read first) or a ledger change
   * marked their pay_ids stale. One pass over the list, only when something is stale.
   */
  function settle(): void {
    const l = loaded
    if (l === null || (l.stale.size === 0 && !l.allStale)) return
    // Entries not made yet get their values when they are made.
    let any = false
    for (const row of l.rows) {
      if (row.kind !== 'payment') continue
      const payId = row.cells[0] as string
      if (!l.allStale && !l.stale.has(payId)) continue
      const derived = derive('payment', row.cells[4] as number, l.refunded.get(payId) ?? 0, pendingFor(payId))
      if (sameDerived(row.derived, derived)) continue
      row.rederive(derived)
      any = true
    }
    l.stale.clear()
    l.allStale = false
    if (any) changed()
  }

  /** Puts up to `max` more of the cold open's rows into the maps; true once all are. */
  function mapLoaded(max: number): boolean {
    const l = loaded
    if (l === null) return true
    madeEntries(l)
    settle()
    const end = Math.min(l.rows.length, l.mappedUpTo + max)
    for (let i = l.mappedUpTo; i < end; i++) {
      const row = l.rows[i] as CellsRow
      const key = row.key
      indexed.set(key, row)
      const payId = row.cells[0] as string
      const group = groups.get(payId)
      if (group === undefined) groups.set(payId, key)
      else if (typeof group === 'string') groups.set(payId, [group, key])
      else group.push(key)
    }
    l.mappedUpTo = end
    if (end < l.rows.length) return false
    loaded = null
    return true
  }

  /** The index with every row in its maps (what lookups by key or pay_id and every change need). */
  function mapped(): void {
    mapLoaded(Infinity)
  }

  /** A cold open's `addNew` (see `loaded`): from its first repeated key on, the mapped path. */
  function addLoaded(rows: readonly EncodedRow[], distinct: boolean): IndexCounts {
    // Nothing to keep (an empty or damaged newest month): no cold open begins, so a first sync
    // into this still empty index can ask for its maps at once.
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0, removed: 0 }
    const l: Loaded = (loaded ??= {
      cells: [],
      rows: [],
      keys: null,
      refunded: new Map(),
      stale: new Set(),
      allStale: false,
      mappedUpTo: 0,
      monthEnds: null
    })
    if (!distinct && l.keys === null) l.keys = createLoadedKeys(l.cells)
    const keys = l.keys
    let i = 0
    for (; i < rows.length; i++) {
      const cells = rows[i] as EncodedRow
      // A repeated key (a damaged cache): the rest of the batch takes the mapped path.
      if (keys !== null && !keys.add(cells, l.cells.length)) break
      l.cells.push(cells)
      const amount = cells[4] as number
      if (isRefundEntry(kindOf(cells[16] as string, amount))) {
        const payId = cells[0] as string
        l.refunded.set(payId, (l.refunded.get(payId) ?? 0) + Math.abs(amount))
        // Only an entry made already can be this entry's payment (entries made later read the sum).
        if (l.rows.length > 0) l.stale.add(payId)
      }
    }
    if (i > 0) changed()
    if (i === rows.length) return { inserted: i, updated: 0, unchanged: 0, removed: 0 }
    mapped()
    return addMapped(rows, i, i)
  }

  function viewsOf(keys: readonly string[]): TransactionView[] {
    const out = new Array<TransactionView>(keys.length)
    for (let i = 0; i < keys.length; i++) out[i] = (indexed.get(keys[i] as string) as IndexRowEntry).view
    return out
  }

  return {
    get version() {
      // Every read of the rows reads the version first: refund values left stale by a cold open
      // are brought up to date before anyone sees them.
      settle()
      return version
    },
    get size() {
      return rowCount()
    },

    reset(rows) {
      mapped()
      const batch = dedupe(rows)
      const removeKeys: string[] = []
      for (const key of indexed.keys()) if (!batch.has(key)) removeKeys.push(key)
      return applyBatch(batch, removeKeys)
    },

    upsert(rows) {
      mapped()
      return applyBatch(dedupe(rows), [])
    },

    addNew(rows, how) {
      return loaded !== null || (indexed.size === 0 && opts.mapsAtOpen !== true && how?.now !== true)
        ? addLoaded(rows, how?.distinct === true)
        : addMapped(rows, 0, 0)
    },

    mapStep() {
      return !mapLoaded(mapRowsPerStep)
    },

    apply(rows, seen) {
      mapped()
      const keys = { inserted: [] as string[], updated: [] as string[] }
      const counts = applyBatch(dedupe(rows, seen), [], keys)
      return { inserted: viewsOf(keys.inserted), updated: viewsOf(keys.updated), unchanged: counts.unchanged, removed: 0 }
    },

    retainOnly(keep) {
      mapped()
      const removeKeys: string[] = []
      for (const key of indexed.keys()) if (!keep.has(key)) removeKeys.push(key)
      if (removeKeys.length === 0) return 0
      return applyBatch(new Map(), removeKeys).removed
    },

    preview(rows) {
      mapped()
      const diff: IndexDiff = { inserted: [], updated: [], unchanged: 0, removed: 0 }
      for (const [key, row] of dedupe(rows)) {
        const old = indexed.get(key)?.row
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
      mapped()
      return indexed.get(key)?.view
    },

    byPayId(payId) {
      mapped()
      const group = groups.get(payId)
      if (group === undefined) return []
      const rows = (typeof group === 'string' ? [group] : group).map((k) => indexed.get(k) as IndexRowEntry)
      rows.sort((a, b) => {
        const pa = a.kind === 'payment' ? 0 : 1
        const pb = b.kind === 'payment' ? 0 : 1
        return pa - pb || a.createdNum - b.createdNum || compareKeys(a.key, b.key)
      })
      return rows.map((r) => r.view)
    },

    monthRows(month) {
      settle()
      const l = loaded
      // Once every entry exists (or the month ends are stale), the lists of all months in one pass.
      if (l === null || l.rows.length === l.cells.length || l.monthEnds?.at !== l.cells.length) return rowsOfMonth(month)
      // A cold open's month whose rows all come before `end` (see `monthFacts`).
      const end = l.monthEnds.ends.get(month) ?? 0
      if (end === l.cells.length) return rowsOfMonth(month)
      madeEntries(l, end - l.rows.length)
      const out: IndexedRow[] = []
      for (let i = 0; i < end; i++) {
        const row = l.rows[i] as CellsRow
        if (row.month === month) out.push(row)
      }
      return out
    },

    monthFacts(visit) {
      const l = loaded
      if (l !== null && l.rows.length < l.cells.length) return factsOfCells(l, visit)
      const out: MonthFacts[] = []
      for (const month of monthList()) {
        const rows = rowsOfMonth(month)
        let lowest = Infinity
        let highest = -Infinity
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i] as IndexedRow
          const v = r.row
          visit(r.kind, v.amount, (v.serviceFee ?? 0) + (v.serviceFeePsp ?? 0), v.netAmount)
          if (r.createdNum < lowest) lowest = r.createdNum
          if (r.createdNum > highest) highest = r.createdNum
        }
        out.push({ month, count: rows.length, lowest, highest })
      }
      return out
    },

    months() {
      return monthList()
    },

    sortStep() {
      if (loaded !== null && loaded.rows.length < loaded.cells.length) {
        madeEntries(loaded, entryRowsPerStep)
        return true
      }
      settle()
      return ordered === null && sortNextMonth()
    },

    baseOrder() {
      if (loaded !== null) madeEntries(loaded)
      settle()
      if (ordered === null) {
        while (sortNextMonth());
        let all = joinSortedMonths()
        if (all === null) {
          all = [...entries()]
          all.sort(compareBase)
          for (let i = 0; i < all.length; i++) (all[i] as IndexedRow).rank = i
        }
        presort = null
        ordered = all
        unranked = []
      } else if (unranked.length > 0) {
        // Merge the added rows (sorted among themselves) into the order: O(n + k log k), where a
        // re-sort of 200k rows on every page of a sync would be O(n log n) each time. An entry
        // replaced while it waited is skipped (its replacement waits too).
        const added: IndexedRow[] = []
        for (const row of unranked) if (row.rank === UNRANKED && (loaded !== null || indexed.get(row.key) === row)) added.push(row)
        added.sort(compareBase)
        const prev = ordered
        const next = new Array<IndexedRow>(prev.length + added.length)
        let i = 0
        let j = 0
        for (let k = 0; k < next.length; k++) {
          const row = j >= added.length || (i < prev.length && compareBase(prev[i] as IndexedRow, added[j] as IndexedRow) <= 0) ? (prev[i++] as IndexedRow) : (added[j++] as IndexedRow)
          row.rank = k
          next[k] = row
        }
        ordered = next
        unranked = []
      }
      return ordered
    },

    statuses() {
      const set = new Set<string>()
      // A cold open's cells hold every row (they never change while it lasts): no entry needed.
      if (loaded !== null) for (const cells of loaded.cells) set.add(cells[8] as string)
      else for (const row of entries()) set.add(row.row.status)
      return [...set].sort()
    },

    refreshRefundState(payIds) {
      if (loaded !== null) {
        // The cold open's payments are re-derived from its list (the maps may be partial).
        if (payIds === undefined) loaded.allStale = true
        else for (const payId of payIds) loaded.stale.add(payId)
        settle()
        return
      }
      let any = false
      if (payIds === undefined) {
        for (const payId of groups.keys()) if (deriveGroup(payId, NO_ROWS)) any = true
      } else {
        for (const payId of new Set(payIds)) if (deriveGroup(payId, NO_ROWS)) any = true
      }
      if (any) changed()
    }
  }

  /**
   * `addNew` on an index with mapped rows (or the rest of a cold open's batch from its first
   * repeated key): `start` is where to begin, `insertedBefore` how many rows before it this call
   * inserted (all rows before `start` were).
   */
  function addMapped(rows: readonly EncodedRow[], start: number, insertedBefore: number): IndexCounts {
    let rest: CellsRow[] | null = null
    // Keys this call inserted, tracked from the first repeated key on (null: none repeated).
    let fresh: Set<string> | null = null
    // Groups that gained a second member: derived once all rows are in.
    const regroup = new Set<string>()
    let inserted = insertedBefore
    const runs = monthRuns()
    for (let i = start; i < rows.length; i++) {
      const cells = rows[i] as EncodedRow
      const key = cellsKey(cells)
      if (indexed.has(key)) {
        // Rare (a damaged cache holding a key twice): the general path decides. Every row before
        // the first repeated key was inserted by this call.
        if (fresh === null) fresh = new Set(rows.slice(0, i).map(cellsKey))
        ;(rest ??= []).push(new CellsRow(cells, key, 'payment', NO_REFUND, '', '', 0))
        continue
      }
      fresh?.add(key)
      // Read straight from the cells (the cache's column order): no object per row.
      const payId = cells[0] as string
      const createdAt = cells[11] as string
      const amount = cells[4] as number
      const group = groups.get(payId)
      if (group === undefined) groups.set(payId, key)
      else {
        if (typeof group === 'string') groups.set(payId, [group, key])
        else group.push(key)
        regroup.add(payId)
      }
      const day = dayOf(createdAt)
      runs.add(day.month)
      const kind = kindOf(cells[16] as string, amount)
      // A lone row's values (deriveGroup's single-key rules); groups are re-derived below.
      const derived = kind === 'payment' && group === undefined ? derive(kind, amount, 0, pendingFor(payId)) : NO_REFUND
      const entry = new CellsRow(cells, key, kind, derived, day.month, day.date, timestampNumber(createdAt))
      indexed.set(key, entry)
      // Without a base order there is nothing to merge into: the next baseOrder() sorts all.
      if (ordered !== null) unranked.push(entry)
      inserted++
    }
    runs.flush()
    for (const payId of regroup) deriveGroup(payId, NO_ROWS)
    if (inserted > insertedBefore) changed()
    const counts: IndexCounts = { inserted, updated: 0, unchanged: 0, removed: 0 }
    if (rest === null) return counts
    // Repeated keys take upsert's path (the last copy wins). One this call inserted counts once,
    // as inserted, whatever its later copies change.
    const diff = { inserted: [] as string[], updated: [] as string[] }
    const more = applyBatch(dedupe(rest), [], diff)
    counts.inserted += more.inserted
    counts.updated = more.updated
    counts.unchanged = more.unchanged
    const updated = new Set(diff.updated)
    for (const key of new Set(rest.map((r) => r.key))) {
      if (!(fresh as Set<string>).has(key)) continue
      if (updated.has(key)) counts.updated--
      else counts.unchanged--
    }
    return counts
  }
}
