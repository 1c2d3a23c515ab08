/**
 * The merge rule (team-merge.ts): the same set of events gives the same fold on every PC,
 * whatever order they arrived in, duplicates included; a lone PC sees what its own ledger says.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeLedgerEvent, type LedgerEvent, type LedgerEventType } from '../../src/main/services/refunds/ledger-events'
import { foldLedgerWithNotices } from '../../src/main/services/refunds/ledger-model'
import { makeReviewTickEvent, teamEventFromLedger, type TeamEvent } from '../../src/main/services/team/team-events'
import { canonicalLedgerOrder, foldReviewTicks, mergeLedgerEvents, missingFromTeam, reviewedKeys } from '../../src/main/services/team/team-merge'

type Step = Exclude<LedgerEventType, 'requested'>

/** Legal histories after `requested` (ledger-model.ts's state machine). */
const PATHS: Step[][] = [
  [],
  ['submitted'],
  ['submitted', 'refunded'],
  ['submitted', 'denied'],
  ['submitted', 'recheck', 'recheck', 'denied'],
  ['rejected'],
  ['outcome_unknown'],
  ['outcome_unknown', 'recheck', 'submitted', 'refunded'],
  ['outcome_unknown', 'outcome_unknown', 'rejected'],
  ['outcome_unknown', 'denied'],
  ['outcome_unknown', 'refunded']
]

const USERS = ['anna', 'bea', 'carl']

/**
 * `step` goes into texts: two events with identical content in the same millisecond are one fact
 * by design (content ids, team-events.ts), so distinct steps must differ in content.
 */
function event(type: LedgerEventType, requestId: string, r: number, at: number, pc: number, step = 0): LedgerEvent {
  const osUser = USERS[pc % USERS.length] as string
  const when = new Date(at)
  switch (type) {
    case 'requested':
      return makeLedgerEvent('requested', requestId, when, {
        env: 'demo',
        payId: String(100 + (r % 4)),
        amount: 100 * (r + 1),
        isFullRefund: false,
        reason: 'requested_by_customer',
        note: `note ${r}`,
        recipientNote: null,
        osUser
      })
    case 'submitted':
      return makeLedgerEvent('submitted', requestId, when, { serverMessage: 'accepted', osUser })
    case 'rejected':
      return makeLedgerEvent('rejected', requestId, when, { code: 'amount_too_high', serverMessage: 'no', osUser })
    case 'outcome_unknown':
      return makeLedgerEvent('outcome_unknown', requestId, when, { errorKind: 'timeout', message: `timeout ${step}`, osUser })
    case 'refunded':
      // Entry keys collide across some requests on purpose: which request links one must not
      // depend on arrival either.
      return makeLedgerEvent('refunded', requestId, when, { refundEntryKey: `entry-${r % 3}`, osUser })
    case 'denied':
      return makeLedgerEvent('denied', requestId, when, { reason: 'outside the window', osUser })
    case 'recheck':
      return makeLedgerEvent('recheck', requestId, when, { result: 'no_refund_entry_yet', osUser, note: `check ${step}` })
  }
}

interface Scenario {
  /** Every PC's events in the order that PC wrote them (per request: its true history). */
  history: LedgerEvent[]
  /** The same events as team events, as written by their PC (with its clock's skew). */
  shared: TeamEvent[]
}

const scenario = (maxSkewMs: number) =>
  fc
    .record({
      requests: fc.array(
        fc.record({
          path: fc.integer({ min: 0, max: PATHS.length - 1 }),
          start: fc.integer({ min: 0, max: 20_000 }),
          gaps: fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 6, maxLength: 6 }),
          pcs: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 })
        }),
        { minLength: 1, maxLength: 7 }
      ),
      skews: fc.array(fc.integer({ min: -maxSkewMs, max: maxSkewMs }), { minLength: 3, maxLength: 3 })
    })
    .map(({ requests, skews }): Scenario => {
      const base = Date.UTC(2026, 10, 2, 9, 0, 0)
      const written: Array<{ ev: LedgerEvent; pc: number; trueAt: number }> = []
      requests.forEach((req, r) => {
        const steps: LedgerEventType[] = ['requested', ...(PATHS[req.path] as Step[])]
        let t = base + req.start
        steps.forEach((type, i) => {
          t += req.gaps[i] ?? 0
          const pc = req.pcs[i] ?? 0
          written.push({ ev: event(type, `req-${r}`, r, t + (skews[pc] ?? 0), pc, i), pc, trueAt: t })
        })
      })
      const inOrder = [...written].sort((a, b) => a.trueAt - b.trueAt)
      const history = inOrder.map((w) => w.ev)
      // Each PC numbers the events it wrote, in the order it wrote them (its ledger file's order).
      const next = [0, 0, 0]
      const shared = inOrder.map((w) => teamEventFromLedger(w.ev, { account: 'acct', machine: `pc-${w.pc}` }, (next[w.pc] = (next[w.pc] ?? 0) + 1) - 1))
      return { history, shared }
    })

