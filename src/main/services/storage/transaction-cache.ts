/**
 * Durable, disposable cache of pay-in transactions for one environment
 * (docs/architecture.md#the-transaction-cache).
 *
 * Layout under `dir` (`<dataDir>/<env>/cache/`), per Berlin month of `createdAt`: a base snapshot
 * `tx-YYYY-MM.json` plus an append-only journal `tx-YYYY-MM.jsonl`; and `meta.json`. A change
 * appends one line per changed row to its month's journal (bytes ∝ rows changed); compaction
 * folds a journal that grew past a fraction of its base into a new base (atomic rename).
 *
 * Memory: the cache keeps no copy of all rows, only key → month (to tell inserts from updates and
 * find a row's old month) and, for the one or two months last touched by rows that may be
 * unchanged, their stored rows (to tell unchanged rows without writing them), read back from disk
 * on demand. The rows themselves live once, in the query index, and a sync hands the cache only
 * what the index found changed.
 *
 * Single writer per directory is assumed (the app or the CLI); two writers would not corrupt
 * files, but could interleave journal lines or make one journal stale. The cache is disposable,
 * so a resync repairs that. What one writer says about the months on disk (meta's
 * `oneMonthPerKey`) is not undone by the other's stale copy of meta: see `writeMetaNow`.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PayInTransaction } from '@shared/domain'
import { createMonthOf } from './created-at-month'
import { META_NAME, baseFile, journalFile, listCacheMonths, removeStaleTempFiles, unlinkIfExists } from './cache-files'
import { type JsonFileStore, type JsonFileStoreFactory, createConfEngine } from './json-file-engine'
import { appendDurable, writeFileAtomic } from './shard-files'
import { type CacheNotice, loadMeta, readMonth } from './transaction-cache-load'
import { type CacheMeta, type CacheMetaPatch, emptyMeta, parseMetaPatch } from './transaction-cache-meta'
import { delLine, journalHeaderLine, putLine } from './transaction-journal'
import { type EncodedRow, type StorableRow, decodeRow, encodeRow, sameAsEncoded, shardBytes } from './transaction-shard-codec'

export type { CacheNotice } from './transaction-cache-load'
export type { CacheMeta, CacheMetaPatch } from './transaction-cache-meta'

export interface UpsertResult {
  inserted: number
  updated: number
  unchanged: number
  /** Months whose files were written (journal appended, base created, or deleted when empty), ascending. */
  monthsWritten: string[]
}

/** One month handed out by `loadMonths`, newest first. */
export interface LoadedMonth {
  month: string
  /**
   * In the cache's column order, as read (validated, not copied into row objects: the index keeps
   * these arrays as its entries' cells). Shared with the cache: never change them.
   */
  rows: EncodedRow[]
  /** Problems found while reading it (or anything still pending from earlier reads). */
  notices: CacheNotice[]
  /**
   * True when the cache vouches that none of these rows' keys is held by another month (meta's
   * `oneMonthPerKey`, and this month holds as many rows as meta recorded for it: a month written
   * since meta was, or put there by hand, is not vouched for). Keys within a month are always
   * distinct (every write of a month goes through a map by key).
   */
  distinct: boolean
}

export interface MonthLoader extends Iterable<LoadedMonth> {
  /** Months that will be handed out (known from the directory listing before any is read). */
  readonly monthsTotal: number
  /** Found before the first month (meta set aside, months that vanished from disk). */
  readonly notices: CacheNotice[]
  /**
   * The caller checked every key of the months handed out that were not `distinct` against all
   * the others, and found none twice: the cache records that it holds each key in one month
   * (meta's `oneMonthPerKey`), so the next open need not check. Called once every month was
   * handed out; ignored while months are unread, and after a reload or a write since the load began.
   */
  confirmDistinct(): void
}

/**
 * A row to store. A view from the query index carries the row's dedupe key (`transactionKey`),
 * which is reused: a 200k-row write then builds no second set of key strings.
 */
export type RowToStore = PayInTransaction & { readonly key?: string }

