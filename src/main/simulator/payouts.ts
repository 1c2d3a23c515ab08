/**
 * getPayOutTransactions (docs/secpaid-api.md#getpayouttransactions), derived from the pay-ins: one
 * payout per Berlin day with successful rows (nightly bundling), days before today only. Refund and
 * dispute entries of that day are netted in (docs/secpaid-api.md#payout-netting).
 */
import { formatApiAmount } from '@shared/money'
import { DAY_MS, addDays, berlinDay } from './berlin-clock'
import { createPrng, deriveSeed } from './prng'
import { PAYOUT_LAG_DAYS, SIM_USER_ID } from './row-factory'
import type { SimulatorStore } from './store'
import type { PayOutWireRow } from './types'

interface DayTotals {
  gross: number
  fees: number
  net: number
  split: boolean
  dispute: boolean
  refund: boolean
}

export interface PayOutQuery {
  page: number
  limit: number
  search?: string
  startDate?: string
  endDate?: string
}

/**
 * How the simulated SecPaid pays out (the API does not document either): whether a day's refund
 * and dispute entries are netted into that day's payout or left out of it (debited some other
 * way, e.g. a direct debit), and how many days after the covered day a payout is created.
 */
export interface PayoutPolicy {
  refunds: 'netted' | 'debited'
  creationLagDays: number
}

export const DEFAULT_PAYOUT_POLICY: PayoutPolicy = { refunds: 'netted', creationLagDays: 1 }

export class PayoutBook {
  private cacheKey = ''
  private cache: PayOutWireRow[] = []

  constructor(
    private readonly store: SimulatorStore,
    private readonly seed: number,
    private readonly policy: PayoutPolicy = DEFAULT_PAYOUT_POLICY
  ) {}

  /** All payouts, newest request_date first. */
  all(nowMs: number): PayOutWireRow[] {
    const today = berlinDay(nowMs)
    const key = `${this.store.version}|${today}`
    if (key !== this.cacheKey) {
      this.cache = this.build(today)
      this.cacheKey = key
    }
    return this.cache
  }

  query(q: PayOutQuery, nowMs: number): { rows: PayOutWireRow[]; total: number } {
    const matches = this.all(nowMs).filter(
      (p) =>
        (q.search === undefined || p.transaction_id.toLowerCase().includes(q.search)) &&
        (q.startDate === undefined || p.request_date >= q.startDate) &&
        (q.endDate === undefined || p.request_date <= q.endDate)
    )
    const first = (q.page - 1) * q.limit
    return { rows: matches.slice(first, first + q.limit), total: matches.length }
  }

  private build(today: string): PayOutWireRow[] {
    const days = new Map<string, DayTotals>()
    for (const row of this.store.sorted) {
      const w = row.wire
      if (w.status !== 'Success') continue
      const day = w.created_at.slice(0, 10)
      if (day >= today) continue
      let t = days.get(day)
      if (!t) {
        t = { gross: 0, fees: 0, net: 0, split: false, dispute: false, refund: false }
        days.set(day, t)
      }
      const outgoing = w.transaction_type === 'Refund' || w.transaction_type === 'Dispute' || w.transaction_type === 'Dispute Refund'
      if (outgoing && this.policy.refunds === 'debited') continue
      t.gross += row.amountCents
      t.fees += row.feeCents
      t.net += row.netCents
      t.split ||= w.is_split_link === 'true'
      t.dispute ||= w.transaction_type === 'Dispute' || w.transaction_type === 'Dispute Refund'
      t.refund ||= w.transaction_type === 'Refund'
    }
    const approvedBefore = addDays(today, -PAYOUT_LAG_DAYS)
    const ordered = [...days.entries()].filter(([, t]) => t.net > 0).sort(([a], [b]) => (a < b ? -1 : 1))
    const out = ordered.map(([day, t], i): PayOutWireRow => {
      // Per-day stream: a payout's id never changes when other days change.
      const prng = createPrng(deriveSeed(this.seed, 1000 + Math.floor(Date.parse(day) / DAY_MS)))
      const compact = day.replaceAll('-', '')
      const createdDay = addDays(day, this.policy.creationLagDays)
      return {
        payout_id: String(21_000 + i),
        user_id: SIM_USER_ID,
        transaction_id: `${compact}-po-${prng.alnum(10)}`,
        payout_amount: formatApiAmount(t.gross),
        // docs/secpaid-api.md#getpayouttransactions: these two are JSON numbers on this endpoint.
        // cents/100 prints as the exact decimal.
        service_fee: t.fees / 100,
        net_amount: t.net / 100,
        payout_status: day < approvedBefore ? 'Approved' : 'InProgress',
        request_date: day,
        created_at: `${createdDay} 02:01:${String(prng.int(0, 59)).padStart(2, '0')}`,
        is_split_link: t.split ? 'true' : 'false',
        is_dispute: t.dispute ? 'true' : 'false',
        is_refund: t.refund ? 'true' : 'false',
        transaction_type: t.split ? 'Split' : 'Basic'
      }
    })
    return out.reverse()
  }
}
