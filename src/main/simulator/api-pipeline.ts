/**
 * HTTP handling of /api/v2/*: method and route checks, body decoding, faults, rate limit, auth,
 * then the pure route handler. Order matters and mirrors a typical gateway: latency → 429 →
 * injected 5xx → auth → handler → reply faults (wrong shape / truncated JSON / drop / hang).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { API_ROUTES, type ApiContext } from './api-routes'
import { nowMs, serverTime, type SimulatorCore } from './core'
import { AUTH_MESSAGES, errorEnvelope, TOO_MANY, type Envelope } from './envelope'
import { faultsFor, takeOne } from './faults'
import { BodyTooLargeError, parseParams, readBody, type Params } from './request-body'
import { redactParams } from './request-log'

interface Reply {
  status: number
  body: string
  contentType: string
  headers?: Record<string, string>
  fault?: string
  responseCode: number | null
  /** Destroy the socket instead of answering. */
  drop?: boolean
  /** Index of the merchant whose key the request carried (when it carried a known one). */
  merchant?: number
}

const json = (status: number, env: Envelope, extra: Partial<Reply> = {}): Reply => ({
  status,
  body: JSON.stringify(env),
  contentType: 'application/json',
  responseCode: env.ResponseCode,
  ...extra
})

const STATUS_TEXT: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }

function htmlError(status: number, fault = 'errorRate'): Reply {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  return { status, body, contentType: 'text/html; charset=utf-8', responseCode: null, fault }
}

function tooMany(core: SimulatorCore, computedSeconds: number, fault: string): Reply {
  const f = core.faults
  const headers: Record<string, string> = {}
  if (!f.omitRetryAfter) headers['Retry-After'] = String(f.retryAfterSeconds ?? computedSeconds)
  // The brief body: envelope without ServerTime, as Laravel's throttle answer would be wrapped.
  return json(429, errorEnvelope(TOO_MANY), { headers, fault })
}

/** Valid JSON that no SecPaid parser should accept: no envelope fields, data is a string. */
function wrongShape(env: Envelope): string {
  return JSON.stringify({ data: 'unexpected', ResponseMsg: 42, status: env.ResponseCode === 1 ? 'ok' : 'error' })
}

async function decide(core: SimulatorCore, req: IncomingMessage, endpoint: string, params: Params, signal: AbortSignal): Promise<Reply> {
  const f = faultsFor(core.faults, endpoint)
  if (f.latencyMs > 0) await sleep(f.latencyMs, undefined, { signal })
  const tokenHeader = req.headers['token']
  const token = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader
  if (takeOne(f, 'force429')) return tooMany(core, 1, 'force429')
  if (f.rateLimitPerMinute !== null) {
    const admitted = core.rate.admit(token || `ip:${req.socket.remoteAddress ?? ''}`, f.rateLimitPerMinute, nowMs(core))
    if (!admitted.ok) return tooMany(core, admitted.retryAfterSeconds, 'rateLimit')
  }
  // Both before the handler: nothing is committed (unlike dropAfterRefundCommit).
  if (takeOne(f, 'resetConnection')) {
    return { status: 0, body: '', contentType: '', responseCode: null, drop: true, fault: 'resetConnection' }
  }
  if (takeOne(f, 'forceHtmlError')) return htmlError(f.forceHtmlErrorStatus, 'forceHtmlError')
  if (f.errorRate > 0 && core.faultPrng.next() < f.errorRate) {
    return htmlError([500, 502, 503][Math.floor(core.faultPrng.next() * 3)] ?? 500)
  }
  const errorStatus = f.errorHttpStatus ?? 200
  const st = serverTime(core)
  // docs/secpaid-api.md#business-errors-and-http-status: business/auth errors use HTTP 200 unless
  // errorHttpStatus says otherwise.
  if (!token) return json(errorStatus, errorEnvelope(AUTH_MESSAGES.missing, st))
  const merchant = core.merchants.get(token)
  if (f.authFailure || merchant === undefined) {
    return json(errorStatus, errorEnvelope(AUTH_MESSAGES.wrong, st), f.authFailure ? { fault: 'authFailure' } : {})
  }
  const handler = Object.hasOwn(API_ROUTES, endpoint) ? API_ROUTES[endpoint] : undefined
  if (!handler) return json(404, errorEnvelope('Endpoint not found', st))
  const ctx: ApiContext = { store: merchant.store, payouts: merchant.payouts, nowMs: nowMs(core), serverTime: st }
  const env = handler(ctx, params)
  const status = env.ResponseCode === 1 ? 200 : errorStatus
  // The drop happens after the handler ran: a valid refund request is committed
  // (docs/secpaid-api.md#no-idempotency).
  const by = { merchant: merchant.index }
  if (endpoint === 'refundPayment' && takeOne(f, 'dropAfterRefundCommit')) {
    return { status: 0, body: '', contentType: '', responseCode: env.ResponseCode, drop: true, fault: 'dropAfterRefundCommit', ...by }
  }
  if (takeOne(f, 'wrongShape')) return { ...json(status, env), body: wrongShape(env), fault: 'wrongShape', ...by }
  if (takeOne(f, 'malformedJson')) {
    const full = JSON.stringify(env)
    return { ...json(status, env), body: full.slice(0, Math.max(1, Math.floor(full.length / 2))), fault: 'malformedJson', ...by }
  }
  return json(status, env, by)
}

