/**
 * Who journaled a `requested` event, and is that process still around?
 * (docs/architecture.md#a-refund-is-never-sent-twice-by-accident)
 *
 * `recoverAfterCrash` must only turn a `submitting` request into `outcome_unknown` when nobody can
 * still be sending it: the app and the CLI share one ledger, and one process may hold several
 * service instances for the same ledger (environment switch A → B → A). Flipping a live send
 * would let a later "check again" send the refund a second time.
 *
 * So every `requested` event records its writer: pid, hostname and a process start marker. The
 * marker tells "the same process" from "a later process that got the same pid" (pid reuse,
 * containers restarting with pid 1). On Linux it is derived from /proc (boot time + the process's
 * start tick), which can be computed for ANY pid and compared; elsewhere we only know our own
 * start (now − uptime) and cannot detect the reuse of another process's pid — such a request then
 * counts as live, which is the safe side (it stays `submitting`, blocking a new request for that
 * payment, until the other process is gone).
 */
import fs from 'node:fs'
import os from 'node:os'
import { defaultIsProcessAlive, type IsProcessAlive } from '../storage/refund-ledger-lock'

export interface WriterIdentity {
  pid: number
  hostname: string
  /** The writer process's start (ISO 8601); with pid + hostname it identifies one process run. */
  startedAt: string
}

/** Two start markers of the same process may differ this much (/proc's boot time is recomputed). */
export const START_MARKER_TOLERANCE_MS = 2_000
/** Linux USER_HZ; 100 on every mainstream kernel/architecture. */
const CLOCK_TICKS_PER_SECOND = 100

let bootTimeMs: number | null | undefined

function linuxBootTimeMs(): number | null {
  if (bootTimeMs !== undefined) return bootTimeMs
  bootTimeMs = null
  try {
    const m = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))
    if (m) bootTimeMs = Number(m[1]) * 1000
  } catch {
    // not Linux (or no /proc): markers come from process.uptime() instead
  }
  return bootTimeMs
}

/**
 * The start time (ms since epoch) of process `pid` as seen by the OS, or null where that cannot
 * be read (not Linux, no /proc, no such process).
 */
export function processStartTimeMs(pid: number): number | null {
  if (process.platform !== 'linux' || !Number.isSafeInteger(pid) || pid <= 0) return null
  const boot = linuxBootTimeMs()
  if (boot === null) return null
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) state ppid …": comm may contain spaces and ')', so split after the LAST ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19]) // field 22 (starttime), counted from field 3 (state)
    if (!Number.isFinite(ticks)) return null
    return boot + (ticks * 1000) / CLOCK_TICKS_PER_SECOND
  } catch {
    return null
  }
}

let self: WriterIdentity | null = null

/** This process (computed once). */
export function currentWriter(): WriterIdentity {
  if (self === null) {
    const started = processStartTimeMs(process.pid) ?? Date.now() - process.uptime() * 1000
    self = { pid: process.pid, hostname: os.hostname(), startedAt: new Date(Math.round(started)).toISOString() }
  }
  return self
}

export type WriterStatus =
  /** This very process (same pid, host and start marker). */
  | 'this_process'
  /** Another process on this host that is still running. */
  | 'alive'
  /** Gone: no such pid (ESRCH), or the pid now belongs to a process that started later. */
  | 'dead'
  /** Another host: we cannot look at its processes. */
  | 'other_host'
  /** Written by a version that did not record its writer. */
  | 'unknown'

export interface WriterCheckDeps {
  isProcessAlive?: IsProcessAlive
  startTimeOf?: (pid: number) => number | null
  self?: WriterIdentity
}

export function writerStatus(writer: WriterIdentity | undefined, deps: WriterCheckDeps = {}): WriterStatus {
  if (writer === undefined) return 'unknown'
  const me = deps.self ?? currentWriter()
  if (writer.hostname !== me.hostname) return 'other_host'
  const storedStart = Date.parse(writer.startedAt)
  const sameStart = (ms: number): boolean => Number.isFinite(storedStart) && Math.abs(ms - storedStart) <= START_MARKER_TOLERANCE_MS
  if (writer.pid === me.pid) {
    // Same pid: this process, or an earlier process (container restart) that had our pid.
    return sameStart(Date.parse(me.startedAt)) ? 'this_process' : 'dead'
  }
  const isAlive = deps.isProcessAlive ?? defaultIsProcessAlive
  if (!isAlive(writer.pid)) return 'dead'
  const actualStart = (deps.startTimeOf ?? processStartTimeMs)(writer.pid)
  // A different start time means the pid was reused by a newer process: the writer is gone.
  if (actualStart !== null && !sameStart(actualStart)) return 'dead'
  return 'alive'
}