export interface TransactionCache {
  /** (Re)reads everything from disk; rows in ascending month order; notices describe what was set aside. */
  loadAll(): { rows: PayInTransaction[]; notices: CacheNotice[] }
  /**
   * (Re)reads the cache one month at a time, newest first, so a caller can show the newest rows
   * before the oldest are read. Each month is read from disk when the iterator reaches it, so
   * changes made in between (a sync) are included. Until the iteration finishes, `getMeta`
   * answers from what is read so far; every other operation first reads the rest.
   */
  loadMonths(): MonthLoader
  /**
   * `how.distinct`: the caller vouches that no key repeats within `rows` (the query index's rows,
   * one per key). A key new to the cache that goes into a month without files is then not put in
   * the key map: the month's list of keys is kept instead, searched like a month read at open (a
   * first sync's 200k map entries cost it ~0.1 s of CPU; a later write that looks up more than
   * 64 keys builds the map then, as after a cold open).
   */
  upsertRows(rows: readonly RowToStore[], how?: { distinct?: boolean }): UpsertResult
  /** Full refresh: the cache afterwards holds exactly `rows`; clears every needsResync flag. */
  replaceAll(rows: readonly RowToStore[]): { monthsWritten: string[]; monthsDeleted: string[] }
  getMeta(): CacheMeta
  updateMeta(patch: CacheMetaPatch): CacheMeta
  /** The sync layer calls this after refetching months that were flagged needsResync. */
  markResynced(months: readonly string[]): void
  /**
   * Runs `fn` with meta.json written once, at its end (also when it throws), however many of its
   * steps change meta: a sync's rows, its resynced months and its time are one write, not three.
   * Rows are on disk before meta either way, so a crash can only leave meta behind the rows,
   * which the next open rebuilds.
   */
  batchMeta<T>(fn: () => T): T
  /** Months that hold rows, ascending. */
  monthsPresent(): string[]
  /** Months whose journal is due to be folded into the base, newest first. */
  monthsToCompact(): string[]
  /** Folds the journals of up to `maxMonths` due months into their bases; returns those months. */
  compact(opts?: { maxMonths?: number }): string[]
  /** Deletes shards, journals and meta (set-aside `.corrupt-` files stay). */
  wipe(): void
}

export interface OpenTransactionCacheOptions {
  dir: string
  engine?: JsonFileStoreFactory
  now?: () => Date
}

/**
 * A journal is folded into its base once it is larger than this share of the base: replaying
 * lines costs more per byte than parsing the base, so the share bounds the extra open time, and
 * one compaction rewrites the base only after many small syncs.
 */
const COMPACT_SHARE = 0.25
/** …but never for tiny journals: below this, compacting would cost more than it saves. */
const COMPACT_MIN_BYTES = 256 * 1024
/**
 * A journal this much larger than its base is compacted right after the append (a long-running
 * app that never reopens); below it, compaction waits for idle time or the next open.
 */
const COMPACT_NOW_SHARE = 1
const COMPACT_NOW_MIN_BYTES = 4 * COMPACT_MIN_BYTES
/**
 * Up to this many keys looked up since open, a key is found by searching the ids read at open
 * (through their fingerprints: 20–30 ms once for all months, then well under 1 ms per key at 200k
 * rows) instead of building the key map (~300 ms): an incremental sync hands over ~10 new or
 * changed rows, a refresh one payment's.
 */
const KEY_SEARCH_MAX = 64
/** Months whose rows are kept for "unchanged" checks (the overlap of a sync is 1–2). */
const STORED_MONTHS = 2

/**
 * Dedupe key (docs/secpaid-api.md#getpayintransactions): `transactionId` when the API sent one,
 * else the tuple that identifies an entry without it. Prefixed so an id can never collide with a
 * fallback tuple.
 */
export function transactionKey(row: PayInTransaction): string {
  return keyOf(row.transactionId, row.payId, row.transactionType, row.amount, row.createdAt)
}

function keyOf(transactionId: string | null, payId: string, type: string, amount: number, createdAt: string): string {
  if (transactionId !== null && transactionId !== '') return `id:${transactionId}`
  return `k:${payId}|${type}|${amount}|${createdAt}`
}

/** Same key from the stored array (column order of transaction-shard-codec), no decoding. */
/** `transactionKey` of a row in the cache's column order. */
export function cellsKey(a: EncodedRow): string {
  return keyOf(a[1] as string | null, a[0] as string, a[16] as string, a[4] as number, a[11] as string)
}

/** What the cache knows of a month that has files on disk. */
interface MonthState {
  rows: number
  gen: string | null
  baseBytes: number
  /** 0 = no journal file yet. */
  journalBytes: number
}