export async function handleApi(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, endpoint: string, signal: AbortSignal): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  let params: Params = {}
  let encoding = 'none'
  let reply: Reply
  if (req.method !== 'POST') {
    // docs/secpaid-api.md#requests: every v2 endpoint is POST.
    reply = json(405, errorEnvelope('Method not allowed', serverTime(core)), { headers: { Allow: 'POST' } })
  } else if (!Object.hasOwn(API_ROUTES, endpoint)) {
    reply = json(404, errorEnvelope('Endpoint not found', serverTime(core)))
  } else {
    try {
      const parsed = parseParams(req.headers['content-type'], await readBody(req), url.searchParams)
      params = parsed.params
      encoding = parsed.encoding
      reply = await decide(core, req, endpoint, params, signal)
    } catch (err) {
      if (signal.aborted) return
      if (!(err instanceof BodyTooLargeError)) throw err
      reply = json(413, errorEnvelope('Request body too large', serverTime(core)))
    }
  }
  core.requestLog.add({
    time: new Date(nowMs(core)).toISOString(),
    method: req.method ?? '',
    path: endpoint,
    encoding,
    params: redactParams(params),
    token: req.headers['token'] ? '[REDACTED]' : null,
    httpStatus: reply.status,
    responseCode: reply.responseCode,
    fault: reply.fault ?? null,
    merchant: reply.merchant ?? null
  })
  core.logLine(`${req.method ?? ''} /api/v2/${endpoint} → ${reply.drop ? 'dropped' : reply.status}${reply.fault ? ` [${reply.fault}]` : ''}`)
  const faults = faultsFor(core.faults, endpoint)
  if (faults.hangMs > 0) await sleep(faults.hangMs, undefined, { signal }).catch(() => undefined)
  if (reply.drop || res.destroyed || signal.aborted) {
    req.socket.destroy()
    return
  }
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body), ...reply.headers })
  const trickleMs = faults.trickleMs
  if (trickleMs <= 0) {
    res.end(reply.body)
    return
  }
  // Headers at once, then the body in about 20 pieces: a client timer that only covers the headers
  // would wait forever on a real slow link.
  const bytes = Buffer.from(reply.body)
  const piece = Math.max(16, Math.ceil(bytes.length / 20))
  for (let at = 0; at < bytes.length; at += piece) {
    if (res.destroyed || signal.aborted) return
    res.write(bytes.subarray(at, at + piece))
    await sleep(trickleMs, undefined, { signal }).catch(() => undefined)
  }
  if (!res.destroyed) res.end()
}
