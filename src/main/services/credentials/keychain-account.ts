/**
 * Which keychain account holds an environment's key.
 *
 * Production and development have fixed servers, so the environment id is the account. A custom
 * server is whatever SECPAID_API_BASE names at start, and that can change between runs: a key
 * proven against one server must never be read — and so never sent — when the app runs against
 * another. So the custom account carries the normalised base URL it was validated against, and
 * a run against another URL simply finds no key for its server.
 *
 * Keys stored by earlier versions under the bare `custom` account say nothing about their server;
 * they are never read (the user enters the key again for the server in use).
 */
import type { EnvironmentId } from '@shared/domain'
import { BaseUrlError } from '../secpaid/errors'
import { validateBaseUrl } from '../secpaid/environments'

/** Where earlier versions kept the custom key, for every server alike. Never read. */
export const UNBOUND_CUSTOM_ACCOUNT = 'custom'

/** `custom:<normalised base URL>` for custom; the environment id otherwise. */
export function keychainAccount(env: EnvironmentId, customBaseUrl: string | null): string {
  if (env !== 'custom') return env
  if (customBaseUrl === null) throw new BaseUrlError('the custom environment needs a base URL (SECPAID_API_BASE)')
  return `custom:${validateBaseUrl(customBaseUrl)}`
}
