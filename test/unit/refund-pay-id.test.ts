import { describe, expect, it } from 'vitest'
import { checkPayId } from '../../src/main/services/secpaid/validate'
import { ipcRequestSchemas } from '../../src/shared/ipc-contract'
import { PAY_ID_PATTERN, isPayId } from '../../src/shared/pay-id'

describe('pay_id: one definition for IPC, client and refund service', () => {
  const ok = ['1', '40001', '9'.repeat(18)]
  const bad = ['', '9'.repeat(19), '9'.repeat(20), '12a', ' 12', '-1', '1.5']

  it('PAY_ID_PATTERN / isPayId: 1–18 digits', () => {
    for (const id of ok) expect(isPayId(id), id).toBe(true)
    for (const id of bad) expect(isPayId(id), id).toBe(false)
    expect(isPayId(40001)).toBe(false)
    expect(PAY_ID_PATTERN.source).toBe('^\\d{1,18}$')
  })

  it('the IPC contract and the client agree with it', () => {
    for (const id of ok) {
      expect(ipcRequestSchemas.getRefundEligibility.safeParse({ payId: id }).success, id).toBe(true)
      expect(checkPayId(id)).toBe(id)
    }
    for (const id of bad) {
      expect(ipcRequestSchemas.getRefundEligibility.safeParse({ payId: id }).success, id).toBe(false)
      expect(() => checkPayId(id)).toThrow()
    }
  })
})
