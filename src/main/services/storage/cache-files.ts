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
/** Temp files `atomically` leaves behind when the process is killed mid-write. */
const ATOMIC_TEMP = /^(?:tx-\d{4}-\d{2}|meta)\.json\.tmp-\d{10}[0-9a-f]{6}$/
/** Older than this, a temp file cannot belong to a write still in progress in another process. */
const TEMP_MAX_AGE_MS = 60_000

export function shardName(month: string): string {
  return `tx-${month}`
}

/** Months ("YYYY-MM") that have a shard file in `dir`, ascending. */
export function listShardMonths(dir: string): string[] {
  const months: string[] = []
  for (const entry of fs.readdirSync(dir)) {
    const m = SHARD_FILE.exec(entry)
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
 * Renames `file` (`<base>.json`) to `<base>.corrupt-<timestamp>.json` next to it and returns
 * the new base name. The `.corrupt-` infix keeps it out of `listShardMonths`.
 */
export function setAside(file: string, now: Date): string {
  const dir = path.dirname(file)
  const base = path.basename(file, '.json')
  // ISO time without ':' so the name is valid on Windows too.
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  for (let n = 0; ; n++) {
    const name = `${base}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}.json`
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
