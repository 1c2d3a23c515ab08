/**
 * Durable, disposable cache of pay-in transactions for one environment
 * (docs/architecture.md#where-data-lives).
 *
 * Layout under `dir` (`<dataDir>/<env>/cache/`): one `tx-YYYY-MM.json` per Berlin month of
 * `createdAt` plus `meta.json`. Sharding by month keeps a one-row change from rewriting a
 * 200k-row file: only the touched months (and meta) are rewritten, each atomically through the
 * injected engine (conf / electron-store). An in-memory index answers upserts without re-reading.
 *
 * Single writer per directory is assumed (the app or the CLI); two writers would not corrupt
 * files (every write is an atomic rename) but the later writer would drop the other's rows
 * from the months both touched. The cache is disposable, so a resync repairs that.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { PayInTransaction } from '@shared/domain'
import { createMonthOf } from './created-at-month'
import { META_NAME, listShardMonths, setAside, shardName, unlinkIfExists } from './cache-files'
import { type JsonFileStore, type JsonFileStoreFactory, createConfEngine } from './json-file-engine'
import { type CacheNotice, loadCacheDir, openStore } from './transaction-cache-load'
import { type CacheMeta, type CacheMetaPatch, emptyMeta, parseMetaPatch } from './transaction-cache-meta'
import { type EncodedRow, decodeRow, encodeRow, encodeShard, sameEncodedRow } from './transaction-shard-codec'

export type { CacheNotice } from './transaction-cache-load'
export type { CacheMeta, CacheMetaPatch } from './transaction-cache-meta'

export interface UpsertResult {
  inserted: number
  updated: number
  unchanged: number
  /** Months whose shard file was rewritten (or deleted because it became empty), ascending. */
  monthsWritten: string[]
}

export interface TransactionCache {
  /** (Re)reads everything from disk; notices describe what was set aside. */
  loadAll(): { rows: PayInTransaction[]; notices: CacheNotice[] }
  upsertRows(rows: readonly PayInTransaction[]): UpsertResult
  /** Full refresh: the cache afterwards holds exactly `rows`; clears every needsResync flag. */
  replaceAll(rows: readonly PayInTransaction[]): { monthsWritten: string[]; monthsDeleted: string[] }
  getMeta(): CacheMeta
  updateMeta(patch: CacheMetaPatch): CacheMeta
  /** The sync layer calls this after refetching months that were flagged needsResync. */
  markResynced(months: readonly string[]): void
  /** Months that hold rows, ascending. */
  monthsPresent(): string[]
  /** Deletes shards and meta (set-aside `.corrupt-` files stay). */
  wipe(): void
}

export interface OpenTransactionCacheOptions {
  dir: string
  engine?: JsonFileStoreFactory
  now?: () => Date
}

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
function encodedKey(a: EncodedRow): string {
  return keyOf(a[1] as string | null, a[0] as string, a[16] as string, a[4] as number, a[11] as string)
}

interface Index {
  months: Map<string, Map<string, EncodedRow>>
  keyToMonth: Map<string, string>
}

function emptyIndex(): Index {
  return { months: new Map(), keyToMonth: new Map() }
}

