/**
 * Folding the team's events into the same state on every PC (docs/team-mode.md#merge-rule).
 *
 * The ledger fold (refunds/ledger-model.ts) reads events in the order it is given and is NOT
 * order-independent: an event for a request it has not seen yet, or a transition that is not
 * legal in the current state, is skipped. PCs receive events in different orders (their own at
 * once, others' at the next pull), so the merge first puts the SET of events into one canonical
 * order that depends only on the set — never on arrival — and hands that to the unchanged fold:
 *
 *  1. duplicates (same event id: the same fact pushed or pulled twice) are dropped;
 *  2. events are sorted by (at, machine, ordinal, event id) — a total order, since ids are unique.
 *     `ordinal` is the event's index in its writer's ledger, so events one PC wrote in the same
 *     millisecond keep that PC's order;
 *  3. within one request, that order is repaired where the writers' clocks disagree: the next
 *     event taken is the earliest one that is legal in the request's state so far (its `requested`
 *     first, a denial after the submission it denies even if the denying PC's clock was behind);
 *     events that never become legal keep their sorted place and are skipped by the fold, with
 *     its notice, the same way on every PC;
 *  4. requests are interleaved again by time: each event's key is the largest key of it and every
 *     event before it in its request's repaired sequence, ties broken by that sequence.
 *
 * Each step is a function of the set alone, so fold(merge(any arrival order)) is the same value on
 * every PC. For a single PC's own ledger (timestamps non-decreasing in file order, as one clock
 * writes them) the canonical order IS the file order: merging changes nothing a lone PC sees.
 *
 * Review ticks are last-writer-wins per (environment, month, row key) by (at, event id): a max
 * over a total order, independent of arrival order.
 */
import { canTransition } from '../refunds/ledger-model'
import { parseLedgerEvent, type LedgerEvent } from '../refunds/ledger-events'
import type { RefundRequestState } from '@shared/views'
import { ledgerEventFromTeam, ledgerEventId, REVIEW_TICK_TYPE, reviewTickDataSchema, teamEventFromLedger, type Origin, type TeamEvent } from './team-events'

interface Item {
  key: SortKey
  event: LedgerEvent
}