/** What one upsert changes in one month. */
interface MonthBatch {
  /**
   * Rows written in this batch, in order, and their keys. A month without files gets them as its
   * first base, so it needs no journal lines at all (a first sync writes 200k rows this way and
   * would otherwise serialise every row twice). Kept as handed in, encoded when written. Plain
   * arrays: a 200k-row batch would otherwise build a 200k-entry map that only a repeated key
   * (rare: pagination drops duplicates) ever needs; `at` is built for that case only. A row that
   * left the month is null.
   */
  rows: (RowToStore | null)[]
  keys: string[]
  /** key → position in `rows`, once a key had to be found. */
  at: Map<string, number> | null
  /** Journal lines, in order (months with files only). */
  lines: string[]
  /** Rows of the month after the batch. */
  count: number
}

function positionOf(b: MonthBatch, key: string): number {
  if (b.at === null) {
    b.at = new Map()
    for (let i = 0; i < b.keys.length; i++) if (b.rows[i] !== null) b.at.set(b.keys[i] as string, i)
  }
  return b.at.get(key) ?? -1
}

/** Puts `row` into the batch; a key already in it keeps its place and takes the new row. */
function putRow(b: MonthBatch, key: string, row: RowToStore, mayRepeat: boolean): void {
  const i = mayRepeat ? positionOf(b, key) : -1
  if (i >= 0) {
    b.rows[i] = row
    return
  }
  b.rows.push(row)
  b.keys.push(key)
  b.at?.set(key, b.rows.length - 1)
}

function removeRow(b: MonthBatch, key: string): void {
  const i = positionOf(b, key)
  if (i < 0) return
  b.rows[i] = null
  b.at?.delete(key)
}

/**
 * A cheap number per transactionId (its length and last four characters) to find candidates
 * among 200k ids read at open: `Array.includes` compares a missing id (every new row) with each
 * of them by content, 20–100 ms per key measured; an Int32Array scan is ~0.1 ms.
 */
function fingerprint(s: string): number {
  const n = s.length
  return (n ^ (s.charCodeAt(n - 1) | (s.charCodeAt(n - 2) << 8) | (s.charCodeAt(n - 3) << 16) | (s.charCodeAt(n - 4) << 24))) | 0
}

function fingerprints(ids: readonly string[]): Int32Array {
  const out = new Int32Array(ids.length)
  for (let i = 0; i < ids.length; i++) out[i] = fingerprint(ids[i] as string)
  return out
}

/** A month read at open whose keys are not in the cache's key map yet (see `unkeyed`). */
interface Unkeyed {
  month: string
  rows: readonly EncodedRow[]
  sources?: { ids: string[]; keys: string[] }
  prints?: Int32Array
}

/** The month's transactionIds and the keys of its rows without one, listed on first need. */
function keySources(u: Unkeyed): { ids: string[]; keys: string[] } {
  if (u.sources === undefined) {
    const ids: string[] = []
    const keys: string[] = []
    for (const row of u.rows) {
      const id = row[1] as string | null
      if (id !== null && id !== '') ids.push(id)
      else keys.push(cellsKey(row))
    }
    u.sources = { ids, keys }
  }
  return u.sources
}

function newGen(): string {
  return randomBytes(8).toString('hex')
}

function compactDue(m: MonthState, share = COMPACT_SHARE, min = COMPACT_MIN_BYTES): boolean {
  return m.journalBytes > min && m.journalBytes > m.baseBytes * share
}

