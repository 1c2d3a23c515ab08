import { describe, expect, it } from 'vitest'
import {
  classifyRefundRejection,
  isAuthFailureMessage,
  isPermanentRefundRejection,
  type RefundRejectionCode
} from '../../src/main/services/secpaid'

// Every refundPayment ResponseMsg SecPaid's documentation shows (docs/secpaid-api.md#rejections).
const TABLE: Array<[string, RefundRejectionCode]> = [
  ['Please enter pay_id', 'missing_field'],
  ['Please enter refund_amount', 'missing_field'],
  ['Refund amount is required', 'missing_field'],
  ['Invalid refund amount', 'invalid_amount'],
  ['Invalid link ID', 'not_found'],
  ['Link not found', 'not_found'],
  ['Link is cancelled', 'link_cancelled'],
  ['Refund already requested', 'duplicate_pending'],
  ['Refund blocked by dispute', 'dispute'],
  ['Cannot refund invoice-type links', 'invoice']
]

describe('refund rejection mapping (rejections)', () => {
  it.each(TABLE)('%s → %s', (message, code) => {
    expect(classifyRefundRejection(message)).toBe(code)
    expect(classifyRefundRejection(message.toUpperCase())).toBe(code)
    expect(classifyRefundRejection(`Error: ${message.toLowerCase()}.`)).toBe(code)
  })

  it('tolerates other wordings', () => {
    expect(classifyRefundRejection('A pending refund already exists for this pay_id')).toBe('duplicate_pending')
    expect(classifyRefundRejection('Refund amount exceeds the original payment amount')).toBe('amount_exceeds')
    expect(classifyRefundRejection('Link is canceled')).toBe('link_cancelled')
    expect(classifyRefundRejection('Payment has an open dispute')).toBe('dispute')
    expect(classifyRefundRejection('Etwas ist schiefgelaufen')).toBe('unknown')
    expect(classifyRefundRejection('')).toBe('unknown')
  })

  it('disambiguates "Invalid refund amount" with context', () => {
    expect(classifyRefundRejection('Invalid refund amount', { amountSent: 5000, originalAmount: 4999 })).toBe('amount_exceeds')
    expect(classifyRefundRejection('Invalid refund amount', { amountSent: 100, originalAmount: 4999 })).toBe('invalid_amount')
    expect(classifyRefundRejection('Invalid refund amount', { amountSent: 5000 })).toBe('invalid_amount')
    expect(classifyRefundRejection('Refund amount is required', { amountSent: 0 })).toBe('invalid_amount')
    expect(classifyRefundRejection('Refund amount is required', { amountSent: 100 })).toBe('missing_field')
  })

  it('flags permanent codes', () => {
    expect(isPermanentRefundRejection('duplicate_pending')).toBe(true)
    expect(isPermanentRefundRejection('dispute')).toBe(true)
    expect(isPermanentRefundRejection('invalid_amount')).toBe(false)
  })
})

describe('auth detection (authentication)', () => {
  it('recognises both documented messages and any "token" message', () => {
    expect(isAuthFailureMessage('Incorrect token or missing token')).toBe(true)
    expect(isAuthFailureMessage('Please enter token')).toBe(true)
    expect(isAuthFailureMessage('TOKEN ungültig')).toBe(true)
    expect(isAuthFailureMessage('Refund already requested')).toBe(false)
  })
})
