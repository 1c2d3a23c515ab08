import { describe, expect, it } from 'vitest'
import type { PayInTransaction, PayOutTransaction } from '../../src/shared/domain'
import type { TransactionFilter } from '../../src/shared/views'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'
import { createQueryEngine } from '../../src/main/services/query/query-engine'
import { exportTransactions } from '../../src/main/services/export/export-transactions'

const base: PayInTransaction = {
  payId: '7', transactionId: '20260510-pi-AAAAAAAAAA', creatorId: null, userId: null,
  amount: 1999, netAmount: 1900, serviceFee: 40, serviceFeePsp: null, status: 'Success',
  recipientNote: 'Abo', payoutStatus: null, createdAt: '2026-05-10 12:00:00',
  isSplitLink: false, isDispute: false, isRefund: true, paymentMethod: null, transactionType: 'Basic'
}

describe('export json', () => {
  it('has the documented stable shape with cents and decimal strings', () => {
    const index = createTransactionIndex({ openRequestsFor: () => [{ amount: 500, state: 'submitted' }] })
    index.reset([base, { ...base, transactionId: '20260511-pi-BBBBBBBBBB', amount: -999, netAmount: -999, serviceFee: 0, transactionType: 'Refund', createdAt: '2026-05-11 08:00:00' }])
    const filter: TransactionFilter = { period: { kind: 'range', from: '2026-05-01', to: '2026-05-31' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
    const { rows, totals } = createQueryEngine({ index }).selectAll(filter, { column: 'createdAt', direction: 'asc' })
    const file = exportTransactions({ rows, totals, filter, format: 'json', language: 'de', dataAsOf: null, now: new Date('2026-06-01T00:00:00Z') })
    expect(file.mimeType).toBe('application/json')
    expect(file.fileName).toBe('secpaid-2026-05-01_2026-05-31.json')
    const doc = JSON.parse(file.content)
    expect(doc).toMatchObject({
      schema: 'secpaid-desk/transactions-export',
      schemaVersion: 2,
      period: { kind: 'range', month: null, from: '2026-05-01', to: '2026-05-31' },
      dataAsOf: null,
      stale: true,
      generatedAt: '2026-06-01T00:00:00.000Z',
      totals: { count: 2, paymentCount: 1, refundCount: 1, grossPayInsCents: 1999, grossPayIns: '19.99', refundsCents: -999, refunds: '-9.99', netCents: 1000, net: '10.00', feesCents: 40, fees: '0.40',
        netAfterFeesCents: 960, netAfterFees: '9.60', disputeReturnsCents: 0, disputeReturnCount: 0 }
    })
    expect(doc.rows[0]).toEqual({
      key: 'id:20260510-pi-AAAAAAAAAA', payId: '7', transactionId: '20260510-pi-AAAAAAAAAA', createdAt: '2026-05-10 12:00:00',
      kind: 'payment', transactionType: 'Basic', status: 'Success', paymentMethod: null, recipientNote: 'Abo', payoutStatus: null,
      isSplitLink: false, isDispute: false, isRefund: true, refundState: 'requested',
      amountCents: 1999, amount: '19.99', netAmountCents: 1900, netAmount: '19.00', serviceFeeCents: 40, serviceFee: '0.40',
      serviceFeePspCents: null, serviceFeePsp: null, refundedCents: 999, refunded: '9.99', pendingRefundCents: 500, pendingRefund: '5.00'
    })
    expect(doc.rows[1]).toMatchObject({ kind: 'refund', amount: '-9.99', refundedCents: null, pendingRefund: null })
  })

  it('carries the payouts whose covered day lies in the period', () => {
    const payout = (id: string, day: string, net: number): PayOutTransaction => ({
      payoutId: id, userId: null, transactionId: `${day.replaceAll('-', '')}-po-${id}`, payoutAmount: net + 30, serviceFee: 30, netAmount: net,
      payoutStatus: 'Approved', requestDate: day, createdAt: `${day} 23:59:00`, isSplitLink: false, isDispute: false, isRefund: true, transactionType: 'Basic'
    })
    const filter: TransactionFilter = { period: { kind: 'month', month: '2026-05' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
    const file = exportTransactions({
      rows: [], totals: createQueryEngine({ index: createTransactionIndex() }).selectAll(filter).totals, filter, format: 'json', language: 'en',
      dataAsOf: null, now: new Date('2026-06-01T00:00:00Z'),
      payouts: [payout('1', '2026-04-30', 100), payout('2', '2026-05-01', 1234), payout('3', '2026-05-31', 5), payout('4', '2026-06-01', 7)]
    })
    const doc = JSON.parse(file.content)
    expect(doc.payouts.map((p: { payoutId: string }) => p.payoutId)).toEqual(['2', '3'])
    expect(doc.payouts[0]).toEqual({
      payoutId: '2', transactionId: '20260501-po-2', coveredDay: '2026-05-01', createdAt: '2026-05-01 23:59:00', status: 'Approved',
      containsRefunds: true, containsDisputes: false, payoutAmountCents: 1264, payoutAmount: '12.64', feeCents: 30, fee: '0.30', netAmountCents: 1234, netAmount: '12.34'
    })
  })
})
