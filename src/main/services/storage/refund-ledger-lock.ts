/**
 * Writer lock for the refund ledger: `refund-ledger.lock`, holding the pid, put in place with
 * `link()` of a file that already holds it (fails if the lock exists, like O_EXCL).
 *
 * Why: the app and the CLI may run at the same time. Appends alone would not interleave badly
 * (each is one O_APPEND write), but the refund service's "is a request for this payment already
 * in flight? no → journal it" must be one critical section across processes
 * (docs/architecture.md#a-refund-is-never-sent-twice-by-accident).
 *
 * Why link() and not open(O_EXCL) + write: a process killed between the two left an EMPTY lock,
 * which nobody can tell from a lock whose holder is about to write its pid. The next writer then
 * had to wait out a grace period longer than its own wait and failed, telling the user to delete the
 * file (a crash loop of the CLI showed it). Linked into place, the lock appears with its pid in
 * it; a kill leaves at most the holder's `.tmp` file, which the next writer removes. Where hard
 * links are not supported (some network or FAT drives), the O_EXCL path remains.
 *
 * Stale locks: if the recorded pid is not alive (crash, SIGKILL), the next writer takes over.
 * Takeover renames the stale file away first (rename is atomic, so two racing takers cannot both
 * win), then re-creates with O_EXCL. Known limits: a reused pid makes a stale lock look alive
 * (the error names the file so a user can delete it); pids are per host, so a data dir on a
 * network share shared by two machines is not protected.
 *
 * Waiting: a live holder only keeps the lock for one short synchronous read-check-append section
 * (milliseconds), so a busy lock is normally free again almost at once. Acquiring therefore waits
 * up to `waitMs` (default 3 s) in small synchronous steps before giving up with LedgerLockedError.
 * The wait must be synchronous — callers run their critical section without an `await` — so it
 * blocks this thread with Atomics.wait instead of spinning. This matters most right after a
 * refundPayment call returned: the outcome must reach the ledger, not fail on a brief contention.
 */
import fs from 'node:fs'
import path from 'node:path'

export class LedgerLockedError extends Error {
  readonly kind = 'ledger_locked' as const
  constructor(
    readonly lockFile: string,
    readonly holderPid: number | null
  ) {
    super(
      `The refund ledger is in use by another SecPaid Desk process (pid ${holderPid ?? 'unknown'}). ` +
        `Close it and try again. If no such process runs, delete ${lockFile}.`
    )
    this.name = 'LedgerLockedError'
  }
}

export type IsProcessAlive = (pid: number) => boolean

export function defaultIsProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A lock file with no pid yet may belong to a process between open() and write(). */
const EMPTY_LOCK_GRACE_MS = 10_000

/** How long acquiring waits for a live holder by default. */
export const DEFAULT_LOCK_WAIT_MS = 3_000
const MIN_STEP_MS = 20
const MAX_STEP_MS = 50

let sleepCell: Int32Array | null = null
/** Blocks this thread for `ms` without burning CPU (no event loop turn happens meanwhile). */
export function sleepSync(ms: number): void {
  sleepCell ??= new Int32Array(new SharedArrayBuffer(4))
  Atomics.wait(sleepCell, 0, 0, Math.max(0, ms))
}

export interface AcquireOptions {
  /** Total time to wait for a live holder; 0 = fail at once. */
  waitMs?: number
  /** Injected for tests. */
  sleep?: (ms: number) => void
  now?: () => number
}

function readHolder(lockFile: string): { pid: number | null; mtimeMs: number } | null {
  try {
    const text = fs.readFileSync(lockFile, 'utf8').trim()
    const pid = /^\d+$/.test(text) ? Number(text) : null
    return { pid, mtimeMs: fs.statSync(lockFile).mtimeMs }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export function acquireLedgerLock(lockFile: string, pid: number, isAlive: IsProcessAlive, options: AcquireOptions = {}): void {
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS
  const sleep = options.sleep ?? sleepSync
  const now = options.now ?? Date.now
  const deadline = now() + waitMs
  let lastHolder: number | null
  for (let round = 0; ; round++) {
    const result = tryAcquire(lockFile, pid, isAlive)
    if (result.ok) return
    lastHolder = result.holderPid
    const left = deadline - now()
    if (left <= 0) break
    // 20 ms, growing to 50 ms: quick for the usual millisecond-long holds, cheap for longer ones.
    sleep(Math.min(left, Math.min(MAX_STEP_MS, MIN_STEP_MS + round * 10)))
  }
  throw new LedgerLockedError(lockFile, lastHolder)
}

/** The file a lock is linked from: this pid's, beside the lock. */
function pidFileOf(lockFile: string, pid: number): string {
  return `${lockFile}.${pid}.tmp`
}

/** Removes what killed writers left: pid files of processes that are gone (never a live one's). */
function removeDeadPidFiles(lockFile: string, isAlive: IsProcessAlive): void {
  const dir = path.dirname(lockFile)
  const prefix = `${path.basename(lockFile)}.`
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const pid = Number(name.slice(prefix.length, -'.tmp'.length))
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) fs.rmSync(path.join(dir, name), { force: true })
  }
}

/** Creates the lock holding `pid`: true, or false if a lock exists. */
function createLock(lockFile: string, pid: number): boolean {
  const pidFile = pidFileOf(lockFile, pid)
  fs.writeFileSync(pidFile, `${pid}\n`)
  try {
    fs.linkSync(pidFile, lockFile)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error
  } finally {
    fs.rmSync(pidFile, { force: true })
  }
  // No hard links on this drive: O_EXCL, with the empty-lock window the grace period covers.
  try {
    const fd = fs.openSync(lockFile, 'wx')
    try {
      fs.writeSync(fd, `${pid}\n`)
    } finally {
      fs.closeSync(fd)
    }
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

/** One attempt (with stale takeover); `ok: false` when a live process holds the lock. */
function tryAcquire(lockFile: string, pid: number, isAlive: IsProcessAlive): { ok: true } | { ok: false; holderPid: number | null } {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createLock(lockFile, pid)) return { ok: true }
    const holder = readHolder(lockFile)
    if (holder === null) continue // released meanwhile: try again
    // Our own pid: left by an earlier incarnation with the same pid (containers) or by us.
    if (holder.pid === pid) return { ok: true }
    const stale =
      holder.pid === null ? Date.now() - holder.mtimeMs > EMPTY_LOCK_GRACE_MS : !isAlive(holder.pid)
    if (!stale) return { ok: false, holderPid: holder.pid }
    removeDeadPidFiles(lockFile, isAlive)
    takeOverStale(lockFile, pid, holder.pid)
  }
  return { ok: false, holderPid: readHolder(lockFile)?.pid ?? null }
}

function takeOverStale(lockFile: string, pid: number, stalePid: number | null): void {
  const aside = `${lockFile}.stale-${pid}`
  try {
    fs.renameSync(lockFile, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return // another taker was faster
    throw error
  }
  const moved = readHolder(aside)
  if (moved !== null && moved.pid !== stalePid) {
    // Between our read and the rename, someone replaced the stale lock with a live one: put
    // it back (link fails if yet another lock exists, which then is the valid one).
    try {
      fs.linkSync(aside, lockFile)
    } catch {
      // see above
    }
  }
  fs.rmSync(aside, { force: true })
}

/** Removes the lock only if it is still ours (never another process's lock). */
export function releaseLedgerLock(lockFile: string, pid: number): void {
  const holder = readHolder(lockFile)
  if (holder?.pid === pid) fs.rmSync(lockFile, { force: true })
}
