/**
 * The one definition of a valid pay_id, shared by the IPC contract, the SecPaid client's input
 * checks and the refund service, so that no layer accepts an id another layer refuses.
 *
 * Digits only, at most 18 (the SecPaid client's long-standing limit; 18 digits also stay below
 * 2^63, so the id fits a signed 64-bit integer on any server side).
 */
export const PAY_ID_PATTERN = /^\d{1,18}$/

export function isPayId(value: unknown): value is string {
  return typeof value === 'string' && PAY_ID_PATTERN.test(value)
}
