/**
 * Reading a transaction cache directory from disk, with recovery: meta.json (through the JSON
 * store engine) and one month at a time (base snapshot + journal, read with plain fs, one read
 * and one parse per file).
 *
 * Anything unreadable (invalid JSON, unknown schema version, failed validation, a journal that
 * does not belong to its base) is set aside and reported; the month is flagged `needsResync` so
 * the sync layer refetches it (docs/architecture.md#bad-input-loses-nothing). A torn last journal
 * line is not corruption: it is the append a kill interrupted, and is cut off silently. Loading
 * never throws for bad content, only for real I/O failures (permissions, disk).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { JsonFileStore, JsonFileStoreFactory } from './json-file-engine'
import { META_NAME, baseFile, journalFile, setAside, unlinkIfExists } from './cache-files'
import { CacheReadError, isSystemError } from './cache-read-error'
import { readBytes, readTextSized, truncateFile } from './shard-files'
import { type CacheMeta, parseMeta } from './transaction-cache-meta'
import { parseJournal } from './transaction-journal'
import { type EncodedRow, decodeShard, shardIdsOf } from './transaction-shard-codec'

export type { CorruptFileReason as CorruptReason } from '@shared/notices'
import type { CorruptFileReason as CorruptReason } from '@shared/notices'

export type CacheNotice =
  | { kind: 'shard_corrupt'; month: string; setAsideAs: string; reason: CorruptReason; detail: string }
  | { kind: 'shard_missing'; month: string }
  | { kind: 'meta_corrupt'; setAsideAs: string; reason: CorruptReason; detail: string }

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

export interface LoadedMeta {
  store: JsonFileStore
  /** null when missing or set aside. */
  stored: CacheMeta | null
  fileExisted: boolean
  notices: CacheNotice[]
}

export function loadMeta(dir: string, engine: JsonFileStoreFactory, now: Date): LoadedMeta {
  const notices: CacheNotice[] = []
  const fileExisted = fs.existsSync(path.join(dir, `${META_NAME}.json`))
  const opened = openStore(engine, dir, META_NAME)
  if (!opened.ok) {
    notices.push({ kind: 'meta_corrupt', setAsideAs: setAside(opened.path, now), reason: 'invalid_json', detail: opened.detail })
    return { store: engine({ cwd: dir, name: META_NAME }), stored: null, fileExisted, notices }
  }
  const parsed = fileExisted ? parseMeta(opened.doc) : null
  if (parsed?.ok === false) {
    const version = opened.doc['schemaVersion']
    const reason = typeof version === 'number' && version !== 1 ? 'unsupported_version' : 'invalid_content'
    notices.push({ kind: 'meta_corrupt', setAsideAs: setAside(opened.store.path, now), reason, detail: parsed.detail })
    return { store: engine({ cwd: dir, name: META_NAME }), stored: null, fileExisted, notices }
  }
  return { store: opened.store, stored: parsed?.meta ?? null, fileExisted, notices }
}

export interface MonthOnDisk {
  /** The month's rows after replaying the journal over the base, in stored order. */
  rows: EncodedRow[]
  /**
   * `keys[i]` is the dedupe key of `rows[i]` when replaying the journal needed them; null when
   * not computed (a month without journal lines: a cold open builds no key strings here).
   */
  keys: string[] | null
  gen: string | null
  baseBytes: number
  /** 0 when there is no journal. */
  journalBytes: number
}

export type MonthRead =
  | { kind: 'absent' }
  /** `damaged`: something of this month was set aside (its rows must be refetched). */
  | { kind: 'ok'; month: MonthOnDisk; damaged: boolean; notices: CacheNotice[] }
  | { kind: 'corrupt'; notices: CacheNotice[] }

/** `read(file)`, its I/O errors as CacheReadError (naming the file); anything else as it is. */
function readOrThrow<T>(file: string, read: (file: string) => T): T {
  try {
    return read(file)
  } catch (error) {
    throw isSystemError(error) ? new CacheReadError(file, error) : error
  }
}

/**
 * Reads one month: the base (one read, one JSON.parse) and its journal (one read, one parse per
 * line), folds the journal over the base, repairs what can be repaired (torn tail, leftover
 * journal of a finished compaction) and sets aside what cannot.
 */
export function readMonth(dir: string, month: string, now: Date, keyOf: (row: EncodedRow) => string): MonthRead {
  const bFile = baseFile(dir, month)
  const jFile = journalFile(dir, month)
  const baseRead = readOrThrow(bFile, readTextSized)
  const base = baseRead?.text ?? null
  const journal = readOrThrow(jFile, readBytes)
  if (base === null && journal === null) return { kind: 'absent' }

  const corrupt = (file: string, reason: CorruptReason, detail: string): CacheNotice => ({
    kind: 'shard_corrupt',
    month,
    setAsideAs: setAside(file, now),
    reason,
    detail
  })

  if (base === null) {
    // Every journal is written against a base; without it the lines are a fragment of the month.
    return { kind: 'corrupt', notices: [corrupt(jFile, 'invalid_content', 'journal without base snapshot')] }
  }
  let doc: unknown
  try {
    doc = JSON.parse(base)
  } catch (error) {
    const notices = [corrupt(bFile, 'invalid_json', (error as Error).message)]
    // The journal only makes sense on top of that base: kept next to it as evidence, silently.
    if (journal !== null) setAside(jFile, now)
    return { kind: 'corrupt', notices }
  }
  const decoded = decodeShard(doc, month)
  if (!decoded.ok) {
    const notices = [corrupt(bFile, decoded.reason, decoded.detail)]
    if (journal !== null) setAside(jFile, now)
    return { kind: 'corrupt', notices }
  }
  const ids = shardIdsOf(doc)
  let rows = decoded.rows
  let keys: string[] | null = null
  const notices: CacheNotice[] = []
  let damaged = false
  let journalBytes = 0

  if (journal !== null) {
    const parsed = parseJournal(journal, month, ids)
    switch (parsed.kind) {
      case 'empty':
      case 'folded':
        // Nothing appended yet, or a compaction that was killed after renaming its new base in.
        unlinkIfExists(jFile)
        break
      case 'corrupt':
        notices.push(corrupt(jFile, parsed.reason, parsed.detail))
        damaged = true
        break
      case 'ok': {
        if (parsed.validBytes < journal.length) truncateFile(jFile, parsed.validBytes)
        journalBytes = parsed.validBytes
        if (parsed.ops.length > 0) {
          const byKey = new Map<string, EncodedRow>()
          for (const row of rows) byKey.set(keyOf(row), row)
          for (const op of parsed.ops) {
            if ('put' in op) byKey.set(keyOf(op.put), op.put)
            else byKey.delete(op.del)
          }
          rows = [...byKey.values()]
          keys = [...byKey.keys()]
        }
        break
      }
    }
  }
  return { kind: 'ok', month: { rows, keys, gen: ids.gen, baseBytes: baseRead?.bytes ?? 0, journalBytes }, damaged, notices }
}
