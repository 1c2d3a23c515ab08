/**
 * Defence in depth for docs/architecture.md#the-api-key-never-leaves-main: errors thrown by
 * injected code (the key validator, a SecretStore) should never contain the key, but if one does,
 * cut it out before the error leaves this module. The error object itself is kept, so `instanceof
 * AuthError` still works upstream.
 */

import { redact } from '../secpaid/redact'

/** True if `text` holds the secret in any spelling redact() removes. */
const holds = (text: string, secret: string): boolean => redact(text, secret) !== text

/** Removes `secret` from message, stack and own string properties of `err` (and its causes). */
export function redactErrorInPlace(err: unknown, secret: string, depth = 3): void {
  if (depth <= 0 || secret.length === 0 || typeof err !== 'object' || err === null) return
  // message and stack are own (non-enumerable) properties on Error instances.
  for (const prop of Object.getOwnPropertyNames(err)) {
    const descriptor = Object.getOwnPropertyDescriptor(err, prop)
    if (!descriptor || !('value' in descriptor)) continue
    const value: unknown = descriptor.value
    if (typeof value === 'string' && holds(value, secret)) {
      if (descriptor.configurable || descriptor.writable) {
        Object.defineProperty(err, prop, { ...descriptor, value: redact(value, secret) })
      }
    } else if (prop === 'cause') {
      redactErrorInPlace(value, secret, depth - 1)
    }
  }
}

/** True if `secret` still appears in any own string property of `err` or its causes. */
function mentions(err: unknown, secret: string, depth = 3): boolean {
  if (depth <= 0 || typeof err !== 'object' || err === null) return typeof err === 'string' && holds(err, secret)
  return Object.getOwnPropertyNames(err).some((prop) => {
    const value: unknown = Object.getOwnPropertyDescriptor(err, prop)?.value
    if (typeof value === 'string') return holds(value, secret)
    return prop === 'cause' && mentions(value, secret, depth - 1)
  })
}

/**
 * Returns `err` with `secret` removed, or, if that is impossible (frozen object, a thrown string
 * holding the key), a plain replacement error that says details were withheld.
 */
export function sanitizeError(err: unknown, secret: string): unknown {
  if (secret.length === 0) return err
  redactErrorInPlace(err, secret)
  if (!mentions(err, secret)) return err
  return new Error('The operation failed; details were withheld because they contained the API key.')
}
