/**
 * The fast paths (pay-in rows, payout rows, the envelope) must accept exactly what the zod schemas
 * accept, converted identically; what they are unsure about goes to the schema, so errors stay
 * the schema's. Every field is tried with odd values, alone and in pairs.
 */
import { describe, expect, it } from 'vitest'
import {
  UNSURE,
  parseEnvelope,
  parseEnvelopeWithSchema,
  parsePayInPage,
  parsePayInRowWithSchema,
  parsePayOutPage,
  parsePayOutRowWithSchema,
  readPayInRowFast,
  readPayOutRowFast
} from '../../src/main/services/secpaid/wire-schemas'

const base: Record<string, unknown> = {
  pay_id: '99296',
  creator_id: '8654bacd-3d54-4010-069f-3fd9f4436b2',
  user_id: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  transaction_id: '20241026-pi-QRxbbs7z9n',
  amount: '88.19',
  net_amount: '84.71',
  service_fee: '1.33',
  service_fee_psp: '3.15',
  status: 'Success',
  recipient_note: 'Order TEST2026013557',
  payout_status: 'Pending',
  created_at: '2026-05-20 18:56:08',
  is_split_link: 'false',
  is_dispute: 'false',
  is_refund: 'false',
  payment_method: null,
  transaction_type: 'Basic'
}

const ODD: unknown[] = [
  undefined, null, '', ' ', '0', '1', '-1', '007', '12.5', '12.50', '12.505', '-0.00', '-0', '12,50', '1e3', '+5', '5.', '.5',
  '99999999999999', '9999999999999.99', '90071992547409.91', ' 12.50', '12.50 ', 'abc', ' 42 ', '４２', 'true', 'TRUE', ' yes ',
  'No', 'false', 'maybe', true, false, 0, 1, 2, -1, 12.5, 0.29, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 53, NaN, Infinity,
  '2026-05-20 18:56:08', '2026-05-20T18:56:08', ' 2026-05-20 18:56:08 ', '2026-05-20  18:56:08', '2026-5-20 18:56:08',
  '20.05.2026', '2026-05-20 18:56:08Z', 'Refund', 'Dispute Refund', {}, [], ['1']
]

function compare(row: unknown): void {
  const fast = readPayInRowFast(row)
  const slow = parsePayInRowWithSchema(row)
  if (fast === UNSURE) return
  expect(slow.ok, JSON.stringify(row)).toBe(true)
  if (slow.ok) {
    expect(fast).toEqual(slow.value)
    // Same keys in the same order: one object shape for every row.
    expect(Object.keys(fast)).toEqual(Object.keys(slow.value))
  }
}

describe('pay-in row fast path', () => {
  it('reads the documented example itself (the common case never reaches zod)', () => {
    expect(readPayInRowFast(base)).not.toBe(UNSURE)
    expect(readPayInRowFast({ ...base, created_at: '2026-05-20T18:56:08', is_refund: 'True', amount: '-25.00' })).toMatchObject({
      createdAt: '2026-05-20 18:56:08',
      isRefund: true,
      amount: -2500
    })
  })

  it('agrees with the schema for every odd value in every field', () => {
    for (const field of Object.keys(base)) {
      for (const value of ODD) {
        compare({ ...base, [field]: value })
        const without = { ...base }
        delete without[field]
        compare(without)
      }
    }
  })

  it('agrees with the schema for pairs of odd values', () => {
    const fields = Object.keys(base)
    const few = ODD.filter((_, i) => i % 7 === 0)
    for (const a of fields) for (const b of fields) for (const va of few) for (const vb of few) compare({ ...base, [a]: va, [b]: vb })
  })

  it('leaves rows that are not plain objects to the schema', () => {
    for (const raw of ['x', 1, null, [base], Object.assign(Object.create(null) as object, base)]) expect(readPayInRowFast(raw)).toBe(UNSURE)
  })

  it('reads each row of a page as the schema does when the account columns repeat, change and go missing', () => {
    // A page shares repeated values between its rows (one string per value): each row must still
    // carry its own values, whatever the rows before it held.
    const variants: Record<string, unknown>[] = [
      base,
      { ...base, pay_id: '2' },
      { ...base, pay_id: '3', creator_id: 'c2', user_id: null, transaction_type: 'Refund', amount: '-5.00', is_refund: 'true' },
      { ...base, pay_id: '4', creator_id: '', user_id: 'u2', transaction_type: 'Dispute Refund' },
      { ...base, pay_id: '5', creator_id: null, transaction_type: undefined },
      { ...base, pay_id: '6' },
      { ...base, pay_id: '7', user_id: 'u2', creator_id: 'c2' },
      { ...base, pay_id: '8', user_id: ' u2 ', creator_id: 'c2' }
    ]
    // Every order of a few of them, so each value follows each other value.
    for (let shift = 0; shift < variants.length; shift++) {
      const data = [...variants.slice(shift), ...variants.slice(0, shift), ...variants.slice(shift).reverse()]
      const page = parsePayInPage({ data })
      expect(page.ok).toBe(true)
      if (!page.ok) continue
      page.value.rows.forEach((row, i) => {
        const slow = parsePayInRowWithSchema(data[i])
        expect(slow.ok).toBe(true)
        if (slow.ok) expect(row, JSON.stringify(data[i])).toEqual(slow.value)
      })
    }
  })

  it('reports a malformed row with the schema words, whatever the path', () => {
    const page = parsePayInPage({ data: [base, { ...base, amount: '12,50' }] })
    expect(page).toMatchObject({ ok: false, rowIndex: 1, field: 'amount', detail: 'row 1, field amount: invalid amount (not_a_number)' })
  })
})

