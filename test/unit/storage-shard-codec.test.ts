/**
 * A month base is written in pieces (shardBytes), not as one JSON.stringify of the month: the
 * bytes on disk must still be exactly that document, whatever the row count, ids or characters,
 * so every reader of the v1 format (and the checks of decodeShard) sees what it always saw.
 */
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { decodeShard, encodeRow, encodeShard, shardBytes } from '../../src/main/services/storage/transaction-shard-codec'

function row(i: number): PayInTransaction {
  return {
    payId: String(100000 + i),
    transactionId: i % 3 === 0 ? null : `20260105-pi-${String(i).padStart(10, '0')}`,
    creatorId: null,
    userId: i % 2 === 0 ? 'u-7' : null,
    amount: i % 5 === 0 ? -(i * 10 + 5) : i * 10 + 1,
    netAmount: i % 4 === 0 ? null : i * 9,
    serviceFee: 35,
    serviceFeePsp: null,
    status: 'Success',
    // Characters beyond Latin-1 (en dash, emoji) and JSON escapes.
    recipientNote: `Bestellung ${i} – Müller "Eilig" \\ 😀\n`,
    payoutStatus: i % 2 === 0 ? 'Pending' : null,
    createdAt: `2026-01-${String((i % 28) + 1).padStart(2, '0')} 10:00:00`,
    isSplitLink: false,
    isDispute: i % 7 === 0,
    isRefund: i % 5 === 0,
    paymentMethod: 'card',
    transactionType: i % 5 === 0 ? 'Refund' : 'Basic'
  }
}

const text = (pieces: Iterable<Uint8Array>): string => Buffer.concat([...pieces]).toString('utf8')

describe('shard bytes', () => {
  it('are exactly JSON.stringify of the shard document, for any row count around the piece size', () => {
    for (const n of [0, 1, 2, 127, 128, 129, 256, 300, 3000]) {
      const rows = Array.from({ length: n }, (_, i) => row(i))
      const encoded = rows.map(encodeRow)
      for (const ids of [{}, { gen: 'a1b2' }, { gen: 'a1b2', folded: 'c3d4' }]) {
        const expected = JSON.stringify(encodeShard('2026-01', encoded, ids))
        // Rows handed in encoded, as rows (encoded while written), or mixed.
        expect(text(shardBytes('2026-01', encoded, ids))).toBe(expected)
        expect(text(shardBytes('2026-01', rows, ids))).toBe(expected)
        expect(text(shardBytes('2026-01', rows.map((r, i) => (i % 2 === 0 ? r : encodeRow(r))), ids))).toBe(expected)
      }
    }
  })

  it('decode back to the rows written', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i))
    const decoded = decodeShard(JSON.parse(text(shardBytes('2026-01', rows, { gen: 'g' }))), '2026-01')
    expect(decoded).toEqual({ ok: true, rows: rows.map(encodeRow) })
  })
})
