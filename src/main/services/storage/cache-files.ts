/**
 * File-level helpers for the transaction cache directory: naming, listing, setting aside.
 *
 * Corrupt files are renamed, never deleted (docs/architecture.md#bad-input-loses-nothing), so a
 * support person can still look at what the disk held.
 */
import fs from 'node:fs'
import path from 'node:path'

export const META_NAME = 'meta'
const SHARD_FILE = /^tx-(\d{4}-(?:0[1-9]|1[0-2]))\.json$/
const JOURNAL_FILE = /^tx-(\d{4}-(?:0[1-9]|1[0-2]))\.jsonl$/
/**
 * Temp files of interrupted atomic writes: `atomically`'s (meta) and ours (shard bases, same
 * name pattern on purpose so one rule cleans both).
 */
const ATOMIC_TEMP = /^(?:tx-\d{4}-\d{2}|meta)\.json\.tmp-\d{10}[0-9a-f]{6}$/
/** Older than this, a temp file cannot belong to a write still in progress in another process. */
const TEMP_MAX_AGE_MS = 60_000

export function shardName(month: string): string {
  return `tx-${month}`
}

/** The month's base snapshot (`tx-YYYY-MM.json`). */
export function baseFile(dir: string, month: string): string {
  return path.join(dir, `${shardName(month)}.json`)
}

/** The month's append-only journal (`tx-YYYY-MM.jsonl`), folded into the base by compaction. */
export function journalFile(dir: string, month: string): string {
  return path.join(dir, `${shardName(month)}.jsonl`)
}

/** Months ("YYYY-MM") that have a base shard file in `dir`, ascending. */
export function listShardMonths(dir: string): string[] {
  return listMatching(dir, SHARD_FILE)
}

/** Months that have a base or a journal file in `dir`, ascending. */
export function listCacheMonths(dir: string): string[] {
  const months = new Set<string>()
  for (const entry of fs.readdirSync(dir)) {
    const m = SHARD_FILE.exec(entry) ?? JOURNAL_FILE.exec(entry)
    if (m?.[1] !== undefined) months.add(m[1])
  }
  return [...months].sort()
}

function listMatching(dir: string, pattern: RegExp): string[] {
  const months: string[] = []
  for (const entry of fs.readdirSync(dir)) {
    const m = pattern.exec(entry)
    if (m?.[1] !== undefined) months.push(m[1])
  }
  return months.sort()
}

/** Removes temp files of interrupted atomic writes; the real file is untouched by those. */
export function removeStaleTempFiles(dir: string, now: Date): void {
  for (const entry of fs.readdirSync(dir)) {
    if (!ATOMIC_TEMP.test(entry)) continue
    const file = path.join(dir, entry)
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs > TEMP_MAX_AGE_MS) fs.unlinkSync(file)
    } catch {
      // Already gone (another process cleaned up): nothing to do.
    }
  }
}

/**
 * Renames `file` (`<base>.json` or `<base>.jsonl`) to `<base>.corrupt-<timestamp>.<ext>` next to
 * it and returns the new name. The `.corrupt-` infix keeps it out of the month listings.
 */
export function setAside(file: string, now: Date): string {
  const dir = path.dirname(file)
  const ext = path.extname(file)
  const base = path.basename(file, ext)
  // ISO time without ':' so the name is valid on Windows too.
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const name = `${base}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}${ext}`
    const target = path.join(dir, name)
    if (fs.existsSync(target)) continue
    fs.renameSync(file, target)
    return name
  }
}

export function unlinkIfExists(file: string): void {
  try {
    fs.unlinkSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}