const payoutBase: Record<string, unknown> = {
  payout_id: '18204',
  user_id: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
  transaction_id: '20241026-po-QRxbbs7z9n',
  payout_amount: '1234.56',
  service_fee: '12.34',
  net_amount: '1222.22',
  payout_status: 'Paid',
  request_date: '2026-05-21',
  created_at: '2026-05-29 06:00:00',
  is_split_link: 'false',
  is_dispute: 'false',
  is_refund: 'false',
  transaction_type: 'Basic'
}
const ODD_DATES: unknown[] = ['2026-05-21', ' 2026-05-21', '2026-5-21', '2026-05-21 00:00:00', '21.05.2026', '2026/05/21', '2026-05-2a']

function comparePayout(row: unknown): void {
  const fast = readPayOutRowFast(row)
  const slow = parsePayOutRowWithSchema(row)
  if (fast === UNSURE) return
  expect(slow.ok, JSON.stringify(row)).toBe(true)
  if (slow.ok) {
    expect(fast).toEqual(slow.value)
    expect(Object.keys(fast)).toEqual(Object.keys(slow.value))
  }
}

describe('payout row fast path', () => {
  it('reads a usual row itself', () => {
    expect(readPayOutRowFast(payoutBase)).toMatchObject({ payoutId: '18204', payoutAmount: 123456, requestDate: '2026-05-21', isRefund: false })
  })

  it('reads amounts sent as JSON numbers itself, as exactly as the schema (how SecPaid sends payout amounts)', () => {
    const row = { ...payoutBase, payout_amount: 337574.04, service_fee: 10268.6, net_amount: -0.29 }
    expect(readPayOutRowFast(row)).toMatchObject({ payoutAmount: 33757404, serviceFee: 1026860, netAmount: -29 })
    comparePayout(row)
    for (const n of [0.1 + 0.2, 1e21, 1e-7, 12.345, -0]) comparePayout({ ...payoutBase, service_fee: n })
    expect(readPayOutRowFast({ ...payoutBase, service_fee: 0.1 + 0.2 })).toBe(UNSURE)
  })

  it('agrees with the schema for every odd value in every field, alone and in pairs', () => {
    const odd = [...ODD, ...ODD_DATES]
    for (const field of Object.keys(payoutBase)) {
      for (const value of odd) {
        comparePayout({ ...payoutBase, [field]: value })
        const without = { ...payoutBase }
        delete without[field]
        comparePayout(without)
      }
    }
    const fields = Object.keys(payoutBase)
    const few = odd.filter((_, i) => i % 7 === 0)
    for (const a of fields) for (const b of fields) for (const va of few) for (const vb of few) comparePayout({ ...payoutBase, [a]: va, [b]: vb })
  })

  it('leaves rows that are not plain objects to the schema, and reports a bad row in its words', () => {
    for (const raw of ['x', 1, null, [payoutBase]]) expect(readPayOutRowFast(raw)).toBe(UNSURE)
    const page = parsePayOutPage({ data: [payoutBase, { ...payoutBase, request_date: '21.05.2026' }] })
    expect(page).toMatchObject({ ok: false, rowIndex: 1, field: 'request_date' })
  })
})

describe('envelope fast path', () => {
  const envBase: Record<string, unknown> = { ResponseCode: 1, ResponseMsg: 'ok', Result: 'True', ServerTime: 'CEST' }
  const ENV_ODD: unknown[] = [...ODD, -5, 1.5, '1', ' 1 ', 'True ', 'FALSE']

  it('gives what the schema gives, or leaves the reply to it', () => {
    for (const field of Object.keys(envBase)) {
      for (const value of ENV_ODD) {
        for (const body of [{ ...envBase, [field]: value }, Object.fromEntries(Object.entries(envBase).filter(([k]) => k !== field))]) {
          const slow = parseEnvelopeWithSchema(body)
          const got = parseEnvelope(body)
          // Same acceptance and the same value; a refusal keeps the schema's words.
          expect(got, JSON.stringify(body)).toEqual(slow)
        }
      }
    }
  })
})
