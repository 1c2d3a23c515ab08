/** Deterministic ledger events as team events, for the team tests and their child process. */
import { makeLedgerEvent } from '../../src/main/services/refunds/ledger-events'
import { teamEventFromLedger, type TeamEvent } from '../../src/main/services/team/team-events'

/** `count` new refund requests written by `machine`, one millisecond apart. */
export function teamTestEvents(count: number, machine: string, from = 0): TeamEvent[] {
  const base = Date.UTC(2026, 10, 2, 9, 0, 0)
  return Array.from({ length: count }, (_, k) => {
    const i = from + k
    const ev = makeLedgerEvent('requested', `${machine}-req-${i}`, new Date(base + i), {
      env: 'demo',
      payId: String(10_000 + i),
      amount: 100 + i,
      isFullRefund: false,
      reason: 'requested_by_customer',
      note: `request ${i} from ${machine}`,
      recipientNote: null,
      osUser: 'anna'
    })
    return teamEventFromLedger(ev, { account: 'acct-1', machine }, i)
  })
}
