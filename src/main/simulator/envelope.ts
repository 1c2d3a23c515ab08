/** The response envelope every SecPaid reply carries (docs/secpaid-api.md#the-response-envelope). */

export interface Envelope {
  ResponseCode: 0 | 1
  ResponseMsg: string
  Result: 'True' | 'False'
  ServerTime?: string
  [extra: string]: unknown
}

export function okEnvelope(serverTime: string, message: string, data: Record<string, unknown> = {}): Envelope {
  // Field order as in the doc examples: data first, envelope last.
  return { ...data, ResponseCode: 1, ResponseMsg: message, Result: 'True', ServerTime: serverTime }
}

export function errorEnvelope(message: string, serverTime?: string): Envelope {
  const env: Envelope = { ResponseCode: 0, ResponseMsg: message, Result: 'False' }
  if (serverTime !== undefined) env.ServerTime = serverTime
  return env
}

export const AUTH_MESSAGES = {
  missing: 'Please enter token',
  wrong: 'Incorrect token or missing token'
} as const

export const TOO_MANY = 'Too Many Attempts.'
export const LIST_OK = 'List retrived successfully' // sic, new reference
