/** The CLI's transaction table cuts a long reference between whole characters (src/main/cli/output.ts). */
import { describe, expect, it } from 'vitest'
import { transactionTable } from '../../src/main/cli/output'
import type { TransactionView } from '../../src/shared/views'

function row(recipientNote: string): TransactionView {
  return {
    key: 'id:t1',
    payId: '1001',
    transactionId: 't1',
    creatorId: null,
    userId: null,
    amount: 1250,
    netAmount: null,
    serviceFee: null,
    serviceFeePsp: null,
    status: 'Completed',
    recipientNote,
    payoutStatus: null,
    createdAt: '2026-11-02T10:00:00+01:00',
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: null,
    transactionType: 'Basic',
    kind: 'payment',
    refundedCents: 0,
    pendingRefundCents: 0,
    refundState: 'none'
  } as TransactionView
}

const referenceOf = (table: string): string => (table.split('\n')[2] ?? '').split('  ').at(-1) ?? ''

describe('CLI transaction table', () => {
  it('keeps a reference that fits whole', () => {
    expect(referenceOf(transactionTable([row('Order 4711 – Müller')]))).toBe('Order 4711 – Müller')
  })

  it('cuts a long reference with an ellipsis, never inside an emoji sequence', () => {
    const family = '👩‍👩‍👧' // five code points, eight UTF-16 units, one character on screen
    const note = `${'x'.repeat(36)}${family}${family} and more`
    const cell = referenceOf(transactionTable([row(note)]))
    expect(cell.endsWith('…')).toBe(true)
    expect(cell.length).toBeLessThanOrEqual(40)
    const kept = cell.slice(0, -1)
    expect(note.startsWith(kept)).toBe(true)
    // The cut falls between whole characters: the family is kept whole or not at all.
    expect(kept === 'x'.repeat(36) || kept === `${'x'.repeat(36)}${family}`).toBe(true)
  })
})
