/**
 * /__control/*: the admin side over HTTP, for tests of other modules and the CLI. Plain JSON (not
 * the SecPaid envelope) so it can never be mistaken for the API. Bodies are parsed with zod; every
 * route calls the same in-process admin (admin.ts).
 *
 * A loopback peer alone proves nothing: any web page the developer has open can make the browser
 * send requests to 127.0.0.1, and a DNS-rebound name resolves there too. So every control request
 * must also name the bound address in Host (defeats rebinding), carry no foreign Origin, carry the
 * per-run random token in a custom header (a custom header forces a CORS preflight the simulator
 * never grants), and POST only application/json (no "simple" cross-site form or text/plain body).
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { denySchema, PAYMENT_KINDS, SimulatorAdminError, type SimulatorAdmin } from './admin-types'
import { isLoopbackAddress } from './loopback'
import { BodyTooLargeError, readBody } from './request-body'

type Handler = (admin: SimulatorAdmin, ctx: { body: unknown; query: URLSearchParams; payId?: string }) => unknown

const statusSchema = z.enum(['pending', 'approved', 'denied']).optional()
const paymentsQuerySchema = z.object({
  kind: z.enum(PAYMENT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional()
})

const optional = (v: string | null): string | undefined => (v === null || v === '' ? undefined : v)

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new SimulatorAdminError(400, r.error.message)
  return r.data
}

const ROUTES: Record<string, Handler> = {
  'GET state': (a) => a.state(),
  'GET requests-log': (a, { query }) => {
    const path = optional(query.get('path'))
    const payId = optional(query.get('pay_id'))
    return a.requestLog({ ...(path !== undefined && { path }), ...(payId !== undefined && { payId }) })
  },
  'POST requests-log/clear': (a) => (a.clearRequestLog(), { ok: true }),
  'GET refund-requests': (a, { query }) => a.refundRequests(parse(statusSchema, optional(query.get('status')))),
  'POST refund-requests/:payId/approve': (a, { payId }) => a.approveRefund(payId ?? ''),
  'POST refund-requests/:payId/deny': (a, { payId, body }) => a.denyRefund(payId ?? '', parse(denySchema, body).reason),
  'GET faults': (a) => a.getFaults(),
  // setFaults validates with the zod schema itself.
  'POST faults': (a, { body }) => a.setFaults(body as Parameters<SimulatorAdmin['setFaults']>[0]),
  'POST reset': (a) => (a.reset(), { ok: true }),
  'POST payments': (a, { body }) => a.addPayment((body ?? {}) as Parameters<SimulatorAdmin['addPayment']>[0]),
  'GET payments': (a, { query }) =>
    a.payments(
      parse(paymentsQuerySchema, {
        kind: optional(query.get('kind')),
        limit: optional(query.get('limit'))
      })
    ),
  'GET snapshot': (a) => a.snapshot(),
  'GET payments/:payId': (a, { payId }) => {
    const info = a.payment(payId ?? '')
    if (!info) throw new SimulatorAdminError(404, `No payment ${payId ?? ''}`)
    return info
  }
}

/** "refund-requests/123/approve" → key "POST refund-requests/:payId/approve" + payId. */
function match(method: string, path: string): { handler: Handler; payId?: string } | null {
  const direct = ROUTES[`${method} ${path}`]
  if (direct) return { handler: direct }
  const m = /^(refund-requests|payments)\/(\d+)(\/(approve|deny))?$/.exec(path)
  if (!m) return null
  const key = `${method} ${m[1]}/:payId${m[3] ?? ''}`
  const handler = ROUTES[key]
  return handler ? { handler, payId: m[2] ?? '' } : null
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value ?? null)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

export const CONTROL_TOKEN_HEADER = 'x-simulator-control-token'

export interface ControlAccess {
  /** Random per run; compared in constant time. */
  token: string
  /** Host header values that name this server ("127.0.0.1:4010", "localhost:4010"). */
  hosts: ReadonlySet<string>
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(given, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Why the request may not use the control side, or null when it may. */
export function controlRefusal(req: IncomingMessage, access: ControlAccess): { status: number; error: string } | null {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return { status: 403, error: 'Control routes are loopback-only' }
  const host = single(req.headers.host)?.toLowerCase()
  if (host === undefined || !access.hosts.has(host)) return { status: 403, error: 'Host does not name this simulator' }
  if (req.headers.origin !== undefined) {
    // Non-browser clients send no Origin; a browser page may only be one served from here.
    const origin = single(req.headers.origin)?.toLowerCase() ?? ''
    if (![...access.hosts].some((h) => origin === `http://${h}`)) return { status: 403, error: 'Cross-origin control requests are refused' }
  }
  if (!tokenMatches(access.token, single(req.headers[CONTROL_TOKEN_HEADER]))) {
    return { status: 401, error: `Missing or wrong ${CONTROL_TOKEN_HEADER}` }
  }
  if (req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(single(req.headers['content-type']) ?? '')) {
    return { status: 415, error: 'Control POSTs must be Content-Type: application/json' }
  }
  return null
}

export async function handleControl(admin: SimulatorAdmin, access: ControlAccess, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const refusal = controlRefusal(req, access)
  if (refusal) return send(res, refusal.status, { error: refusal.error })
  const route = match(req.method ?? 'GET', path.replace(/\/+$/, ''))
  if (!route) return send(res, 404, { error: `Unknown control route ${req.method ?? ''} ${path}` })
  try {
    const raw = req.method === 'POST' ? (await readBody(req)).toString('utf8') : ''
    let body: unknown
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw)
    } catch {
      throw new SimulatorAdminError(400, 'Body must be JSON')
    }
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams
    send(res, 200, route.handler(admin, { body, query, ...(route.payId !== undefined && { payId: route.payId }) }))
  } catch (err) {
    if (err instanceof SimulatorAdminError) return send(res, err.status, { error: err.message })
    if (err instanceof BodyTooLargeError) return send(res, 413, { error: err.message })
    throw err
  }
}
