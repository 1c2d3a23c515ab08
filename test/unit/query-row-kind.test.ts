import { describe, expect, it } from 'vitest'
import { rowKindOf } from '../../src/main/services/query/row-kind'

const k = (transactionType: string, amount: number, isRefund = false): string => rowKindOf({ transactionType, amount, isRefund })

describe('rowKindOf', () => {
  it('uses the documented transaction types (getPayInTransactions, refund and dispute entries)', () => {
    expect(k('Refund', -1250, true)).toBe('refund')
    expect(k('Dispute Refund', 1250)).toBe('dispute_refund')
    expect(k('Dispute', -1250)).toBe('dispute')
    expect(k('Basic', 1250)).toBe('payment')
    expect(k('Split', 1250)).toBe('payment')
    expect(k('Personal QR', 1250)).toBe('payment')
  })

  it('keeps a refunded ORIGINAL payment (is_refund "true", positive) a payment', () => {
    expect(k('Basic', 8819, true)).toBe('payment')
    expect(k('Split', 8819, true)).toBe('payment')
  })

  it('treats a negative row of an unknown type as a refund, defensively (refund and dispute entries)', () => {
    expect(k('Chargeback-ish', -500, true)).toBe('refund')
    expect(k('SomethingNew', -500, false)).toBe('refund')
    expect(k('SomethingNew', 500, true)).toBe('payment')
  })

  it('tolerates case and spacing variants of the type', () => {
    expect(k('refund', -1)).toBe('refund')
    expect(k('Dispute  refund', 1)).toBe('dispute_refund')
  })
})
