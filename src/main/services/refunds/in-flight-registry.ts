/**
 * Registry of refund actions in flight, one per ledger file.
 *
 * Why shared per file: one process may hold several ledgers (and refund services) for the same
 * file — the workspace is re-created when the user switches environment A → B → A, and a new one
 * may be opened while the old one still awaits SecPaid; tests and the Chromium host run several
 * cores in one process. Each instance's own in-flight set would not see the others' sends, so
 * `recoverAfterCrash` or `checkAgain` of the new instance could flip or re-send a request that is
 * still on the wire. The ledger lock does not help here: it is held only for the short
 * synchronous journal step, not while the request travels. So the ledger asks an
 * `InFlightRegistries` — one per process, passed in (PROCESS_IN_FLIGHT by default) — for the
 * registry of its file, keyed by the file's real path.
 *
 * An entry exists from the moment a request is journaled (or a check starts) until its outcome is
 * durably in the ledger. If writing the outcome fails after SecPaid answered (ledger lock busy,
 * disk error), the entry stays with phase 'unsaved' and holds the outcome event; any service
 * instance on that ledger retries writing it on its next call.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { LedgerEvent } from './ledger-events'

export interface InFlightEntry {
  env: string
  payId: string
  requestId: string
  /** checking: refreshing before a possible re-send; sending: refundPayment is running; unsaved: answered, outcome not on disk yet. */
  phase: 'checking' | 'sending' | 'unsaved'
  /** ms since epoch when the current phase began. */
  since: number
  outcome?: LedgerEvent
  lastError?: string
  /** Unsaved only: earliest time a read-only call retries writing (write calls always retry). */
  retryAfter?: number
}

export interface InFlightRegistry {
  get(env: string, payId: string): InFlightEntry | undefined
  hasRequest(requestId: string): boolean
  /** Claims the pay_id; false if something is already in flight for it. */
  claim(entry: InFlightEntry): boolean
  /** Ends a claim unless its outcome is still unsaved. */
  release(env: string, payId: string): void
  markUnsaved(env: string, payId: string, outcome: LedgerEvent, error: string, now: number): void
  /** The outcome is on disk now: forget the entry. */
  saved(env: string, payId: string): void
  unsaved(): InFlightEntry[]
}

const keyOf = (env: string, payId: string): string => `${env}\u0000${payId}`

function createRegistry(): InFlightRegistry {
  const entries = new Map<string, InFlightEntry>()
  return {
    get: (env, payId) => entries.get(keyOf(env, payId)),
    hasRequest: (requestId) => [...entries.values()].some((e) => e.requestId === requestId),
    claim(entry) {
      const key = keyOf(entry.env, entry.payId)
      if (entries.has(key)) return false
      entries.set(key, entry)
      return true
    },
    release(env, payId) {
      const key = keyOf(env, payId)
      if (entries.get(key)?.phase !== 'unsaved') entries.delete(key)
    },
    markUnsaved(env, payId, outcome, error, now) {
      const key = keyOf(env, payId)
      const prev = entries.get(key)
      entries.set(key, { env, payId, requestId: outcome.requestId, since: prev?.since ?? now, phase: 'unsaved', outcome, lastError: error, retryAfter: now + UNSAVED_RETRY_MS })
    },
    saved(env, payId) {
      entries.delete(keyOf(env, payId))
    },
    unsaved: () => [...entries.values()].filter((e) => e.phase === 'unsaved')
  }
}

/** Read-only calls (list, get, …) retry writing an unsaved outcome at most this often, so a stuck lock does not stall every read by the lock wait. */
export const UNSAVED_RETRY_MS = 5_000

/** The registries of one process, one per ledger file. */
export interface InFlightRegistries {
  /** The registry for this ledger file (the same object for every path naming the same file). */
  forFile(file: string): InFlightRegistry
}

export function createInFlightRegistries(): InFlightRegistries {
  const byFile = new Map<string, InFlightRegistry>()
  return {
    forFile(file) {
      const key = realPathOf(file)
      let reg = byFile.get(key)
      if (!reg) byFile.set(key, (reg = createRegistry()))
      return reg
    }
  }
}

/** The process's registries: every ledger of this process uses them unless told otherwise. */
export const PROCESS_IN_FLIGHT: InFlightRegistries = createInFlightRegistries()

/**
 * The file's real path: the deepest folder that exists has its symlinks resolved, the rest is
 * appended — so a ledger opened before its folder exists gets the same key as one opened after.
 */
function realPathOf(file: string): string {
  let existing = path.resolve(file)
  const rest: string[] = []
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest)
    } catch {
      const parent = path.dirname(existing)
      if (parent === existing) return path.resolve(file)
      rest.unshift(path.basename(existing))
      existing = parent
    }
  }
}
