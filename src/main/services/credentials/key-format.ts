/**
 * Shape checks for a pasted API key, before anything is sent or stored.
 *
 * SecPaid documents no key format (docs/secpaid-api.md#authentication), so we only reject what
 * cannot be a key: empty, whitespace or control characters inside (a paste gone wrong), absurd
 * length. Error messages never echo the input: it may be a real key.
 */

export const MAX_KEY_LENGTH = 512
/** Keeps `last4` in status() from revealing more than half of a key. */
export const MIN_KEY_LENGTH = 8

export type InvalidKeyFormatReason = 'empty' | 'contains_whitespace' | 'invalid_characters' | 'too_short' | 'too_long'

const MESSAGES: Record<InvalidKeyFormatReason, string> = {
  empty: 'The API key is empty.',
  contains_whitespace: 'The API key contains spaces or line breaks. Paste the key exactly as shown by SecPaid.',
  invalid_characters: 'The API key contains invisible control characters. Paste the key exactly as shown by SecPaid.',
  too_short: `The API key is too short (fewer than ${MIN_KEY_LENGTH} characters).`,
  too_long: `The API key is too long (more than ${MAX_KEY_LENGTH} characters).`
}

/** The pasted text cannot be an API key. Carries only the reason, never the text. */
export class InvalidKeyFormatError extends Error {
  readonly kind = 'invalid_key_format' as const
  constructor(readonly reason: InvalidKeyFormatReason) {
    super(MESSAGES[reason])
    this.name = 'InvalidKeyFormatError'
  }
}

/** Trims and checks `raw`; returns the key to use or throws InvalidKeyFormatError. */
export function normalizeApiKey(raw: string): string {
  const key = raw.trim()
  if (key.length === 0) throw new InvalidKeyFormatError('empty')
  if (/\s/.test(key)) throw new InvalidKeyFormatError('contains_whitespace')
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff]/.test(key)) throw new InvalidKeyFormatError('invalid_characters')
  if (key.length > MAX_KEY_LENGTH) throw new InvalidKeyFormatError('too_long')
  if (key.length < MIN_KEY_LENGTH) throw new InvalidKeyFormatError('too_short')
  return key
}
