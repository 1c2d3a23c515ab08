/**
 * The JSON export: a stable, documented shape for scripts (README references it). Version it
 * with `schemaVersion`; add fields, never rename or retype them.
 *
 * Version 2 changed what totals mean (a version bump, because v1 readers would misread them):
 * refunds and disputes are always ≤ 0 whatever sign SecPaid sent, dispute refunds moved to the new
 * disputeReturns, netAfterFees is net − fees, and SecPaid's own Σ net_amount (v1's netAfterFees)
 * is payoutPerSecpaid.
 *
 * {
 *   "schema": "secpaid-desk/transactions-export", "schemaVersion": 2,
 *   "period": { "kind": "month"|"range"|"all", "month": "YYYY-MM"|null,
 *               "from": "YYYY-MM-DD"|null, "to": "YYYY-MM-DD"|null },          // inclusive, Berlin
 *   "filter": { "kinds": RowKind[], "statuses": string[], "amountMinCents": int|null,
 *               "amountMaxCents": int|null, "search": string },
 *   "dataAsOf": ISO-8601|null, "stale": boolean, "generatedAt": ISO-8601,
 *   "totals": { "count", "paymentCount", "refundCount", "disputeCount", "disputeReturnCount": int,
 *               and for grossPayIns, refunds, disputes, disputeReturns, net, fees, netAfterFees,
 *               payoutPerSecpaid, payoutDifference:
 *               "<name>Cents": int, "<name>": "-1234.56" (decimal string, '.' separator) },
 *   "payouts": [ { "payoutId", "transactionId"|null, "coveredDay": "YYYY-MM-DD"|null (request_date),
 *               "createdAt": "YYYY-MM-DD HH:MM:SS" (Berlin), "status", "containsRefunds",
 *               "containsDisputes", and for payoutAmount, fee, netAmount: "<name>Cents" / "<name>" } ]
 *               — the payouts whose covered day lies in the period (all stored ones for "all"),
 *               added in version 2 (an added field; older readers ignore it);
 *   "rows": [ { "key", "payId", "transactionId"|null, "createdAt": "YYYY-MM-DD HH:MM:SS" (Berlin),
 *               "kind", "transactionType", "status", "paymentMethod"|null, "recipientNote",
 *               "payoutStatus"|null, "isSplitLink", "isDispute", "isRefund": boolean,
 *               "refundState", and for amount, netAmount, serviceFee, serviceFeePsp,
 *               refunded, pendingRefund: "<name>Cents": int|null, "<name>": string|null } ]
 * }
 * Amounts come as integer cents AND decimal strings so no consumer needs floating point.
 */
import type { Cents, PayOutTransaction } from '@shared/domain'
import { formatApiAmount } from '@shared/money'
import type { Totals, TransactionFilter, TransactionView } from '@shared/views'
import { periodBounds } from './export-labels'

export const JSON_EXPORT_SCHEMA = 'secpaid-desk/transactions-export'
export const JSON_EXPORT_VERSION = 2

type MoneyPair<N extends string> = Record<`${N}Cents`, Cents | null> & Record<N, string | null>

function money<N extends string>(name: N, cents: Cents | null): MoneyPair<N> {
  return { [`${name}Cents`]: cents, [name]: cents === null ? null : formatApiAmount(cents) } as MoneyPair<N>
}

function rowJson(r: TransactionView): Record<string, unknown> {
  return {
    key: r.key,
    payId: r.payId,
    transactionId: r.transactionId,
    createdAt: r.createdAt,
    kind: r.kind,
    transactionType: r.transactionType,
    status: r.status,
    paymentMethod: r.paymentMethod,
    recipientNote: r.recipientNote,
    payoutStatus: r.payoutStatus,
    isSplitLink: r.isSplitLink,
    isDispute: r.isDispute,
    isRefund: r.isRefund,
    refundState: r.refundState,
    ...money('amount', r.amount),
    ...money('netAmount', r.netAmount),
    ...money('serviceFee', r.serviceFee),
    ...money('serviceFeePsp', r.serviceFeePsp),
    ...money('refunded', r.kind === 'payment' ? r.refundedCents : null),
    ...money('pendingRefund', r.kind === 'payment' ? r.pendingRefundCents : null)
  }
}

export function buildJson(input: {
  rows: readonly TransactionView[]
  totals: Totals
  filter: TransactionFilter
  dataAsOf: string | null
  now: Date
  stale: boolean
  /** SecPaid's payouts (the caller picks those of the period). */
  payouts?: readonly PayOutTransaction[]
}): string {
  const { period } = input.filter
  const t = input.totals
  const doc = {
    schema: JSON_EXPORT_SCHEMA,
    schemaVersion: JSON_EXPORT_VERSION,
    period: { kind: period.kind, month: period.kind === 'month' ? period.month : null, ...periodBounds(period) },
    filter: {
      kinds: [...input.filter.kinds],
      statuses: [...input.filter.statuses],
      amountMinCents: input.filter.amountMinCents,
      amountMaxCents: input.filter.amountMaxCents,
      search: input.filter.search
    },
    dataAsOf: input.dataAsOf,
    stale: input.stale,
    generatedAt: input.now.toISOString(),
    totals: {
      count: t.count,
      paymentCount: t.paymentCount,
      refundCount: t.refundCount,
      disputeCount: t.disputeCount,
      ...money('grossPayIns', t.grossPayIns),
      ...money('refunds', t.refunds),
      ...money('disputes', t.disputes),
      disputeReturnCount: t.disputeReturnCount,
      ...money('disputeReturns', t.disputeReturns),
      ...money('net', t.net),
      ...money('fees', t.fees),
      ...money('netAfterFees', t.netAfterFees),
      ...money('payoutPerSecpaid', t.payoutPerSecpaid),
      ...money('payoutDifference', t.payoutCheck.difference)
    },
    rows: input.rows.map(rowJson),
    payouts: (input.payouts ?? []).map(payoutJson)
  }
  return JSON.stringify(doc, null, 2) + '\n'
}

function payoutJson(p: PayOutTransaction): Record<string, unknown> {
  return {
    payoutId: p.payoutId,
    transactionId: p.transactionId,
    coveredDay: p.requestDate,
    createdAt: p.createdAt,
    status: p.payoutStatus,
    containsRefunds: p.isRefund,
    containsDisputes: p.isDispute,
    ...money('payoutAmount', p.payoutAmount),
    ...money('fee', p.serviceFee),
    ...money('netAmount', p.netAmount)
  }
}
