/**
 * In-memory index over the cached pay-in rows: by key, by pay_id (a payment and its refund /
 * dispute entries share the pay_id, docs/secpaid-api.md#refund-and-dispute-entries) and by Berlin
 * month. It derives every row's kind and refund values (refunded / pending amounts, refund
 * state), which need the whole pay_id group plus the local refund ledger.
 *
 * Built once from the cache and then updated incrementally with what a sync fetched, so a sync
 * of 50 new rows does not re-derive 200k rows. Every change bumps `version`; the query engine
 * keys its result cache on it.
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
import { OPEN_REQUEST_STATES, type RefundRequest, type TransactionView } from '@shared/views'
import { cellsKey, transactionKey } from '../storage/transaction-cache'
import type { EncodedRow } from '../storage/transaction-shard-codec'
import { CellsRow, compareBase, compareKeys, sameRow, StoredRow, timestampNumber, UNRANKED, type DerivedRefund, type IndexedRow, type IndexRowEntry } from './indexed-row'
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
   */
  addNew(rows: readonly EncodedRow[]): IndexCounts
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
  monthRows(month: string): readonly IndexedRow[]
  months(): string[]
  /** All rows ordered createdAt desc, key asc; cached per version. */
  baseOrder(): readonly IndexedRow[]
  /**
   * One slice of the sort the next `baseOrder()` would do in one go: while this version has no
   * base order, sorts the rows of one month (newest first). True while months are left; then
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

interface DayStrings {
  month: string
  date: string
}

export function createTransactionIndex(opts: { openRequestsFor?: OpenRequestsFor } = {}): TransactionIndex {
  const openRequestsFor: OpenRequestsFor = opts.openRequestsFor ?? (() => [])
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
  // The base order stays valid across additions: new rows wait in `unranked` (by key) and are
  // merged in on the next `baseOrder()`. A removal or a moved createdAt drops it (full sort).
  let ordered: IndexedRow[] | null = null
  let unranked: string[] = []
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
    if (old === undefined) {
      unranked.push(key)
    } else if (old.rank === UNRANKED) {
      // Still waiting to be merged; it is found by key then.
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
    if (presort === null || presort.version !== version) presort = { version, months: [...monthCounts.keys()].sort().reverse(), sorted: [] }
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
    const all = new Array<IndexedRow>(indexed.size)
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
      for (const row of indexed.values()) {
        const bucket = monthBuckets.get(row.month)
        if (bucket === undefined) monthBuckets.set(row.month, [row])
        else bucket.push(row)
      }
    }
    return monthBuckets.get(month) ?? []
  }

  function viewsOf(keys: readonly string[]): TransactionView[] {
    const out = new Array<TransactionView>(keys.length)
    for (let i = 0; i < keys.length; i++) out[i] = (indexed.get(keys[i] as string) as IndexRowEntry).view
    return out
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

    addNew(rows) {
      let rest: CellsRow[] | null = null
      // Keys this call inserted, tracked from the first repeated key on (null: none repeated).
      let fresh: Set<string> | null = null
      // Groups that gained a second member: derived once all rows are in.
      const regroup = new Set<string>()
      let inserted = 0
      // Rows of one cache month come together: count them per run of one month, not per row.
      let runMonth = ''
      let runCount = 0
      for (let i = 0; i < rows.length; i++) {
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
        if (day.month !== runMonth) {
          if (runCount > 0) monthCounts.set(runMonth, (monthCounts.get(runMonth) ?? 0) + runCount)
          runMonth = day.month
          runCount = 0
        }
        runCount++
        const kind = kindOf(cells[16] as string, amount)
        // A lone row's values (deriveGroup's single-key rules); groups are re-derived below.
        const derived = kind === 'payment' && group === undefined ? derive(kind, amount, 0, pendingFor(payId)) : NO_REFUND
        indexed.set(key, new CellsRow(cells, key, kind, derived, day.month, day.date, timestampNumber(createdAt)))
        // Without a base order there is nothing to merge into: the next baseOrder() sorts all.
        if (ordered !== null) unranked.push(key)
        inserted++
      }
      if (runCount > 0) monthCounts.set(runMonth, (monthCounts.get(runMonth) ?? 0) + runCount)
      for (const payId of regroup) deriveGroup(payId, NO_ROWS)
      if (inserted > 0) changed()
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
    },

    apply(rows, seen) {
      const keys = { inserted: [] as string[], updated: [] as string[] }
      const counts = applyBatch(dedupe(rows, seen), [], keys)
      return { inserted: viewsOf(keys.inserted), updated: viewsOf(keys.updated), unchanged: counts.unchanged, removed: 0 }
    },

    retainOnly(keep) {
      const removeKeys: string[] = []
      for (const key of indexed.keys()) if (!keep.has(key)) removeKeys.push(key)
      if (removeKeys.length === 0) return 0
      return applyBatch(new Map(), removeKeys).removed
    },

    preview(rows) {
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
      return indexed.get(key)?.view
    },

    byPayId(payId) {
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

    monthRows: rowsOfMonth,

    months() {
      return [...monthCounts.keys()].sort()
    },

    sortStep() {
      return ordered === null && sortNextMonth()
    },

    baseOrder() {
      if (ordered === null) {
        while (sortNextMonth());
        let all = joinSortedMonths()
        if (all === null) {
          all = [...indexed.values()]
          all.sort(compareBase)
          for (let i = 0; i < all.length; i++) (all[i] as IndexedRow).rank = i
        }
        presort = null
        ordered = all
        unranked = []
      } else if (unranked.length > 0) {
        // Merge the added rows (sorted among themselves) into the order: O(n + k log k), where a
        // re-sort of 200k rows on every page of a sync would be O(n log n) each time.
        const added: IndexedRow[] = []
        for (const key of unranked) {
          const row = indexed.get(key)
          if (row !== undefined && row.rank === UNRANKED) added.push(row)
        }
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
      for (const row of indexed.values()) set.add(row.row.status)
      return [...set].sort()
    },

    refreshRefundState(payIds) {
      let any = false
      if (payIds === undefined) {
        for (const payId of groups.keys()) if (deriveGroup(payId, NO_ROWS)) any = true
      } else {
        for (const payId of new Set(payIds)) if (deriveGroup(payId, NO_ROWS)) any = true
      }
      if (any) changed()
    }
  }
}
