/**
 * One open account's sharing with its team (docs/team-mode.md): pushes what this PC wrote, pulls
 * what teammates wrote, folds both into the refund ledger's view and the month-end review, and
 * claims payments before a refund is sent.
 *
 * Local-first: the ledger file and the review file stay this PC's own record; writing never waits
 * for the database. A cycle — flush the outbox, pull, merge, re-queue what the team lacks,
 * release settled claims — runs at start, after every local change (debounced), every `pollMs`,
 * and on demand. A failed cycle leaves everything queued and says so in the status.
 */
import type { TeamStatus } from '@shared/team'
import type { RefundRequest } from '@shared/views'
import { OPEN_REQUEST_STATES } from '@shared/views'
import type { FoldResult } from '../refunds/ledger-model'
import { foldLedgerWithNotices } from '../refunds/ledger-model'
import type { LedgerEvent } from '../refunds/ledger-events'
import type { RefundLedger } from '../refunds/refund-ledger'
import type { RefundClaim, RefundClaims } from '../refunds/refund-service-types'
import { TeamRefusalError } from './team-errors'
import { ledgerEventId, makeReviewTickEvent, teamEventFromLedger, type Origin, type ReviewTickData, type TeamEvent } from './team-events'
import { canonicalLedgerOrder, foldReviewTicks, type ReviewTickState } from './team-merge'
import { openTeamOutbox, type TeamOutbox } from './team-outbox'
import { openTeamRemoteLog, type TeamRemoteLog } from './team-remote-log'
import { PULL_PAGE, type TeamStore } from './team-store'

/** A claim whose request never appeared in the ledger is this PC's orphan after this long. */
export const ORPHAN_CLAIM_MS = 5 * 60_000
/** How long closing waits for a running cycle, then for a last flush. */
const CLOSE_WAIT_MS = 5_000
/** Local changes are shared after this pause (several appends of one action go in one push). */
const CHANGE_DEBOUNCE_MS = 150

/** Final outcomes that every PC may record for itself: two syncs find the same refund entry. */
const REPEATABLE_OUTCOMES = new Set(['refunded', 'denied', 'rejected'])

/**
 * Two PCs that both synced record the same outcome of one request (each found the refund entry,
 * each was told of the denial): the same fact twice, not an anomaly. Only the first copy reaches
 * the fold; a DIFFERENT outcome after a final one stays and the fold reports it as a conflict.
 * Depends only on the canonical order, so every PC drops the same copies.
 */
export function withoutRepeatedOutcomes(events: readonly LedgerEvent[]): LedgerEvent[] {
  const outcomeOf = new Map<string, string>()
  return events.filter((ev) => {
    if (!REPEATABLE_OUTCOMES.has(ev.type)) return true
    const first = outcomeOf.get(ev.requestId)
    if (first === undefined) {
      outcomeOf.set(ev.requestId, ev.type)
      return true
    }
    return first !== ev.type
  })
}

export interface TeamSyncDeps {
  /** Where the outbox and the pulled events live (`<account dir>/team/`). */
  dir: string
  teamName: string
  /** The shared account's key in the database: the environment id (one team = one shop). */
  account: string
  /** The environment whose review ticks are shared. */
  env: string
  machine: string
  osUser: string
  store: TeamStore
  ledger: RefundLedger
  now: () => Date
  /** Pull interval; null = no timer (the CLI: one cycle at start, a flush at close). */
  pollMs: number | null
  onStatus?: (status: TeamStatus) => void
  /** The review overlay changed (teammates' ticks arrived). */
  onReviewTicks?: () => void
}

