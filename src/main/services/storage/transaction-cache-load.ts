/**
 * Reading a transaction cache directory from disk, with recovery.
 *
 * Anything unreadable (invalid JSON, unknown schema version, failed validation) is set aside
 * and reported; the month is flagged `needsResync` so the sync layer refetches it
 * (docs/architecture.md#bad-input-loses-nothing). Loading never throws for bad content, only for
 * real I/O failures (permissions, disk).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { JsonFileStore, JsonFileStoreFactory } from './json-file-engine'
import { META_NAME, listShardMonths, removeStaleTempFiles, setAside, shardName } from './cache-files'
import { type CacheMeta, emptyMeta, parseMeta } from './transaction-cache-meta'
import { type EncodedRow, decodeShard } from './transaction-shard-codec'

export type { CorruptFileReason as CorruptReason } from '@shared/notices'
import type { CorruptFileReason as CorruptReason } from '@shared/notices'

export type CacheNotice =
  | { kind: 'shard_corrupt'; month: string; setAsideAs: string; reason: CorruptReason; detail: string }
  | { kind: 'shard_missing'; month: string }
  | { kind: 'meta_corrupt'; setAsideAs: string; reason: CorruptReason; detail: string }

export interface LoadedCache {
  shards: Map<string, EncodedRow[]>
  meta: CacheMeta
  /** True when meta on disk differs from `meta` (missing, rebuilt, counts fixed). */
  metaDirty: boolean
  notices: CacheNotice[]
}

type OpenResult =
  | { ok: true; store: JsonFileStore; doc: Record<string, unknown> }
  | { ok: false; path: string; detail: string }

/** Opens a store; a SyntaxError (invalid JSON) is reported, any other error propagates. */
export function openStore(engine: JsonFileStoreFactory, dir: string, name: string): OpenResult {
  try {
    const store = engine({ cwd: dir, name })
    return { ok: true, store, doc: store.store }
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, path: path.join(dir, `${name}.json`), detail: error.message }
    throw error
  }
}

export function loadCacheDir(
  dir: string,
  engine: JsonFileStoreFactory,
  now: Date,
  stores: Map<string, JsonFileStore>
): LoadedCache {
  fs.mkdirSync(dir, { recursive: true })
  removeStaleTempFiles(dir, now)
  const notices: CacheNotice[] = []
  const metaFileExisted = fs.existsSync(path.join(dir, `${META_NAME}.json`))

  let storedMeta: CacheMeta | null = null
  const metaOpen = openStore(engine, dir, META_NAME)
  if (metaOpen.ok) {
    stores.set(META_NAME, metaOpen.store)
    const parsed = metaFileExisted ? parseMeta(metaOpen.doc) : null
    if (parsed?.ok === true) storedMeta = parsed.meta
    else if (parsed?.ok === false) {
      const version = metaOpen.doc['schemaVersion']
      const reason = typeof version === 'number' && version !== 1 ? 'unsupported_version' : 'invalid_content'
      notices.push({ kind: 'meta_corrupt', setAsideAs: setAside(metaOpen.store.path, now), reason, detail: parsed.detail })
    }
  } else {
    notices.push({ kind: 'meta_corrupt', setAsideAs: setAside(metaOpen.path, now), reason: 'invalid_json', detail: metaOpen.detail })
  }

  const shards = new Map<string, EncodedRow[]>()
  const setAsideMonths = new Set<string>()
  for (const month of listShardMonths(dir)) {
    const opened = openStore(engine, dir, shardName(month))
    if (!opened.ok) {
      notices.push({ kind: 'shard_corrupt', month, setAsideAs: setAside(opened.path, now), reason: 'invalid_json', detail: opened.detail })
      setAsideMonths.add(month)
      continue
    }
    const decoded = decodeShard(opened.doc, month)
    if (!decoded.ok) {
      stores.delete(shardName(month))
      const setAsideAs = setAside(opened.store.path, now)
      notices.push({ kind: 'shard_corrupt', month, setAsideAs, reason: decoded.reason, detail: decoded.detail })
      setAsideMonths.add(month)
      continue
    }
    stores.set(shardName(month), opened.store)
    shards.set(month, decoded.rows)
  }

  // Rebuild the shard table from what is really on disk; keep only the resync flags from meta.
  const meta: CacheMeta = storedMeta ? { ...storedMeta, shards: {} } : emptyMeta()
  const previous = storedMeta?.shards ?? {}
  for (const [month, rows] of shards) {
    meta.shards[month] = { rows: rows.length, needsResync: previous[month]?.needsResync ?? false }
  }
  for (const month of setAsideMonths) meta.shards[month] = { rows: 0, needsResync: true }
  for (const [month, info] of Object.entries(previous)) {
    if (shards.has(month) || setAsideMonths.has(month)) continue
    // A shard meta knew about vanished (deleted by hand?): its rows must be refetched.
    if (info.rows > 0) notices.push({ kind: 'shard_missing', month })
    if (info.rows > 0 || info.needsResync) meta.shards[month] = { rows: 0, needsResync: true }
  }

  const metaDirty =
    storedMeta === null
      ? metaFileExisted || shards.size > 0 || setAsideMonths.size > 0
      : JSON.stringify(sortedShards(storedMeta)) !== JSON.stringify(sortedShards(meta))
  return { shards, meta, metaDirty, notices }
}

function sortedShards(meta: CacheMeta): Array<[string, unknown]> {
  return Object.entries(meta.shards).sort(([a], [b]) => (a < b ? -1 : 1))
}