/** An arrival order: a permutation with some events delivered twice. */
const arrival = (events: readonly TeamEvent[]) =>
  fc
    .tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: events.length, maxLength: events.length }), fc.array(fc.nat(), { maxLength: 5 }))
    .map(([keys, dupes]) => {
      const order = events.map((e, i) => ({ e, k: keys[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.e)
      for (const d of dupes) if (events.length > 0) order.splice(d % (order.length + 1), 0, events[d % events.length] as TeamEvent)
      return order
    })

const foldOf = (events: readonly TeamEvent[]) => foldLedgerWithNotices(canonicalLedgerOrder(events))

describe('ledger merge', () => {
  it('gives the same requests and notices on every PC, whatever the arrival order (clocks skewed by up to 5 s)', () => {
    fc.assert(
      fc.property(
        scenario(5_000).chain((s) => fc.tuple(fc.constant(s), arrival(s.shared), arrival(s.shared))),
        ([s, onA, onB]) => {
          expect(foldOf(onA)).toEqual(foldOf(onB))
          expect(foldOf(onA)).toEqual(foldOf(s.shared))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('changes nothing for a lone PC: its own ledger merged gives what the ledger alone gives', () => {
    fc.assert(
      fc.property(scenario(0), (s) => {
        const alone = foldLedgerWithNotices(s.history)
        expect(foldLedgerWithNotices(mergeLedgerEvents(s.history, [], { account: 'acct', machine: 'this-pc' }))).toEqual(alone)
      }),
      { numRuns: 300 }
    )
  })

  it('a local event and its pulled copy are one event (nothing doubled)', () => {
    fc.assert(
      fc.property(scenario(0), (s) => {
        const pulledBack = s.history.map((ev, i) => teamEventFromLedger(ev, { account: 'acct', machine: 'this-pc' }, i))
        const merged = mergeLedgerEvents(s.history, pulledBack, { account: 'acct', machine: 'this-pc' })
        expect(merged).toHaveLength(s.history.length)
        expect(foldLedgerWithNotices(merged)).toEqual(foldLedgerWithNotices(s.history))
      }),
      { numRuns: 100 }
    )
  })

  it("applies a denial written on a PC whose clock is behind after the submission it denies", () => {
    const t = Date.UTC(2026, 10, 2, 9, 0, 0)
    const shop = (ev: LedgerEvent, i: number) => teamEventFromLedger(ev, { account: 'acct', machine: 'shop' }, i)
    const office = (ev: LedgerEvent, i: number) => teamEventFromLedger(ev, { account: 'acct', machine: 'office' }, i)
    const requested = shop(event('requested', 'r1', 1, t, 0), 0)
    const submitted = shop(event('submitted', 'r1', 1, t + 2_000, 0), 1)
    // The office PC's clock is 10 s behind: its denial, written after the submission, says t − 7 s.
    const denied = office(event('denied', 'r1', 1, t + 3_000 - 10_000, 1), 0)
    for (const order of [[requested, submitted, denied], [denied, submitted, requested], [submitted, denied, requested]]) {
      const { requests, notices } = foldOf(order)
      expect(notices).toEqual([])
      expect(requests.map((r) => [r.id, r.state, r.history.map((h) => h.state)])).toEqual([['r1', 'denied', ['submitting', 'submitted', 'denied']]])
    }
  })

  it('missingFromTeam names the local events the team has not got yet', () => {
    const t = Date.UTC(2026, 10, 2, 9, 0, 0)
    const a = event('requested', 'r1', 1, t, 0)
    const b = event('submitted', 'r1', 1, t + 1, 0)
    const teamIds = new Set([teamEventFromLedger(a, { account: 'x', machine: 'y' }, 0).eventId])
    expect(missingFromTeam([a, b], teamIds)).toEqual([b])
  })
})

describe('review ticks merge', () => {
  const tickArb = fc.record({
    keys: fc.uniqueArray(fc.constantFrom<string>('r1', 'r2', 'r3', 'r4'), { minLength: 1, maxLength: 4 }),
    reviewed: fc.boolean(),
    month: fc.constantFrom('2026-10', '2026-11'),
    at: fc.integer({ min: 0, max: 50 }), // few distinct instants: equal timestamps are common
    pc: fc.integer({ min: 0, max: 2 })
  })

  it('last writer wins per row, the same on every PC whatever the arrival order', () => {
    fc.assert(
      fc.property(
        fc.array(tickArb, { minLength: 1, maxLength: 12 }).chain((ticks) => {
          const events = ticks.map((t, i) =>
            makeReviewTickEvent(
              { env: 'demo', month: t.month, keys: t.keys, reviewed: t.reviewed },
              { account: 'acct', machine: `pc-${t.pc}`, osUser: USERS[t.pc] as string },
              new Date(Date.UTC(2026, 10, 3, 9) + t.at * 1000),
              `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
            )
          )
          return fc.tuple(fc.constant({ ticks, events }), arrival(events))
        }),
        ([{ ticks, events }, shuffled]) => {
          const a = foldReviewTicks(events)
          const b = foldReviewTicks(shuffled)
          expect([...b.entries()].sort()).toEqual([...a.entries()].sort())
          // The winner per row is the tick with the latest time (ties: the larger event id).
          for (const month of ['2026-10', '2026-11']) {
            const expected = ['r1', 'r2', 'r3', 'r4'].filter((key) => {
              let best: { at: number; i: number; reviewed: boolean } | null = null
              ticks.forEach((t, i) => {
                if (t.month !== month || !t.keys.includes(key)) return
                if (best === null || t.at > best.at || (t.at === best.at && i > best.i)) best = { at: t.at, i, reviewed: t.reviewed }
              })
              return (best as { reviewed: boolean } | null)?.reviewed === true
            })
            expect(reviewedKeys(b, 'demo', month)).toEqual(expected)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('says who ticked a row and from which PC', () => {
    const on = makeReviewTickEvent({ env: 'demo', month: '2026-10', keys: ['row-9'], reviewed: true }, { account: 'a', machine: 'office', osUser: 'bea' }, new Date('2026-11-03T09:00:00Z'))
    const state = foldReviewTicks([on])
    expect([...state.values()]).toEqual([expect.objectContaining({ key: 'row-9', reviewed: true, osUser: 'bea', machine: 'office', at: '2026-11-03T09:00:00.000Z' })])
  })
})
