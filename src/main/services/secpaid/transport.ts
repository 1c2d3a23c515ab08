/**
 * One HTTP attempt against the SecPaid v2 API, and the mapping of its outcome to typed errors
 * (docs/secpaid-api.md#requests, docs/secpaid-api.md#reading-a-reply). No retries and no rate
 * limiting here; see client.ts.
 *
 * Security (docs/architecture.md#the-api-key-never-leaves-main): the key goes only into the `token`
 * header of requests to the validated base URL (ky `prefixUrl`, endpoint names restricted to
 * letters, redirects never followed since fetch would forward the custom `token` header to the new
 * location). ky/fetch errors are never attached to our errors because they carry the Request and
 * its headers.
 */
import ky, { TimeoutError } from 'ky'
import { validateBaseUrl } from './environments'
import { parseRetryAfter } from './backoff'
import {
  ApiRejection,
  AuthError,
  InvalidInputError,
  NetworkError,
  ProtocolError,
  RateLimited,
  RequestAborted,
  ServerError,
  excerpt,
  type RefundRejectionCode,
  type SecpaidEndpoint
} from './errors'
import { isAuthFailureMessage } from './refund-rejection'
import { parseEnvelope, type Envelope } from './wire-schemas'
import { DEFAULT_TIMEOUT_MS } from './timeouts'

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>
export type BodyEncoding = 'form' | 'json'
/**
 * Values are already wire strings (amounts via formatApiAmount, ids as digits); booleans stay typed
 * for JSON.
 */
export type RequestParams = Record<string, string | boolean | undefined>

export { DEFAULT_TIMEOUT_MS }

export interface TransportOptions {
  baseUrl: string
  apiKey: string
  fetch?: FetchLike
  timeoutMs?: number
  bodyEncoding?: BodyEncoding
  appVersion?: string
  now?: () => number
}

export interface PostOptions {
  signal?: AbortSignal
  /** Classifies a ResponseCode-0 message that is not an auth failure. */
  classifyRejection?: (message: string) => RefundRejectionCode
}

export interface TransportReply {
  status: number
  envelope: Envelope
  body: Record<string, unknown>
  /** For ProtocolErrors raised by the caller while reading `body` (computed when first read). */
  readonly excerpt: string
}

export interface Transport {
  readonly baseUrl: string
  post(endpoint: SecpaidEndpoint, params: RequestParams, options?: PostOptions): Promise<TransportReply>
}

/** Connection errors that prove the request never left this machine. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  // Electron net.fetch (Chromium net error names)
  'ERR_CONNECTION_REFUSED',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_CERT_AUTHORITY_INVALID',
  'ERR_CERT_COMMON_NAME_INVALID',
  'ERR_CERT_DATE_INVALID',
  'ERR_PROXY_CONNECTION_FAILED'
])

/** A short error code from a fetch failure (undici `cause.code`, or Chromium's `net::ERR_…`). */
export function fetchFailureCode(err: unknown): string | null {
  if (!(err instanceof Error)) return null
  const net = /net::(ERR_[A-Z_]+)/.exec(err.message)
  if (net?.[1]) return net[1]
  const cause: unknown = (err as { cause?: unknown }).cause
  if (typeof cause === 'object' && cause !== null) {
    const code: unknown = (cause as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z0-9_]{2,60}$/.test(code)) return code
    const inner: unknown = (cause as { errors?: unknown }).errors
    if (Array.isArray(inner)) {
      const first: unknown = inner[0]
      const c: unknown = typeof first === 'object' && first !== null ? (first as { code?: unknown }).code : null
      if (typeof c === 'string' && /^[A-Z0-9_]{2,60}$/.test(c)) return c
    }
  }
  return null
}

function encodeBody(params: RequestParams, encoding: BodyEncoding): { body?: URLSearchParams; json?: unknown } {
  const entries = Object.entries(params).filter((e): e is [string, string | boolean] => e[1] !== undefined)
  if (encoding === 'json') return { json: Object.fromEntries(entries) }
  const form = new URLSearchParams()
  for (const [k, v] of entries) form.set(k, String(v))
  return { body: form }
}

/**
 * ky clones the Request (for retries it will not do here) and, when done, cancels the clone's
 * body; a tee'd body only finishes cancelling once the other branch is consumed or cancelled
 * too. A fetch that returns or fails without reading the body would leave ky waiting forever,
 * so release the body ourselves once fetch has settled.
 */
