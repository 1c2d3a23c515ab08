/** Deterministic synthetic pay-in rows for the cache benchmark and the crash test. */
import type { PayInTransaction } from '../src/shared/domain'

/** Small seeded PRNG (mulberry32) so runs are comparable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NOTES = ['Bestellung', 'Rechnung', 'Order', 'Abo Mai', 'Kaffee & Kuchen', 'Reparatur Fahrrad', '']
const METHODS = ['card', 'paypal', 'sofort', 'applepay', null]

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0')
}

/** `count` rows spread over `months` consecutive months starting 2025-05. */
export function syntheticRows(count: number, months = 13, seed = 1): PayInTransaction[] {
  const rnd = seededRandom(seed)
  const rows: PayInTransaction[] = []
  for (let i = 0; i < count; i++) {
    const m = i % months
    const year = 2025 + Math.floor((4 + m) / 12)
    const month = ((4 + m) % 12) + 1
    const day = 1 + Math.floor(rnd() * 28)
    const createdAt = `${year}-${pad(month)}-${pad(day)} ${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:${pad(Math.floor(rnd() * 60))}`
    const amount = 100 + Math.floor(rnd() * 50_000)
    const refund = rnd() < 0.03
    rows.push({
      payId: String(1_000_000 + i),
      transactionId: i % 10 === 0 ? null : `${year}${pad(month)}${pad(day)}-pi-${pad(i, 10)}`,
      creatorId: '4711',
      userId: rnd() < 0.5 ? null : String(Math.floor(rnd() * 90_000)),
      amount: refund ? -amount : amount,
      netAmount: refund ? null : amount - 35,
      serviceFee: refund ? null : 35,
      serviceFeePsp: null,
      status: 'Success',
      recipientNote: `${NOTES[i % NOTES.length] ?? ''} ${i}`,
      payoutStatus: rnd() < 0.7 ? 'paid' : null,
      createdAt,
      isSplitLink: false,
      isDispute: false,
      isRefund: refund,
      paymentMethod: METHODS[i % METHODS.length] ?? null,
      transactionType: refund ? 'Refund' : 'Basic'
    })
  }
  return rows
}
