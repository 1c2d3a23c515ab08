/**
 * SecPaid environments and base-URL validation (docs/secpaid-api.md#environments-and-base-urls,
 * docs/architecture.md#environments-are-separate).
 *
 * The key may only ever go to a validated base URL: https anywhere, plain http only to loopback
 * (the simulator). The path must be the v2 API root (`…/api/v2/`).
 */
import type { EnvironmentId } from '@shared/domain'
import { BaseUrlError } from './errors'

export const PRODUCTION_BASE_URL = 'https://app.secpaid.com/api/v2/'
export const DEVELOPMENT_BASE_URL = 'https://app.dev.secpaid.com/api/v2/'

/** True for 127.0.0.0/8, ::1 and `localhost` (a WHATWG-normalised hostname). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase()
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  if (!m) return false
  const octets = m.slice(1).map(Number)
  return octets[0] === 127 && octets.every((o) => o <= 255)
}

/**
 * Returns the normalised base URL (origin + path ending in `/api/v2/`) or throws BaseUrlError.
 * `…/api/v2` without the trailing slash is accepted and normalised.
 */
export function validateBaseUrl(raw: string): string {
  const text = raw.trim()
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new BaseUrlError('not an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BaseUrlError(`scheme ${url.protocol} is not allowed`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new BaseUrlError('plain http is only allowed for loopback hosts (127.0.0.1, ::1, localhost)')
  }
  if (url.username !== '' || url.password !== '') throw new BaseUrlError('user info is not allowed')
  // URL drops an empty "?" / "#", so look at the raw text too.
  if (url.search !== '' || text.includes('?')) throw new BaseUrlError('a query string is not allowed')
  if (url.hash !== '' || text.includes('#')) throw new BaseUrlError('a fragment is not allowed')
  let path = url.pathname
  if (!path.endsWith('/')) path += '/'
  if (!path.endsWith('/api/v2/')) throw new BaseUrlError('the path must end with /api/v2/')
  if (path.includes('//')) throw new BaseUrlError('the path must not contain empty segments')
  return `${url.origin}${path}`
}

export interface ResolveBaseUrlOptions {
  /** Required for `demo` (the simulator's URL) and `custom` (from SECPAID_API_BASE). */
  customBase?: string
}

/**
 * Production and development have fixed URLs; a custom base given for them is refused rather
 * than silently used, so a production key can never be redirected by a stray env variable.
 */
export function resolveBaseUrl(env: EnvironmentId, options: ResolveBaseUrlOptions = {}): string {
  switch (env) {
    case 'production':
    case 'development':
      if (options.customBase !== undefined) {
        throw new BaseUrlError(`a custom base URL cannot be used with the ${env} environment`)
      }
      return env === 'production' ? PRODUCTION_BASE_URL : DEVELOPMENT_BASE_URL
    case 'demo':
    case 'custom':
      if (options.customBase === undefined || options.customBase.trim() === '') {
        throw new BaseUrlError(`the ${env} environment needs a base URL`)
      }
      {
        const url = validateBaseUrl(options.customBase)
        if (env === 'demo' && !isLoopbackBaseUrl(url)) {
          throw new BaseUrlError('the demo environment must be a loopback URL')
        }
        return url
      }
  }
}

/** Loopback base URLs (simulator) may use a different (or no) client-side rate limit. */
export function isLoopbackBaseUrl(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname)
  } catch {
    return false
  }
}