function releaseRequestBody(fetchImpl: FetchLike): FetchLike {
  return async (input, init) => {
    try {
      return await fetchImpl(input, init)
    } finally {
      if (input instanceof Request && !input.bodyUsed && input.body && !input.body.locked) {
        // Not awaited: a tee branch's cancel settles only when ky cancels the other branch.
        void input.body.cancel().catch(() => undefined)
      }
    }
  }
}

export function createTransport(options: TransportOptions): Transport {
  const baseUrl = validateBaseUrl(options.baseUrl)
  const apiKey = options.apiKey
  // Headers() would echo an invalid value in its TypeError; check first and never quote the key.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new InvalidInputError('apiKey', 'must be non-empty printable ASCII without spaces')
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const encoding = options.bodyEncoding ?? 'form'
  const now = options.now ?? Date.now
  const http = ky.create({
    prefixUrl: baseUrl,
    fetch: releaseRequestBody(options.fetch ?? globalThis.fetch.bind(globalThis)),
    headers: {
      token: apiKey,
      Accept: 'application/json',
      'User-Agent': `SecPaidDesk/${options.appVersion ?? '0.0.0-dev'}`
    },
    retry: 0,
    // Our own timer covers the whole exchange including reading the body (ky's covers headers only).
    timeout: false,
    throwHttpErrors: false,
    redirect: 'manual',
    credentials: 'omit'
  })

  async function post(
    endpoint: SecpaidEndpoint,
    params: RequestParams,
    postOptions: PostOptions = {}
  ): Promise<TransportReply> {
    if (!/^[A-Za-z]+$/.test(endpoint)) throw new InvalidInputError('endpoint', 'must be a bare endpoint name')
    const userSignal = postOptions.signal
    if (userSignal?.aborted) throw new RequestAborted()

    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const onUserAbort = (): void => controller.abort()
    userSignal?.addEventListener('abort', onUserAbort, { once: true })

    let status: number
    let text: string
    let retryAfter: string | null
    let redirected: boolean
    try {
      const response = await http.post(endpoint, { ...encodeBody(params, encoding), signal: controller.signal })
      status = response.status
      retryAfter = response.headers.get('retry-after')
      redirected = response.type === 'opaqueredirect' || (status >= 300 && status < 400)
      text = redirected || status === 429 ? '' : await response.text()
    } catch (err) {
      if (timedOut || err instanceof TimeoutError) throw new NetworkError(true, true, 'TIMEOUT')
      if (userSignal?.aborted) throw new RequestAborted()
      const code = fetchFailureCode(err)
      throw new NetworkError(false, code === null || !NOT_SENT_CODES.has(code), code)
    } finally {
      clearTimeout(timer)
      userSignal?.removeEventListener('abort', onUserAbort)
    }

    // docs/secpaid-api.md#reading-a-reply: 429 first, then "is it JSON", then the envelope, then the status.
    if (status === 429) throw new RateLimited(parseRetryAfter(retryAfter, now()))
    if (redirected) throw new ProtocolError(`redirect (HTTP ${status}) not followed`, status, '')
    // Only errors carry the excerpt: redacting 64 KB of every good page cost a sync of 200 pages
    // more CPU than parsing them.
    let shortText: string | null = null
    const short = (): string => (shortText ??= excerpt(text, apiKey))
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      if (status >= 500) throw new ServerError(status, short())
      throw new ProtocolError(`reply is not JSON (HTTP ${status})`, status, short())
    }
    const envelope = parseEnvelope(json)
    if (!envelope.ok) {
      if (status >= 500) throw new ServerError(status, short())
      throw new ProtocolError(envelope.detail, status, short(), null, envelope.field)
    }
    const env = envelope.value
    if (!env.success) {
      // Business errors win regardless of HTTP status (docs/secpaid-api.md#business-errors-and-http-status).
      const message = excerpt(env.message, apiKey, 500)
      if (isAuthFailureMessage(message)) throw new AuthError(message)
      const code = postOptions.classifyRejection?.(message) ?? 'unknown'
      throw new ApiRejection(endpoint, code, message, status)
    }
    if (status >= 500) throw new ServerError(status, short())
    if (status < 200 || status >= 300) {
      throw new ProtocolError(`success envelope with HTTP ${status}`, status, short())
    }
    return {
      status,
      envelope: env,
      body: json as Record<string, unknown>,
      get excerpt() {
        return short()
      }
    }
  }

  return { baseUrl, post }
}
