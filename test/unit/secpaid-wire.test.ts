import { describe, expect, it } from 'vitest'
import { parseEnvelope, parsePayInPage, parsePayOutPage } from '../../src/main/services/secpaid'

// Verbatim examples from SecPaid's documentation (pay-in and pay-out rows).
const payInExample = JSON.parse(`{
  "data": [
    {
      "pay_id": "99296",
      "creator_id": "8654bacd-3d54-4010-069f-3fd9f4436b2",
      "user_id": "b44c4429-4a7b-4e27-85af-c1c2f43f4ffe",
      "transaction_id": "20241026-pi-QRxbbs7z9n",
      "amount": "88.19",
      "net_amount": "84.71",
      "service_fee": "1.33",
      "service_fee_psp": "3.15",
      "status": "Success",
      "recipient_note": "Order TEST2026013557",
      "payout_status": "Pending",
      "created_at": "2026-05-20 18:56:08",
      "is_split_link": "false",
      "is_dispute": "false",
      "is_refund": "false",
      "payment_method": null,
      "transaction_type": "Basic"
    }
  ],
  "totalRecords": 7,
  "expected_payout": "4.02",
  "ResponseCode": 1,
  "ResponseMsg": "List retrived successfully",
  "Result": "True",
  "ServerTime": "CEST"
}`) as Record<string, unknown>

const payOutExample = JSON.parse(`{
  "data": [
    {
      "payout_id": "21503",
      "user_id": "b44c4429-4a7b-4e27-85af-c1c2f43f4ffe",
      "transaction_id": "20260512-po-tYlGbn74wT",
      "payout_amount": "74.06",
      "service_fee": 0.73,
      "net_amount": 71.53,
      "payout_status": "InProgress",
      "request_date": "2026-05-12",
      "created_at": "2026-05-20 02:01:14",
      "is_split_link": "true",
      "is_dispute": "false",
      "is_refund": "false",
      "transaction_type": "Split"
    }
  ],
  "ResponseCode": 1,
  "ResponseMsg": "List retrived successfully",
  "Result": "True",
  "ServerTime": "CEST"
}`) as Record<string, unknown>

function firstRow(body: Record<string, unknown>): Record<string, unknown> {
  return (body['data'] as Record<string, unknown>[])[0] as Record<string, unknown>
}

function withRow(row: Record<string, unknown>): Record<string, unknown> {
  return { ...payInExample, data: [row] }
}

describe('envelope (envelope)', () => {
  it('reads the documented success and error envelopes', () => {
    const ok = parseEnvelope(payInExample)
    expect(ok).toEqual({
      ok: true,
      value: { responseCode: 1, result: true, message: 'List retrived successfully', serverTime: 'CEST', success: true }
    })
    const auth = parseEnvelope(
      JSON.parse('{"ResponseCode": 0, "ResponseMsg": "Incorrect token or missing token", "Result": "False", "ServerTime": "CEST"}')
    )
    expect(auth.ok && auth.value.success).toBe(false)
    expect(auth.ok && auth.value.message).toBe('Incorrect token or missing token')
  })

  it('tolerates ResponseCode as a numeric string, Result as a boolean, missing ServerTime', () => {
    const r = parseEnvelope({ ResponseCode: '1', Result: true, ResponseMsg: 'x' })
    expect(r.ok && r.value).toMatchObject({ responseCode: 1, success: true, serverTime: null })
    const f = parseEnvelope({ ResponseCode: '0', Result: false, ResponseMsg: 'no' })
    expect(f.ok && f.value.success).toBe(false)
  })

  it('requires both ResponseCode 1 and Result True for success', () => {
    const r = parseEnvelope({ ResponseCode: 1, Result: 'False', ResponseMsg: '' })
    expect(r.ok && r.value.success).toBe(false)
  })

  it('rejects replies without a ResponseCode or that are not objects', () => {
    expect(parseEnvelope({ Result: 'True' }).ok).toBe(false)
    expect(parseEnvelope([1, 2]).ok).toBe(false)
    expect(parseEnvelope('hello').ok).toBe(false)
    expect(parseEnvelope({ ResponseCode: 'yes', Result: 'True' }).ok).toBe(false)
  })
})