interface SortKey {
  at: string
  machine: string
  ordinal: number
  id: string
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const byKey = (a: SortKey, b: SortKey): number => cmp(a.at, b.at) || cmp(a.machine, b.machine) || a.ordinal - b.ordinal || cmp(a.id, b.id)

type Sim = RefundRequestState | 'none'

/**
 * Where a request would be after `item`, or null if the fold would skip it here. Mirrors the
 * fold's rules (ledger-model.ts): `requested` opens a request once; `recheck` is only read in
 * submitted/outcome_unknown; the rest follow ALLOWED_TRANSITIONS. Unreadable and unknown events
 * change nothing wherever they are, so they are always "legal" (they keep their sorted place).
 */
function step(state: Sim, item: Item): Sim | null {
  const ev = parseLedgerEvent(item.event)
  if ('error' in ev || ev.type === 'unknown') return state
  if (ev.type === 'requested') return state === 'none' ? 'submitting' : state // a second one is skipped wherever it is
  if (state === 'none') return null
  if (ev.type === 'recheck') return state === 'submitted' || state === 'outcome_unknown' ? state : null
  return canTransition(state, ev.type) ? ev.type : null
}

/** Step 3: the request's events, earliest legal first. */
function repairRequest(sorted: Item[]): Item[] {
  const left = [...sorted]
  const out: Item[] = []
  let state: Sim = 'none'
  while (left.length > 0) {
    let taken = -1
    for (let i = 0; i < left.length; i++) {
      const next = step(state, left[i] as Item)
      if (next !== null) {
        taken = i
        state = next
        break
      }
    }
    if (taken === -1) {
      out.push(...left) // never legal: the fold skips them, in this order, on every PC
      break
    }
    out.push(...left.splice(taken, 1))
  }
  return out
}

/** Canonical order of a set of ledger events given with their keys (see the module comment). */
function canonicalOrder(items: Iterable<Item>): LedgerEvent[] {
  // Copies of one id are the same fact; should two copies disagree on machine or ordinal (a
  // converter bug), the smaller key wins — a choice that does not depend on arrival either.
  const unique = new Map<string, Item>()
  for (const item of items) {
    const seen = unique.get(item.key.id)
    if (!seen || byKey(item.key, seen.key) < 0) unique.set(item.key.id, item)
  }
  const sorted = [...unique.values()].sort((a, b) => byKey(a.key, b.key))
  const byRequest = new Map<string, Item[]>()
  for (const it of sorted) {
    const list = byRequest.get(it.event.requestId)
    if (list) list.push(it)
    else byRequest.set(it.event.requestId, [it])
  }
  const placed: Array<{ key: SortKey; pos: number; event: LedgerEvent }> = []
  for (const list of byRequest.values()) {
    let running: SortKey | null = null
    repairRequest(list).forEach((it, pos) => {
      if (running === null || byKey(it.key, running) > 0) running = it.key
      placed.push({ key: running, pos, event: it.event })
    })
  }
  // Equal keys only occur inside one request (a key names one event), so `pos` decides.
  placed.sort((a, b) => byKey(a.key, b.key) || a.pos - b.pos)
  return placed.map((p) => p.event)
}

/** The shared ledger events (stream `ledger`) in canonical order, ready for the fold. */
export function canonicalLedgerOrder(events: readonly TeamEvent[]): LedgerEvent[] {
  return canonicalOrder(
    events
      .filter((e) => e.stream === 'ledger')
      .map((e) => ({ key: { at: e.at, machine: e.machine, ordinal: e.ordinal, id: e.eventId }, event: ledgerEventFromTeam(e) }))
  )
}

/**
 * This PC's ledger (all of `ledger.events()`, in file order) and the team's events as one
 * canonical event list. Local events go through the same conversion as a push
 * (teamEventFromLedger, ordinal = file index), so a local event and its pulled copy are the same
 * item, with the same content, on every PC.
 */
export function mergeLedgerEvents(local: readonly LedgerEvent[], remote: readonly TeamEvent[], origin: Origin): LedgerEvent[] {
  const mine = local.map((ev, i) => teamEventFromLedger(ev, origin, i))
  return canonicalLedgerOrder([...mine, ...remote])
}

/** Local events the team does not have yet (by id): what a PC must (re-)queue after a pull. */
export function missingFromTeam(local: readonly LedgerEvent[], teamIds: ReadonlySet<string>): LedgerEvent[] {
  return local.filter((ev) => !teamIds.has(ledgerEventId(ev)))
}

export interface ReviewTickState {
  env: string
  month: string
  key: string
  reviewed: boolean
  osUser: string
  machine: string
  at: string
  eventId: string
}

/** Last writer wins per (env, month, key), by (at, event id). Unreadable tick events are ignored. */
export function foldReviewTicks(events: readonly TeamEvent[]): Map<string, ReviewTickState> {
  const state = new Map<string, ReviewTickState>()
  for (const e of events) {
    if (e.stream !== 'review' || e.type !== REVIEW_TICK_TYPE) continue
    const data = reviewTickDataSchema.safeParse(e.data)
    if (!data.success) continue
    for (const key of data.data.keys) {
      const slot = `${data.data.env}\u0000${data.data.month}\u0000${key}`
      const prev = state.get(slot)
      if (prev && (cmp(prev.at, e.at) || cmp(prev.eventId, e.eventId)) >= 0) continue
      state.set(slot, { env: data.data.env, month: data.data.month, key, reviewed: data.data.reviewed, osUser: e.osUser, machine: e.machine, at: e.at, eventId: e.eventId })
    }
  }
  return state
}

/** The row keys ticked in one month of one environment, sorted. */
export function reviewedKeys(state: ReadonlyMap<string, ReviewTickState>, env: string, month: string): string[] {
  return [...state.values()]
    .filter((t) => t.env === env && t.month === month && t.reviewed)
    .map((t) => t.key)
    .sort()
}