export interface TeamSync {
  status(): TeamStatus
  /** Flush, pull, merge, re-queue, release settled claims; resolves when done (never throws). */
  cycle(): Promise<TeamStatus>
  readonly claims: RefundClaims
  /** Shares one click on review ticks. */
  shareReviewTick(tick: Omit<ReviewTickData, 'env'>): void
  /** The team's latest tick per row of one month (LWW), including this PC's. */
  reviewTicks(month: string): ReviewTickState[]
  /** What teammates (other PCs) did since the last call: for the sync digest. */
  takeTeammateActivity(): { refundEvents: number; reviewTicks: number }
  /** Stops the timer, tries one last flush (bounded), closes the connection. */
  close(): Promise<void>
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export function openTeamSync(deps: TeamSyncDeps): TeamSync {
  const { store, ledger } = deps
  const origin: Origin = { account: deps.account, machine: deps.machine }
  const remote: TeamRemoteLog = openTeamRemoteLog({ dir: deps.dir })
  const outbox: TeamOutbox = openTeamOutbox({ dir: deps.dir, pusher: store })
  /** Ids this process has queued (acknowledged ones leave the outbox before the pull brings them back). */
  const queued = new Set(outbox.pending().map((e) => e.eventId))
  /** This PC's review clicks of this run, until the pull brings them back. */
  const ownTicks: TeamEvent[] = []
  const idOf = new WeakMap<LedgerEvent, string>()
  const eventId = (ev: LedgerEvent): string => {
    let id = idOf.get(ev)
    if (id === undefined) {
      id = ledgerEventId(ev)
      idOf.set(ev, id)
    }
    return id
  }

  let link: TeamStatus['link'] = 'starting'
  let lastContactAt: string | null = null
  let lastError: string | null = null
  let teammates = { refundEvents: 0, reviewTicks: 0 }
  let closed = false
  let running: Promise<TeamStatus> | null = null
  let nextCycle: Promise<TeamStatus> | null = null
  let debounce: ReturnType<typeof setTimeout> | null = null
  let lastEmitted = ''

  function status(): TeamStatus {
    return { configured: true, teamName: deps.teamName, link, lastContactAt, pending: outbox.pending().length, lastError, machine: deps.machine }
  }

  function emitStatus(): void {
    const s = status()
    // Every cycle touches lastContactAt; the window hears only of changes that matter.
    const text = JSON.stringify({ ...s, lastContactAt: null })
    if (text === lastEmitted) return
    lastEmitted = text
    deps.onStatus?.(s)
  }

  function contact(ok: boolean, error?: unknown): void {
    if (ok) {
      link = 'online'
      lastError = null
      lastContactAt = deps.now().toISOString()
    } else {
      link = 'unreachable'
      lastError = describe(error)
    }
    emitStatus()
  }

  // ---- the ledger: this PC's file merged with the team's events -------------------------------

  /** The team's ledger events as pulled (this PC's own come back too; the merge drops copies). */
  const remoteLedger = (): TeamEvent[] => remote.events().filter((e) => e.stream === 'ledger')

  function teamFold(local: readonly LedgerEvent[]): FoldResult {
    const mine: TeamEvent[] = []
    const unconvertible: LedgerEvent[] = []
    local.forEach((ev, i) => {
      try {
        mine.push(teamEventFromLedger(ev, origin, i))
      } catch {
        unconvertible.push(ev) // the fold reports it exactly as it would without a team
      }
    })
    const all = [...mine, ...remoteLedger()]
    const result = foldLedgerWithNotices([...withoutRepeatedOutcomes(canonicalLedgerOrder(all)), ...unconvertible])
    const machineOf = new Map<string, string>()
    for (const e of all) if (e.type === 'requested' && e.requestId !== null && !machineOf.has(e.requestId)) machineOf.set(e.requestId, e.machine)
    for (const r of result.requests) {
      const machine = machineOf.get(r.id) ?? deps.machine
      r.origin = { osUser: r.history[0]?.osUser ?? 'unknown', machine, thisPc: machine === deps.machine }
    }
    return result
  }

  ledger.setTeamView({ fold: teamFold })

  /** Local events (on disk) the team does not have and this run has not queued: queue them. */
  function queueMissing(): void {
    const fresh: TeamEvent[] = []
    ledger.events().forEach((ev, i) => {
      const id = eventId(ev)
      if (queued.has(id) || remote.has(id)) return
      try {
        fresh.push(teamEventFromLedger(ev, origin, i))
      } catch {
        // Not shareable (it does not parse as an event): the fold reports it on this PC.
      }
      queued.add(id)
    })
    if (fresh.length > 0) outbox.enqueue(fresh)
  }

  // ---- review ticks ----------------------------------------------------------------------------

  function reviewEvents(): TeamEvent[] {
    const pendingTicks = outbox.pending().filter((e) => e.stream === 'review')
    return [...remote.events().filter((e) => e.stream === 'review'), ...pendingTicks, ...ownTicks]
  }

  // ---- the cycle -------------------------------------------------------------------------------

  async function pullAll(): Promise<void> {
    let ledgerArrived = false
    let ticksArrived = false
    for (;;) {
      const page = await store.pull(remote.cursor(), PULL_PAGE)
      const fresh = remote.append(page.events, page.next)
      for (const e of fresh) {
        if (e.stream === 'ledger') ledgerArrived = true
        else ticksArrived = true
        if (e.machine === deps.machine) continue
        if (e.stream === 'ledger') teammates.refundEvents++
        else teammates.reviewTicks++
      }
      // A short page is the end for now (rows the store could not read shorten it too; the
      // cursor has moved past them, so the next cycle goes on from there).
      if (page.events.length < PULL_PAGE) break
    }
    if (ledgerArrived) ledger.setTeamView({ fold: teamFold })
    if (ticksArrived) deps.onReviewTicks?.()
  }

  /** Releases open claims whose request is final in the merged view (its events are in the team). */
  async function releaseSettled(): Promise<void> {
    const claims = await store.openClaims(deps.account)
    if (claims.length === 0) return
    const byId = new Map<string, RefundRequest>(ledger.requests().map((r) => [r.id, r]))
    const nowMs = deps.now().getTime()
    for (const c of claims) {
      const req = byId.get(c.requestId)
      const settled = req !== undefined && !OPEN_REQUEST_STATES.includes(req.state)
      // This PC's own claim for a request that was never journaled (it died between the claim
      // and the journal, or could not give it back): nobody else can tell, so this PC does.
      const orphan = req === undefined && c.machine === deps.machine && nowMs - Date.parse(c.since) > ORPHAN_CLAIM_MS
      if (settled || orphan) await store.release({ account: deps.account, payId: c.payId, requestId: c.requestId, osUser: deps.osUser })
    }
  }

  async function runCycle(): Promise<TeamStatus> {
    try {
      ledger.refresh({ force: false })
    } catch {
      // An unreadable ledger file is reported by the refund service; share what we have.
    }
    queueMissing()
    const flushed = await outbox.flush()
    if (flushed.error !== null) {
      contact(false, flushed.error)
      return status()
    }
    try {
      await pullAll()
      queueMissing() // a local event lost between the ledger and the outbox, or written by the CLI
      if (outbox.pending().length > 0) {
        const second = await outbox.flush()
        if (second.error !== null) throw new Error(second.error)
      }
      await releaseSettled()
      // Own ticks the team now has come back with the pull: the remote copy stands for them.
      for (let i = ownTicks.length - 1; i >= 0; i--) if (remote.has((ownTicks[i] as TeamEvent).eventId)) ownTicks.splice(i, 1)
      contact(true)
    } catch (error) {
      contact(false, error)
    }
    return status()
  }

  function cycle(): Promise<TeamStatus> {
    if (closed) return Promise.resolve(status())
    if (running === null) {
      running = runCycle().finally(() => {
        running = null
      })
      return running
    }
    // One cycle at a time; whoever asks during a cycle gets the next one (it sees their change),
    // and everyone asking meanwhile shares it.
    nextCycle ??= running.then(() => {
      nextCycle = null
      return cycle()
    })
    return nextCycle
  }

  function soon(): void {
    if (closed) return
    if (debounce !== null) clearTimeout(debounce)
    debounce = setTimeout(() => {
      debounce = null
      void cycle()
    }, CHANGE_DEBOUNCE_MS)
    debounce.unref?.()
  }

  const stopListening = ledger.onDidChange(() => soon())
  const timer = deps.pollMs === null ? null : setInterval(() => void cycle(), deps.pollMs)
  timer?.unref?.()
  void cycle()

  // ---- claims ----------------------------------------------------------------------------------

  const NO_CLAIM: RefundClaim = { abandon: async () => undefined, settled: () => soon() }

  const claims: RefundClaims = {
    async acquire({ payId, requestId, withoutTeam }) {
      const req = { account: deps.account, payId, requestId, osUser: deps.osUser }
      let result: Awaited<ReturnType<TeamStore['claim']>>
      try {
        result = await store.claim(req)
      } catch (error) {
        contact(false, error)
        if (withoutTeam) return NO_CLAIM
        throw new TeamRefusalError(
          'team_unreachable',
          `The team database cannot be reached (${describe(error)}), so payment ${payId} cannot be claimed for the team. Nothing was sent. Wait and try again, or send on this PC alone (the other PCs can then neither see nor block this refund until the database is back).`,
          { detail: describe(error) }
        )
      }
      if (result.ok) {
        try {
          // The winner looks at what the previous holder did before anything is decided.
          await pullAll()
        } catch (error) {
          await store.release(req).catch(() => undefined)
          contact(false, error)
          throw new TeamRefusalError('team_unreachable', `The team database stopped answering while payment ${payId} was being claimed (${describe(error)}). Nothing was sent.`, {
            detail: describe(error)
          })
        }
      }
      contact(true)
      if (!result.ok) {
        const h = result.heldBy
        throw new TeamRefusalError(
          'team_claim_held',
          `${h.osUser} on ${h.machine} is already refunding payment ${payId} (request ${h.requestId}, since ${h.since}). Nothing was sent.`,
          { osUser: h.osUser, machine: h.machine, since: h.since, requestId: h.requestId }
        )
      }
      return {
        abandon: async () => {
          await store.release(req).catch(() => undefined) // else released as an orphan later
        },
        // Push the request and its outcome first; the cycle releases the claim once it is final.
        settled: () => void cycle()
      }
    }
  }

  return {
    status,
    cycle,
    claims,
    shareReviewTick(tick) {
      const event = makeReviewTickEvent({ ...tick, env: deps.env }, { ...origin, osUser: deps.osUser }, deps.now())
      ownTicks.push(event)
      outbox.enqueue([event])
      deps.onReviewTicks?.()
      soon()
    },
    reviewTicks(month) {
      return [...foldReviewTicks(reviewEvents()).values()].filter((t) => t.env === deps.env && t.month === month)
    },
    takeTeammateActivity() {
      const taken = teammates
      teammates = { refundEvents: 0, reviewTicks: 0 }
      return taken
    },
    async close() {
      if (closed) return
      closed = true
      stopListening()
      if (timer !== null) clearInterval(timer)
      if (debounce !== null) clearTimeout(debounce)
      // A cycle stuck on an unreachable database must not hold the app (or the CLI) open: each wait
      // is bounded, and what did not leave waits in the outbox for the next start.
      const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())])
      await bounded(running ?? Promise.resolve())
      // What this PC wrote last should leave with it.
      queueMissing()
      await bounded(outbox.flush())
      ledger.setTeamView(null)
      await store.close().catch(() => undefined)
    }
  }
}