export function openTransactionCache(opts: OpenTransactionCacheOptions): TransactionCache {
  const { dir } = opts
  const engine = opts.engine ?? createConfEngine()
  const now = opts.now ?? (() => new Date())
  const monthOf = createMonthOf()

  let metaStore: JsonFileStore | null = null
  let meta: CacheMeta = emptyMeta()
  /** Meta as read at load (null = missing/set aside), to tell whether the rebuilt one differs. */
  let storedMeta: CacheMeta | null = null
  let metaFileExisted = false
  let setAsideDuringLoad = false
  const months = new Map<string, MonthState>()
  /** Keys placed since open, plus every key once `ensureKeyMap()` took in `unkeyed`. */
  const keyToMonth = new Map<string, string>()
  /**
   * Months read but not yet in `keyToMonth`: their rows as read, and once a lookup needed them
   * the transactionIds of those rows (the key is `id:<transactionId>`) and the keys of rows
   * without one. The map is not built at open: 200k key strings and map entries cost a cold open
   * ~300 ms of CPU, and only a write needs them (a `status`, a search, an export never do); a
   * small write searches the id lists instead (`monthOfKey`), a large one builds the map. The rows
   * are the arrays the query index keeps anyway; a cold open makes no list per month either.
   */
  let unkeyed: Unkeyed[] = []
  /** Keys looked up by searching `unkeyed` since it was filled (see KEY_SEARCH_MAX). */
  let keysSearched = 0
  /** month → key → stored row, for the months a sync last touched; most recently used last. */
  const stored = new Map<string, Map<string, EncodedRow>>()
  /** Months listed but not read yet, newest first; null = not loading. */
  let pending: string[] | null = null
  let loaded = false
  let progressive = false
  // Notices found by an implicit load (e.g. upsert before loadAll) wait for the next load.
  let pendingNotices: CacheNotice[] = []

  /** Inside `batchMeta`: meta changed and is written when the batch ends. */
  let metaBatch: { dirty: boolean } | null = null
  /** Bumped by every (re)load and every write of rows: a load's `confirmDistinct` holds for its own epoch only. */
  let epoch = 0
  /** meta.json's `oneMonthPerKey` as this process last read or wrote it. */
  let flagSeen: boolean | undefined

  function writeMeta(): void {
    if (metaBatch !== null) {
      metaBatch.dirty = true
      return
    }
    writeMetaNow()
  }

  function writeMetaNow(): void {
    if (metaStore === null) metaStore = engine({ cwd: dir, name: META_NAME })
    // Another process on this directory (the CLI next to the app) may have stopped vouching
    // since: a move it was making may have been cut off. Its word stands until a load checks.
    if (meta.oneMonthPerKey === true) {
      const onDisk = flagOnDisk()
      if (onDisk !== true && onDisk !== flagSeen) meta.oneMonthPerKey = false
    }
    // A fresh copy: the engine may keep the written object (see json-file-engine memo).
    metaStore.store = structuredClone(meta) as unknown as Record<string, unknown>
    flagSeen = meta.oneMonthPerKey
  }

  /** meta.json's `oneMonthPerKey` as on disk now (undefined: no file, or no such flag in it). */
  function flagOnDisk(): boolean | undefined {
    try {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, `${META_NAME}.json`), 'utf8')) as { oneMonthPerKey?: unknown }
      return typeof doc.oneMonthPerKey === 'boolean' ? doc.oneMonthPerKey : undefined
    } catch {
      return undefined
    }
  }

  /**
   * Before a write that can leave a key in two months if it is interrupted (a row moved to another
   * month, a full replace): meta on disk stops vouching for one month per key, at once (inside
   * `batchMeta` too), so the next open checks every key. True when the flag was set; the caller
   * sets it again once its write is complete.
   */
  function unvouch(): boolean {
    if (meta.oneMonthPerKey !== true) return false
    meta.oneMonthPerKey = false
    writeMetaNow()
    return true
  }

  /** Starts a (re)load: meta read, months listed, nothing of them read yet. */
  function begin(): void {
    fs.mkdirSync(dir, { recursive: true })
    removeStaleTempFiles(dir, now())
    months.clear()
    keyToMonth.clear()
    unkeyed = []
    keysSearched = 0
    stored.clear()
    setAsideDuringLoad = false
    const m = loadMeta(dir, engine, now())
    metaStore = m.store
    storedMeta = m.stored
    flagSeen = storedMeta?.oneMonthPerKey
    metaFileExisted = m.fileExisted
    pendingNotices.push(...m.notices)
    meta = storedMeta ? { ...storedMeta, shards: {} } : emptyMeta()
    epoch++
    const listed = listCacheMonths(dir)
    // No month on disk: no key can be in two (a new cache is vouched for from its first write).
    if (listed.length === 0) meta.oneMonthPerKey = true
    const onDisk = new Set(listed)
    for (const [month, info] of Object.entries(storedMeta?.shards ?? {})) {
      if (onDisk.has(month)) continue
      // A shard meta knew about vanished (deleted by hand?): its rows must be refetched.
      if (info.rows > 0) pendingNotices.push({ kind: 'shard_missing', month })
      if (info.rows > 0 || info.needsResync) meta.shards[month] = { rows: 0, needsResync: true }
    }
    pending = listed.reverse()
    loaded = false
  }

  /** Makes `keyToMonth` hold every key the cache holds. */
  function ensureKeyMap(): void {
    // A key placed by a write since open is where that write put it; of the rest, a key read in
    // two months (only damaged files hold that) counts in the oldest, like monthOfKey.
    for (let i = unkeyed.length - 1; i >= 0; i--) {
      const u = unkeyed[i] as Unkeyed
      const { month } = u
      const { ids, keys } = keySources(u)
      for (const id of ids) {
        const key = `id:${id}`
        if (!keyToMonth.has(key)) keyToMonth.set(key, month)
      }
      for (const key of keys) if (!keyToMonth.has(key)) keyToMonth.set(key, month)
    }
    unkeyed = []
  }

  /** The month holding `key` now, or undefined. */
  function monthOfKey(key: string): string | undefined {
    const placed = keyToMonth.get(key)
    if (placed !== undefined || unkeyed.length === 0) return placed
    const id = key.startsWith('id:') ? key.slice(3) : null
    const probe = id !== null ? fingerprint(id) : 0
    // Oldest month first, as the map gives it (built newest first, a later set wins).
    for (let i = unkeyed.length - 1; i >= 0; i--) {
      const u = unkeyed[i] as Unkeyed
      const { ids, keys } = keySources(u)
      if (id === null) {
        if (keys.includes(key)) return u.month
        continue
      }
      // Fingerprints of a month's ids are made on its first lookup (a cold open makes none).
      const prints = (u.prints ??= fingerprints(ids))
      for (let j = prints.indexOf(probe); j >= 0; j = prints.indexOf(probe, j + 1)) if (ids[j] === id) return u.month
    }
    return undefined
  }

  /**
   * Reads one month into the key sources (and meta); returns its rows ([] when it has none) and
   * whether the cache vouches for their keys (`LoadedMonth.distinct`).
   */
  function scan(month: string): { rows: EncodedRow[]; distinct: boolean } {
    const read = readMonth(dir, month, now(), cellsKey)
    const flagged = storedMeta?.shards[month]?.needsResync ?? false
    if (read.kind === 'absent') return { rows: [], distinct: true }
    pendingNotices.push(...read.notices)
    if (read.kind === 'corrupt') {
      setAsideDuringLoad = true
      months.delete(month)
      meta.shards[month] = { rows: 0, needsResync: true }
      return { rows: [], distinct: true }
    }
    if (read.damaged) setAsideDuringLoad = true
    const disk = read.month
    unkeyed.push({ month, rows: disk.rows })
    months.set(month, { rows: disk.rows.length, gen: disk.gen, baseBytes: disk.baseBytes, journalBytes: disk.journalBytes })
    meta.shards[month] = { rows: disk.rows.length, needsResync: flagged || read.damaged }
    // The rows are in hand already, so this is the cheapest moment to fold a long journal.
    const state = months.get(month) as MonthState
    if (compactDue(state)) writeBase(month, disk.rows, state.gen ?? '')
    const distinct = meta.oneMonthPerKey === true && !read.damaged && storedMeta?.shards[month]?.rows === disk.rows.length
    return { rows: disk.rows, distinct }
  }

  function finish(): void {
    pending = null
    loaded = true
    progressive = false
    const dirty =
      storedMeta === null
        ? metaFileExisted || months.size > 0 || setAsideDuringLoad
        : storedMeta.oneMonthPerKey !== meta.oneMonthPerKey || JSON.stringify(sortedShards(storedMeta)) !== JSON.stringify(sortedShards(meta))
    if (dirty) writeMeta()
  }

  /** Reads whatever is not read yet; every operation that changes or reports the cache needs it. */
  function ensureLoaded(): void {
    if (pending === null && loaded) return
    if (pending === null) begin()
    const rest = pending as string[]
    // Taken off the list once read: a month whose read throws (an I/O error) stays unread, so
    // every later operation fails on it too, and no write treats its month as one without files.
    while (rest.length > 0) {
      scan(rest[0] as string)
      rest.shift()
    }
    finish()
  }

  /**
   * Writes a month's base snapshot (new gen) and drops its journal. `folded` is the gen of the
   * base the journal was written against ('' for a v1 base without one): if we are killed after
   * the rename but before the unlink, the next read recognises the journal as already folded in.
   */
  function writeBase(month: string, rows: readonly StorableRow[], folded?: string): void {
    const gen = newGen()
    const bytes = writeFileAtomic(baseFile(dir, month), shardBytes(month, rows, { gen, ...(folded !== undefined && { folded }) }))
    unlinkIfExists(journalFile(dir, month))
    months.set(month, { rows: rows.length, gen, baseBytes: bytes, journalBytes: 0 })
  }

  /**
   * Runs a change of the files and of what memory knows of them (keys placed in their months, the
   * stored rows kept for "unchanged" checks, each month's gen and journal). Memory describes the
   * files as they will be once every step succeeded; if one fails (a full disk, a month that cannot
   * be read back, a journal another program holds open), memory may be ahead of the files, and a
   * later write trusting it would count rows as updated or unchanged that no file holds, and drop
   * them. So the next operation reads the cache back from disk first.
   */
  function writingFiles<T>(fn: () => T): T {
    try {
      return fn()
    } catch (error) {
      loaded = false
      throw error
    }
  }

  function deleteMonth(month: string): void {
    // Base first: a journal left alone is set aside on the next read, never replayed.
    unlinkIfExists(baseFile(dir, month))
    unlinkIfExists(journalFile(dir, month))
    months.delete(month)
    stored.delete(month)
  }

  /** A month's stored rows by key, read from disk when not kept already. */
  function storedOf(month: string): Map<string, EncodedRow> {
    let t = stored.get(month)
    if (t !== undefined) {
      stored.delete(month)
      stored.set(month, t)
      return t
    }
    t = new Map()
    const read = readMonth(dir, month, now(), cellsKey)
    if (read.kind === 'ok') {
      pendingNotices.push(...read.notices)
      const { rows, keys } = read.month
      for (let i = 0; i < rows.length; i++) t.set(keys?.[i] ?? cellsKey(rows[i] as EncodedRow), rows[i] as EncodedRow)
    } else if (read.kind === 'corrupt') {
      // Damaged since we read it: its rows count as changed, and the month gets refetched.
      pendingNotices.push(...read.notices)
      meta.shards[month] = { rows: 0, needsResync: true }
      months.delete(month)
    }
    stored.set(month, t)
    return t
  }

  /** Keeps the rows of the most recently used months only (called after a batch, never inside one). */
  function trimStored(): void {
    while (stored.size > STORED_MONTHS) stored.delete(stored.keys().next().value as string)
  }

  function compactMonth(month: string): void {
    const read = readMonth(dir, month, now(), cellsKey)
    if (read.kind !== 'ok') {
      if (read.kind === 'corrupt') {
        pendingNotices.push(...read.notices)
        months.delete(month)
        meta.shards[month] = { rows: 0, needsResync: true }
        writeMeta()
      }
      return
    }
    pendingNotices.push(...read.notices)
    writeBase(month, read.month.rows, read.month.gen ?? '')
  }

  function* iterate(list: readonly string[]): Generator<LoadedMonth> {
    for (const month of list) {
      let read: { rows: EncodedRow[]; distinct: boolean }
      const at = pending?.indexOf(month) ?? -1
      if (at >= 0) {
        read = scan(month)
        // Only now (see ensureLoaded): a month whose read threw stays on the list.
        ;(pending as string[]).splice(at, 1)
      } else {
        // Read already (an upsert made the cache read the rest): take what is on disk now,
        // written since meta was read, so not vouched for.
        const again = readMonth(dir, month, now(), cellsKey)
        read = { rows: again.kind === 'ok' ? again.month.rows : [], distinct: false }
      }
      const notices = pendingNotices
      pendingNotices = []
      yield { month, rows: read.rows, notices, distinct: read.distinct }
    }
    // Not when a failed write made the cache forget its files since (see writingFiles).
    if (pending !== null) finish()
  }

  function loadMonths(): MonthLoader {
    begin()
    progressive = true
    const loadEpoch = epoch
    const list = [...(pending as string[])]
    const notices = pendingNotices
    pendingNotices = []
    return {
      monthsTotal: list.length,
      notices,
      [Symbol.iterator]: () => iterate(list),
      confirmDistinct() {
        if (epoch !== loadEpoch || !loaded || meta.oneMonthPerKey === true) return
        meta.oneMonthPerKey = true
        writeMeta()
      }
    }
  }

  function monthsToCompact(): string[] {
    ensureLoaded()
    return [...months.entries()].filter(([, m]) => compactDue(m)).map(([month]) => month).sort().reverse()
  }

  return {
    loadAll() {
      const loader = loadMonths()
      const byMonth: PayInTransaction[][] = []
      const notices = [...loader.notices]
      for (const m of loader) {
        byMonth.push(m.rows.map(decodeRow))
        notices.push(...m.notices)
      }
      const rows = byMonth.reverse().flat()
      notices.push(...pendingNotices)
      pendingNotices = []
      return { rows, notices: sortNotices(notices) }
    },

    loadMonths,

    upsertRows(rows, how) {
      ensureLoaded()
      epoch++
      // Only lookups that search `unkeyed` count (an empty cache's first write searches nothing).
      if (unkeyed.length > 0) {
        keysSearched += rows.length
        if (keysSearched > KEY_SEARCH_MAX) ensureKeyMap()
      }
      const distinct = how?.distinct === true
      // Month of every row first: a malformed createdAt throws before anything is written.
      const monthsOfRows = rows.map((r) => monthOf(r.createdAt))
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, monthsWritten: [] }
      const batches = new Map<string, MonthBatch>()
      let moves = false
      // Rows mostly come grouped by month (a page, or the index month by month): one lookup per run.
      let lastMonth: string | null = null
      let last: MonthBatch | null = null
      const batchOf = (month: string): MonthBatch => {
        if (month === lastMonth && last !== null) return last
        let b = batches.get(month)
        if (b === undefined) batches.set(month, (b = { rows: [], keys: [], at: null, lines: [], count: months.get(month)?.rows ?? 0 }))
        lastMonth = month
        last = b
        return b
      }
      // The rows' months, keys and stored copies change in memory first, then the files: see
      // writingFiles for a failure anywhere in between (a month's read back, a write).
      const vouched = writingFiles(() => {
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i] as RowToStore
          const month = monthsOfRows[i] as string
          const key = row.key ?? transactionKey(row)
          const oldMonth = monthOfKey(key)
          if (oldMonth === undefined) {
            result.inserted++
            batchOf(month).count++
          } else if (oldMonth === month) {
            const b = batches.get(month)
            const at = b === undefined ? -1 : positionOf(b, key)
            const inBatch = at >= 0 ? (b as MonthBatch).rows[at] : null
            const old = inBatch != null ? encodeRow(inBatch) : months.has(month) ? storedOf(month).get(key) : undefined
            if (old !== undefined && sameAsEncoded(old, row)) {
              result.unchanged++
              continue
            }
            result.updated++
          } else {
            // createdAt of an id-keyed row moved to another month: drop it from the old one.
            moves = true
            result.updated++
            const from = batchOf(oldMonth)
            from.count--
            removeRow(from, key)
            if (months.has(oldMonth)) from.lines.push(delLine(key))
            stored.get(oldMonth)?.delete(key)
            batchOf(month).count++
          }
          // A new key in a month without files: listed with the month once it is written (below).
          if (!(distinct && oldMonth === undefined && !months.has(month))) keyToMonth.set(key, month)
          const batch = batchOf(month)
          // Only a key the cache already placed in this month can be in the batch already.
          putRow(batch, key, row, oldMonth === month)
          const kept = stored.get(month)
          if (kept !== undefined || months.has(month)) {
            const encoded = encodeRow(row)
            kept?.set(key, encoded)
            if (months.has(month)) batch.lines.push(putLine(encoded))
          }
        }
        result.monthsWritten = [...batches.keys()].sort()
        // Meta on disk first, at once: a move cut off between two months' files leaves a key in both.
        const turnedOff = moves && unvouch()
        for (const month of result.monthsWritten) {
          const { rows: put, lines, count: rowsNow } = batches.get(month) as MonthBatch
          const prev = meta.shards[month]
          if (rowsNow === 0) {
            deleteMonth(month)
            if (prev?.needsResync === true) meta.shards[month] = { rows: 0, needsResync: true }
            else delete meta.shards[month]
            continue
          }
          const state = months.get(month)
          if (state === undefined) {
            // A month without files (or one set aside during this batch): its rows become its base.
            const base = put.filter((r): r is RowToStore => r !== null)
            writeBase(month, base)
            // Listed like a month read at open (its ids are sorted out on the first search). The
            // index's rows hand over the cells they hold: no copy is made.
            if (distinct) unkeyed.push({ month, rows: base.map(encodeRow) })
          } else {
            const jFile = journalFile(dir, month)
            // existsSync: another instance on this directory (a CLI run) may have compacted it away.
            const head = state.journalBytes === 0 || !fs.existsSync(jFile) ? journalHeaderLine(month, state.gen) : ''
            if (head !== '') state.journalBytes = 0
            state.journalBytes += appendDurable(jFile, head + lines.join(''))
            state.rows = rowsNow
            if (compactDue(state, COMPACT_NOW_SHARE, COMPACT_NOW_MIN_BYTES)) compactMonth(month)
          }
          meta.shards[month] = { rows: rowsNow, needsResync: prev?.needsResync ?? false }
        }
        return turnedOff
      })
      if (vouched) meta.oneMonthPerKey = true
      if (result.monthsWritten.length > 0) writeMeta()
      trimStored()
      return result
    },

    replaceAll(rows) {
      const monthsOfRows = rows.map((r) => monthOf(r.createdAt))
      // Read first so damaged files are set aside (kept as evidence) rather than overwritten.
      ensureLoaded()
      epoch++
      unvouch()
      const byMonth = new Map<string, Map<string, RowToStore>>()
      const seen = new Map<string, string>()
      rows.forEach((row, i) => {
        const month = monthsOfRows[i] as string
        const key = row.key ?? transactionKey(row)
        const previousMonth = seen.get(key)
        if (previousMonth !== undefined && previousMonth !== month) byMonth.get(previousMonth)?.delete(key)
        let m = byMonth.get(month)
        if (m === undefined) byMonth.set(month, (m = new Map()))
        m.set(key, row)
        seen.set(key, month)
      })
      for (const [month, m] of byMonth) if (m.size === 0) byMonth.delete(month)
      stored.clear()
      keyToMonth.clear()
      unkeyed = []
      for (const [key, month] of seen) if (byMonth.get(month)?.has(key) === true) keyToMonth.set(key, month)
      meta.shards = {}
      const monthsWritten = [...byMonth.keys()].sort()
      const monthsDeleted = writingFiles(() => {
        for (const month of monthsWritten) {
          const m = byMonth.get(month) as Map<string, RowToStore>
          writeBase(month, [...m.values()])
          meta.shards[month] = { rows: m.size, needsResync: false }
        }
        // Stale months: everything on disk that the refresh did not deliver.
        const stale = listCacheMonths(dir).filter((m) => !byMonth.has(m))
        for (const month of stale) deleteMonth(month)
        return stale
      })
      // Every key was written to one month (`seen`), and every other month is gone.
      meta.oneMonthPerKey = true
      writeMeta()
      return { monthsWritten, monthsDeleted }
    },

    getMeta() {
      // While a progressive load runs, queries ask for "data as of": answer without reading the rest.
      if (!(progressive && pending !== null)) ensureLoaded()
      return structuredClone(meta)
    },

    updateMeta(patch) {
      const clean = parseMetaPatch(patch)
      ensureLoaded()
      meta = { ...meta, ...clean }
      writeMeta()
      return structuredClone(meta)
    },

    markResynced(list) {
      ensureLoaded()
      let changed = false
      for (const month of list) {
        const info = meta.shards[month]
        if (info?.needsResync !== true) continue
        changed = true
        if (info.rows === 0) delete meta.shards[month]
        else meta.shards[month] = { ...info, needsResync: false }
      }
      if (changed) writeMeta()
    },

    batchMeta(fn) {
      if (metaBatch !== null) return fn()
      const batch = { dirty: false }
      metaBatch = batch
      let result: ReturnType<typeof fn>
      try {
        result = fn()
      } catch (error) {
        metaBatch = null
        try {
          if (batch.dirty) writeMeta()
        } catch {
          // The failure to report is the first one (often the same full disk).
        }
        throw error
      }
      metaBatch = null
      if (batch.dirty) writeMeta()
      return result
    },

    monthsPresent() {
      ensureLoaded()
      return [...months.entries()].filter(([, m]) => m.rows > 0).map(([month]) => month).sort()
    },

    monthsToCompact,

    compact({ maxMonths = 1 } = {}) {
      const due = monthsToCompact().slice(0, maxMonths)
      writingFiles(() => {
        for (const month of due) compactMonth(month)
      })
      return due
    },

    wipe() {
      fs.mkdirSync(dir, { recursive: true })
      writingFiles(() => {
        for (const month of listCacheMonths(dir)) deleteMonth(month)
        unlinkIfExists(path.join(dir, `${META_NAME}.json`))
      })
      months.clear()
      keyToMonth.clear()
      unkeyed = []
      stored.clear()
      epoch++
      meta = { ...emptyMeta(), oneMonthPerKey: true }
      storedMeta = null
      pending = null
      loaded = true
      progressive = false
      pendingNotices = []
    }
  }
}

function sortedShards(meta: CacheMeta): Array<[string, unknown]> {
  return Object.entries(meta.shards).sort(([a], [b]) => (a < b ? -1 : 1))
}

const NOTICE_ORDER: Record<CacheNotice['kind'], number> = { meta_corrupt: 0, shard_corrupt: 1, shard_missing: 2 }

/** Meta first, then months ascending (the order a reader of the notices expects). */
function sortNotices(notices: CacheNotice[]): CacheNotice[] {
  const monthOfNotice = (n: CacheNotice): string => ('month' in n ? n.month : '')
  return [...notices].sort((a, b) => NOTICE_ORDER[a.kind] - NOTICE_ORDER[b.kind] || (monthOfNotice(a) < monthOfNotice(b) ? -1 : monthOfNotice(a) > monthOfNotice(b) ? 1 : 0))
}