describe('pay-in rows (getPayInTransactions)', () => {
  it('parses the reference example verbatim', () => {
    const page = parsePayInPage(payInExample)
    expect(page).toEqual({
      ok: true,
      value: {
        totalRecords: 7,
        expectedPayout: 402,
        rows: [
          {
            payId: '99296',
            transactionId: '20241026-pi-QRxbbs7z9n',
            creatorId: '8654bacd-3d54-4010-069f-3fd9f4436b2',
            userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
            amount: 8819,
            netAmount: 8471,
            serviceFee: 133,
            serviceFeePsp: 315,
            status: 'Success',
            recipientNote: 'Order TEST2026013557',
            payoutStatus: 'Pending',
            createdAt: '2026-05-20 18:56:08',
            isSplitLink: false,
            isDispute: false,
            isRefund: false,
            paymentMethod: null,
            transactionType: 'Basic'
          }
        ]
      }
    })
  })

  it('keeps a negative fee ("service_fee": "-0.10") and negative refund amounts', () => {
    const page = parsePayInPage(
      withRow({ ...firstRow(payInExample), service_fee: '-0.10', amount: '-25.00', transaction_type: 'Refund', is_refund: 'true' })
    )
    expect(page.ok && page.value.rows[0]).toMatchObject({ serviceFee: -10, amount: -2500, isRefund: true, transactionType: 'Refund' })
  })

  it('treats a missing transaction_id / creator_id and a null payment_method as null', () => {
    const row = { ...firstRow(payInExample) }
    delete row['transaction_id']
    delete row['creator_id']
    const page = parsePayInPage(withRow(row))
    expect(page.ok && page.value.rows[0]).toMatchObject({ transactionId: null, creatorId: null, paymentMethod: null })
  })

  it('accepts number amounts and ids, real booleans and "1"/"0"', () => {
    const page = parsePayInPage(
      withRow({ ...firstRow(payInExample), pay_id: 44116, amount: 88.19, net_amount: 84.7, is_split_link: true, is_dispute: '1', is_refund: 0 })
    )
    expect(page.ok && page.value.rows[0]).toMatchObject({
      payId: '44116',
      amount: 8819,
      netAmount: 8470,
      isSplitLink: true,
      isDispute: true,
      isRefund: false
    })
  })

  it('keeps unknown transaction_type and status values verbatim', () => {
    const page = parsePayInPage(withRow({ ...firstRow(payInExample), transaction_type: 'Chargeback Fee', status: 'Disputed' }))
    expect(page.ok && page.value.rows[0]).toMatchObject({ transactionType: 'Chargeback Fee', status: 'Disputed' })
  })

  it('reads the how-to example fields (payment_method "card", "Bank Transfer")', () => {
    const page = parsePayInPage(withRow({ ...firstRow(payInExample), payment_method: 'Bank Transfer' }))
    expect(page.ok && page.value.rows[0]?.paymentMethod).toBe('Bank Transfer')
  })

  it('treats a missing/null data as an empty page and totals as optional', () => {
    expect(parsePayInPage({ ResponseCode: 1, Result: 'True' })).toEqual({
      ok: true,
      value: { rows: [], totalRecords: null, expectedPayout: null }
    })
    expect(parsePayInPage({ data: null, totalRecords: '12' })).toMatchObject({ ok: true, value: { rows: [], totalRecords: 12 } })
  })

  it('rejects the whole page on a malformed row, naming the row index and field', () => {
    const good = firstRow(payInExample)
    const page = parsePayInPage({ ...payInExample, data: [good, good, { ...good, amount: '12,50' }] })
    expect(page.ok).toBe(false)
    if (!page.ok) {
      expect(page.rowIndex).toBe(2)
      expect(page.field).toBe('amount')
      expect(page.detail).toContain('row 2')
    }
    const noPayId = parsePayInPage(withRow({ ...good, pay_id: 'abc' }))
    expect(noPayId.ok === false && noPayId.field).toBe('pay_id')
    const badFlag = parsePayInPage(withRow({ ...good, is_refund: 'maybe' }))
    expect(badFlag.ok === false && badFlag.field).toBe('is_refund')
    const badTime = parsePayInPage(withRow({ ...good, created_at: '20.05.2026' }))
    expect(badTime.ok === false && badTime.field).toBe('created_at')
    const notObject = parsePayInPage({ data: [good, 'x'] })
    expect(notObject.ok === false && notObject.rowIndex).toBe(1)
  })

  it('rejects a data field that is not an array', () => {
    const r = parsePayInPage({ data: { pay_id: '1' } })
    expect(r.ok === false && r.field).toBe('data')
  })
})

describe('pay-out rows (getPayOutTransactions)', () => {
  it('parses the example verbatim, with number fees', () => {
    expect(parsePayOutPage(payOutExample)).toEqual({
      ok: true,
      value: {
        totalRecords: null,
        rows: [
          {
            payoutId: '21503',
            userId: 'b44c4429-4a7b-4e27-85af-c1c2f43f4ffe',
            transactionId: '20260512-po-tYlGbn74wT',
            payoutAmount: 7406,
            serviceFee: 73,
            netAmount: 7153,
            payoutStatus: 'InProgress',
            requestDate: '2026-05-12',
            createdAt: '2026-05-20 02:01:14',
            isSplitLink: true,
            isDispute: false,
            isRefund: false,
            transactionType: 'Split'
          }
        ]
      }
    })
  })

  it('tolerates 0.29 as a number fee exactly (no float error)', () => {
    const row = { ...firstRow(payOutExample), service_fee: 0.29, net_amount: 1.005e2 }
    const r = parsePayOutPage({ data: [row] })
    expect(r.ok && r.value.rows[0]).toMatchObject({ serviceFee: 29, netAmount: 10050 })
  })

  it('rejects a bad payout row by index', () => {
    const r = parsePayOutPage({ data: [{ ...firstRow(payOutExample), payout_amount: null }] })
    expect(r).toMatchObject({ ok: false, rowIndex: 0, field: 'payout_amount' })
  })
})
