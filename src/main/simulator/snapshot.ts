/**
 * Snapshot and restore of the simulator's changes since seeding (see snapshot-types.ts).
 * Replay goes through the store's own methods with the recorded instants, so the refund
 * ledger, entry rows and the store's random stream end up exactly where they were; recorded ids
 * (refund entry transaction_id, added payment rows) win over freshly drawn ones.
 */
import { parseApiAmount } from '@shared/money'
import type { SimulatorCore } from './core'
import { SimulatorSnapshotError, SNAPSHOT_VERSION, type SimulatorMutation, type SimulatorSnapshot } from './snapshot-types'
import type { SimulatorStore } from './store'
import type { RefundRequest } from './types'

export function buildSnapshot(core: SimulatorCore): SimulatorSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    seed: core.seed,
    rows: core.rows,
    anchor: new Date(core.anchorMs).toISOString(),
    mutations: structuredClone(core.store.mutations)
  }
}

/** Throws unless the snapshot was taken of a simulator with the same seed, rows and anchor. */
export function checkSnapshotFits(snapshot: SimulatorSnapshot, core: SimulatorCore): void {
  const mismatches: string[] = []
  if (snapshot.seed !== core.seed) mismatches.push(`seed ${snapshot.seed} ≠ ${core.seed}`)
  if (snapshot.rows !== core.rows) mismatches.push(`rows ${snapshot.rows} ≠ ${core.rows}`)
  const anchor = new Date(core.anchorMs).toISOString()
  if (Date.parse(snapshot.anchor) !== core.anchorMs) mismatches.push(`anchor ${snapshot.anchor} ≠ ${anchor}`)
  if (mismatches.length > 0) {
    throw new SimulatorSnapshotError(`Simulator snapshot does not match the simulator options (snapshot vs options: ${mismatches.join(', ')})`)
  }
}

function positiveCents(amount: string): number | null {
  try {
    const cents = parseApiAmount(amount)
    return cents > 0 ? cents : null
  } catch {
    return null
  }
}

function replayOne(store: SimulatorStore, m: SimulatorMutation): string | null {
  const at = Date.parse(m.at)
  const pending = (): RefundRequest | undefined => store.pendingRequest(m.type === 'payment-added' ? m.row.pay_id : m.payId)
  switch (m.type) {
    case 'refund-requested': {
      const meta = store.payment(m.payId)
      const cents = positiveCents(m.amount)
      if (!meta) return 'unknown pay_id'
      if (pending()) return 'a request is already pending'
      if (cents === null || cents > meta.original.amountCents - meta.refundedCents) return `amount ${m.amount} is not refundable`
      store.addRequest(m.payId, cents, m.isFullRefund, at)
      return null
    }
    case 'refund-approved': {
      const request = pending()
      if (!request) return 'no pending request'
      store.approve(request, parseApiAmount(request.amount), at, m.transactionId)
      return null
    }
    case 'refund-denied': {
      const request = pending()
      if (!request) return 'no pending request'
      store.deny(request, m.reason, at)
      return null
    }
    case 'payment-added':
      if (store.payment(m.row.pay_id)) return 'pay_id already exists'
      store.addPayment(m.input, at, m.row)
      return null
  }
}

/** Replays a (parsed) snapshot into a freshly seeded core. Call before onMutation is attached. */
export function replaySnapshot(core: SimulatorCore, snapshot: SimulatorSnapshot): void {
  checkSnapshotFits(snapshot, core)
  snapshot.mutations.forEach((m, i) => {
    const problem = replayOne(core.store, m)
    if (problem !== null) {
      const payId = m.type === 'payment-added' ? m.row.pay_id : m.payId
      throw new SimulatorSnapshotError(`Simulator snapshot does not fit the seed data: mutation #${i + 1} (${m.type}, pay_id ${payId}): ${problem}`)
    }
  })
}