export function openTransactionCache(opts: OpenTransactionCacheOptions): TransactionCache {
  const { dir } = opts
  const engine = opts.engine ?? createConfEngine()
  const now = opts.now ?? (() => new Date())
  const monthOf = createMonthOf()
  // Engine instances are kept: opening one parses the file, which we only want once.
  const stores = new Map<string, JsonFileStore>()
  let index: Index | null = null
  let meta: CacheMeta = emptyMeta()
  // Notices found by an implicit load (e.g. upsert before loadAll) wait for the next loadAll.
  let pendingNotices: CacheNotice[] = []

  function store(name: string): JsonFileStore {
    let s = stores.get(name)
    if (s === undefined) {
      const opened = openStore(engine, dir, name)
      // Only reached for files we did not load (new month, or appeared since): set an invalid
      // one aside rather than let the engine throw on every write.
      if (!opened.ok) setAside(opened.path, now())
      s = opened.ok ? opened.store : engine({ cwd: dir, name })
      stores.set(name, s)
    }
    return s
  }

  function load(): Index {
    stores.clear()
    const loaded = loadCacheDir(dir, engine, now(), stores)
    const idx = emptyIndex()
    for (const [month, rows] of loaded.shards) {
      const m = new Map<string, EncodedRow>()
      for (const row of rows) {
        const key = encodedKey(row)
        m.set(key, row)
        idx.keyToMonth.set(key, month)
      }
      idx.months.set(month, m)
    }
    meta = loaded.meta
    if (loaded.metaDirty) writeMeta()
    pendingNotices.push(...loaded.notices)
    index = idx
    return idx
  }

  function ensureLoaded(): Index {
    return index ?? load()
  }

  function writeMeta(): void {
    // A fresh copy: the engine may keep the written object (see json-file-engine memo).
    store(META_NAME).store = structuredClone(meta) as unknown as Record<string, unknown>
  }

  /** Rewrites (or deletes, when empty) one month's shard and updates its meta entry. */
  function writeShard(idx: Index, month: string): void {
    const rows = idx.months.get(month)
    const name = shardName(month)
    const prev = meta.shards[month]
    if (rows === undefined || rows.size === 0) {
      idx.months.delete(month)
      unlinkIfExists(store(name).path)
      stores.delete(name)
      if (prev?.needsResync === true) meta.shards[month] = { rows: 0, needsResync: true }
      else delete meta.shards[month]
      return
    }
    store(name).store = encodeShard(month, [...rows.values()]) as unknown as Record<string, unknown>
    meta.shards[month] = { rows: rows.size, needsResync: prev?.needsResync ?? false }
  }

  return {
    loadAll() {
      const idx = load()
      const rows: PayInTransaction[] = []
      for (const month of [...idx.months.keys()].sort()) {
        for (const row of (idx.months.get(month) as Map<string, EncodedRow>).values()) rows.push(decodeRow(row))
      }
      const notices = pendingNotices
      pendingNotices = []
      return { rows, notices }
    },

    upsertRows(rows) {
      const idx = ensureLoaded()
      // Month of every row first: a malformed createdAt throws before anything is written.
      const months = rows.map((r) => monthOf(r.createdAt))
      const dirty = new Set<string>()
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, monthsWritten: [] }
      rows.forEach((row, i) => {
        const month = months[i] as string
        const key = transactionKey(row)
        const encoded = encodeRow(row)
        const oldMonth = idx.keyToMonth.get(key)
        const target = idx.months.get(month) ?? new Map<string, EncodedRow>()
        idx.months.set(month, target)
        if (oldMonth === undefined) {
          result.inserted++
        } else {
          const old = idx.months.get(oldMonth)?.get(key)
          if (oldMonth === month && old !== undefined && sameEncodedRow(old, encoded)) {
            result.unchanged++
            return
          }
          result.updated++
          // createdAt of an id-keyed row moved to another month: drop it from the old shard.
          if (oldMonth !== month) {
            idx.months.get(oldMonth)?.delete(key)
            dirty.add(oldMonth)
          }
        }
        // Replace, never mutate, the stored array: the engine may still reference the old one.
        target.set(key, encoded)
        idx.keyToMonth.set(key, month)
        dirty.add(month)
      })
      for (const [month, m] of idx.months) if (m.size === 0 && !dirty.has(month)) idx.months.delete(month)
      result.monthsWritten = [...dirty].sort()
      for (const month of result.monthsWritten) writeShard(idx, month)
      if (dirty.size > 0) writeMeta()
      return result
    },

    replaceAll(rows) {
      const months = rows.map((r) => monthOf(r.createdAt))
      ensureLoaded()
      const idx = emptyIndex()
      rows.forEach((row, i) => {
        const month = months[i] as string
        const key = transactionKey(row)
        const previousMonth = idx.keyToMonth.get(key)
        if (previousMonth !== undefined && previousMonth !== month) idx.months.get(previousMonth)?.delete(key)
        let m = idx.months.get(month)
        if (m === undefined) idx.months.set(month, (m = new Map()))
        m.set(key, encodeRow(row))
        idx.keyToMonth.set(key, month)
      })
      for (const [month, m] of idx.months) if (m.size === 0) idx.months.delete(month)
      meta.shards = {}
      const monthsWritten = [...idx.months.keys()].sort()
      for (const month of monthsWritten) writeShard(idx, month)
      // Stale months: everything on disk that the refresh did not deliver.
      const monthsDeleted = listShardMonths(dir).filter((m) => !idx.months.has(m))
      for (const month of monthsDeleted) writeShard(idx, month)
      writeMeta()
      index = idx
      return { monthsWritten, monthsDeleted }
    },

    getMeta() {
      ensureLoaded()
      return structuredClone(meta)
    },

    updateMeta(patch) {
      const clean = parseMetaPatch(patch)
      ensureLoaded()
      meta = { ...meta, ...clean }
      writeMeta()
      return structuredClone(meta)
    },

    markResynced(months) {
      ensureLoaded()
      let changed = false
      for (const month of months) {
        const info = meta.shards[month]
        if (info?.needsResync !== true) continue
        changed = true
        if (info.rows === 0) delete meta.shards[month]
        else meta.shards[month] = { ...info, needsResync: false }
      }
      if (changed) writeMeta()
    },

    monthsPresent() {
      return [...ensureLoaded().months.keys()].sort()
    },

    wipe() {
      fs.mkdirSync(dir, { recursive: true })
      for (const month of listShardMonths(dir)) unlinkIfExists(path.join(dir, `${shardName(month)}.json`))
      unlinkIfExists(path.join(dir, `${META_NAME}.json`))
      stores.clear()
      meta = emptyMeta()
      index = emptyIndex()
      pendingNotices = []
    }
  }
}
