/**
 * Team event ids and envelopes (team-events.ts). A ledger event's id is derived from its content
 * and is stored in every team database: it must never change between app versions, or every PC
 * would push its history again under new ids and the merge would see each fact twice.
 */
import { describe, expect, it } from 'vitest'
import type { LedgerEvent } from '../../src/main/services/refunds/ledger-events'
import { canonicalJson, ledgerEventFromTeam, ledgerEventId, makeReviewTickEvent, teamEventFromLedger, teamEventSchema } from '../../src/main/services/team/team-events'

const requested: LedgerEvent = {
  v: 1,
  requestId: '0b7d7a52-3f0e-4d51-9a43-6d1c2a8e9f10',
  at: '2026-11-02T09:15:00.123Z',
  type: 'requested',
  data: { env: 'demo', payId: '123456', amount: 1250, isFullRefund: false, reason: 'requested_by_customer', note: 'Größe falsch', recipientNote: 'Order 7', osUser: 'anna' }
}

describe('ledger event ids', () => {
  it('are fixed for a given event (golden value: changing it re-keys every team database)', () => {
    // Independently: SHA-256 of the sorted-key JSON below, first 16 bytes, version 8 and variant bits set.
    expect(ledgerEventId(requested)).toBe('1ac99056-817a-82b0-809e-a466915c0026')
  })

  it('do not depend on key order or on how the instant is written, and do depend on every fact', () => {
    const reordered: LedgerEvent = { ...requested, data: Object.fromEntries(Object.entries(requested.data).reverse()) }
    expect(ledgerEventId(reordered)).toBe(ledgerEventId(requested))
    expect(ledgerEventId({ ...requested, at: '2026-11-02T10:15:00.123+01:00' })).toBe(ledgerEventId(requested))
    for (const other of [
      { ...requested, requestId: 'another' },
      { ...requested, at: '2026-11-02T09:15:00.124Z' },
      { ...requested, type: 'submitted' },
      { ...requested, data: { ...requested.data, amount: 1251 } }
    ]) {
      expect(ledgerEventId(other)).not.toBe(ledgerEventId(requested))
    }
    expect(ledgerEventId(requested)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"e":2,"f":1}]},"b":1}')
  })
})

describe('envelopes', () => {
  it('a ledger event goes out with who and where, and comes back as the same ledger event', () => {
    const shared = teamEventFromLedger(requested, { account: 'acct-1', machine: 'shop-pc' }, 4)
    expect(shared).toMatchObject({ eventId: ledgerEventId(requested), stream: 'ledger', requestId: requested.requestId, osUser: 'anna', machine: 'shop-pc', ordinal: 4, account: 'acct-1' })
    expect(ledgerEventFromTeam(shared)).toEqual(requested)
  })

  it('an event of an unknown type (a newer app) is shared as it is', () => {
    const future: LedgerEvent = { v: 1, requestId: 'r', at: '2026-11-02T09:15:00.000Z', type: 'escalated', data: { by: 'x' } }
    const shared = teamEventFromLedger(future, { account: 'a', machine: 'm' }, 0)
    expect(shared.osUser).toBe('unknown')
    expect(ledgerEventFromTeam(shared)).toEqual(future)
  })

  it('review ticks carry no request id; ledger events must', () => {
    const tick = makeReviewTickEvent({ env: 'demo', month: '2026-10', keys: ['k'], reviewed: true }, { account: 'a', machine: 'm', osUser: 'u' }, new Date('2026-11-03T09:00:00Z'))
    expect(tick).toMatchObject({ stream: 'review', requestId: null, ordinal: 0 })
    expect(teamEventSchema.safeParse({ ...tick, requestId: 'r' }).success).toBe(false)
    expect(() => ledgerEventFromTeam(tick)).toThrow()
    expect(() => makeReviewTickEvent({ env: 'demo', month: '2026-13x', keys: ['k'], reviewed: true }, { account: 'a', machine: 'm', osUser: 'u' }, new Date())).toThrow()
  })
})
