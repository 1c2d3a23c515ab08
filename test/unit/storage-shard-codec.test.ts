/**
 * A month base is written in pieces (shardBytes), not as one JSON.stringify of the month: the
 * bytes on disk must still be exactly that document — with every non-ASCII character as a `\uXXXX`
 * escape, so the file is pure ASCII — whatever the row count, ids or characters, so every reader
 * of the v1 format (and the checks of decodeShard) parses what it always parsed.
 */
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import { asciiJson } from '../../src/main/services/storage/ascii-json'
import { type ColumnKind, SHARD_COLUMN_KINDS, decodeShard, encodeRow, encodeShard, shardBytes } from '../../src/main/services/storage/transaction-shard-codec'

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

const text = (pieces: Iterable<Uint8Array>): string => {
  const bytes = Buffer.concat([...pieces])
  expect(bytes.every((b) => b < 0x80)).toBe(true)
  return bytes.toString('utf8')
}

describe('shard bytes', () => {
  it('are exactly JSON.stringify of the shard document (non-ASCII escaped), for any row count around the piece size', () => {
    for (const n of [0, 1, 2, 127, 128, 129, 256, 300, 3000]) {
      const rows = Array.from({ length: n }, (_, i) => row(i))
      const encoded = rows.map(encodeRow)
      for (const ids of [{}, { gen: 'a1b2' }, { gen: 'a1b2', folded: 'c3d4' }]) {
        const document = JSON.stringify(encodeShard('2026-01', encoded, ids))
        const expected = asciiJson(document)
        // The escapes mean the same characters: the same document once parsed.
        expect(JSON.parse(expected)).toEqual(JSON.parse(document))
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

  it('reject a row whose cell does not have its column\'s kind, in every column', () => {
    const good = encodeRow(row(1))
    const wrong: Record<ColumnKind, unknown[]> = {
      str: [null, 1, true, undefined],
      'str?': [1, false, {}],
      int: [null, '1', 1.5, Number.MAX_SAFE_INTEGER + 1, true],
      'int?': ['1', 0.5, false],
      bool: [null, 0, 'true']
    }
    const decodes = (cells: unknown[]): boolean => decodeShard(encodeShard('2026-01', [cells]), '2026-01').ok
    expect(decodes(good)).toBe(true)
    expect(SHARD_COLUMN_KINDS).toHaveLength(good.length)
    SHARD_COLUMN_KINDS.forEach((kind, i) => {
      for (const v of wrong[kind]) expect(decodes(good.map((c, j) => (j === i ? v : c))), `column ${i} (${kind}) = ${String(v)}`).toBe(false)
      if (kind.endsWith('?')) expect(decodes(good.map((c, j) => (j === i ? null : c))), `column ${i} null`).toBe(true)
    })
    expect(decodes(good.slice(0, -1))).toBe(false)
    expect(decodes([...good, null])).toBe(false)
  })
})
