/**
 * Hostile request lines against the two HTTP servers the app runs in its own process (the
 * simulator, which is the Demo backend, and the browser host's static server): raw bytes over a
 * loopback socket, so nothing normalises the target first. Every request must get an HTTP answer
 * or a clean close, and the server must still answer a normal request afterwards. A throw out of a
 * request handler would be an uncaught exception and fail this run; a request that gets no status
 * line fails it too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDirectory, type StaticServer } from '../../src/browser-host/static-server'
import { CONTROL_TOKEN_HEADER, startSimulator, type RunningSimulator } from '../../src/main/simulator'

const RUNS = 600
const EXCHANGE_TIMEOUT_MS = 5_000

interface Exchange {
  /** Bytes the server sent before closing (empty = closed without answering). */
  response: string
  timedOut: boolean
}

/** Writes `request` to 127.0.0.1:port and reads until the server closes the connection. */
function exchange(port: number, request: Buffer): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = connect({ host: '127.0.0.1', port })
    const done = (timedOut: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ response: Buffer.concat(chunks).toString('latin1'), timedOut })
    }
    const timer = setTimeout(() => done(true), EXCHANGE_TIMEOUT_MS)
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('close', () => done(false))
    // The server may reset the connection once it has answered a bad request: that is a clean end.
    socket.on('error', () => undefined)
    // write, not end: a half-closed client may lose a response that is still being streamed, and
    // browsers never half-close. Connection: close makes the server end the exchange.
    socket.write(request)
  })
}

const HOSTILE_TARGETS = [
  '//x:abc',
  '//x:abc/api/v2/getPayInTransactions',
  '/%c0',
  '/%',
  '/%E0%A4%A',
  '/..%2f..%2fetc%2fpasswd',
  '/../../etc/passwd',
  '/api/v2/%',
  '/__control/%c0',
  '/__control/../__control/state',
  '/a\u0000b',
  '/' + 'a'.repeat(70_000),
  '/ünïcödé/☃',
  'http://evil/',
  'http://evil/__control/state',
  'http://[::1/',
  '*',
  '',
  '?',
  '#',
  '/__control//x:abc',
  '/api/v2/refundPayment?pay_id=%ff'
]

/** Everything but CR and LF: those would end the request line, which is not what is tested here. */
const noLineBreak = (s: string): string => s.replace(/[\r\n]/g, '')

const targetArb = fc.oneof(
  fc.constantFrom(...HOSTILE_TARGETS),
  fc
    .tuple(
      fc.constantFrom('', '/', '//', '/api/v2/', '/__control/', '/__control/refund-requests/1/', 'http://evil', '*', '/%', '/..%2f'),
      fc.string({ unit: 'binary', maxLength: 60 })
    )
    .map(([prefix, rest]) => noLineBreak(prefix + rest)),
  fc.string({ unit: fc.constantFrom('%', 'c', '0', '/', '.', ':', '@', '?', '#', '\u0000', 'é', 'x', '2', 'f'), maxLength: 40 })
)

const methodArb = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PRI', 'get', 'FOO'),
  fc.string({ unit: fc.constantFrom(...'ABCXYZ-!~'.split('')), minLength: 1, maxLength: 8 })
)

// Framing headers are left out: a random Content-Length would only make the server wait for a body.
const FRAMING = /^(content-length|transfer-encoding|connection|expect|upgrade|host)$/i
const headerArb = fc
  .tuple(fc.string({ unit: fc.constantFrom(...'abcxyz-_Tok:é '.split('')), minLength: 1, maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 }))
  .filter(([name]) => !FRAMING.test(name))
  .map(([name, value]) => `${noLineBreak(name)}: ${noLineBreak(value)}`)

function requestArb(port: number, controlToken: string): fc.Arbitrary<Buffer> {
  return fc
    .record({
      method: methodArb,
      target: targetArb,
      headers: fc.array(headerArb, { maxLength: 4 }),
      // Sometimes the real control credentials, so hostile paths reach the control handlers too.
      control: fc.boolean(),
      contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b'),
      body: fc.option(fc.string({ unit: 'binary', maxLength: 200 }), { nil: undefined })
    })
    .map(({ method, target, headers, control, contentType, body }) => {
      const bodyBytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body, 'utf8')
      const lines = [
        `${method} ${target} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        ...(control ? [`${CONTROL_TOKEN_HEADER}: ${controlToken}`] : []),
        ...(contentType !== undefined ? [`Content-Type: ${contentType}`] : []),
        ...headers,
        `Content-Length: ${bodyBytes.length}`,
        'Connection: close'
      ]
      return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), bodyBytes])
    })
}

function expectAnsweredOrClosed(result: Exchange, request: Buffer): void {
  const shown = request.subarray(0, 200).toString('latin1')
  expect(result.timedOut, `no answer and no close for ${JSON.stringify(shown)}`).toBe(false)
  // node:http closes a CONNECT silently when nobody handles tunnels; everything else gets a status
  // line — a silent close there means the handler died.
  if (result.response === '' && request.subarray(0, 8).toString('latin1') === 'CONNECT ') return
  expect(result.response, `for ${JSON.stringify(shown)}`).toMatch(/^HTTP\/1\.[01] \d{3} /)
}

async function fuzz(port: number, controlToken: string, healthy: () => Promise<void>): Promise<void> {
  for (const target of HOSTILE_TARGETS) {
    const request = Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, 'utf8')
    expectAnsweredOrClosed(await exchange(port, request), request)
    await healthy()
  }
  await fc.assert(
    fc.asyncProperty(requestArb(port, controlToken), async (request) => {
      expectAnsweredOrClosed(await exchange(port, request), request)
      await healthy()
    }),
    { numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: 90_000 }
  )
}

describe('simulator request fuzz', () => {
  let sim: RunningSimulator
  beforeAll(async () => {
    sim = await startSimulator({ rows: 50, rateLimitPerMinute: null })
  })
  afterAll(() => sim.close())

  it('answers an unparsable target (//x:abc) with 400', async () => {
    for (const target of ['//x:abc', '//x:abc/api/v2/getPayInTransactions', '//x:abc/__control/state']) {
      const request = Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${sim.port}\r\nConnection: close\r\n\r\n`)
      expect((await exchange(sim.port, request)).response.split('\r\n')[0], target).toBe('HTTP/1.1 400 Bad Request')
    }
  })

  it(`survives ${RUNS} random hostile requests`, { timeout: 120_000 }, async () => {
    const before = sim.admin.state().rows
    await fuzz(sim.port, sim.controlToken, async () => {
      const res = await fetch(sim.baseUrl + 'getPayInTransactions', { method: 'POST', headers: { token: sim.apiKey }, body: '' })
      expect(res.status).toBe(200)
      await res.arrayBuffer()
    })
    // Random control POSTs may have added payments; the server is still the same, working one.
    expect(sim.admin.state().rows).toBeGreaterThanOrEqual(before)
  })
})

describe('browser host static server request fuzz', () => {
  let dir: string
  let server: StaticServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'static-fuzz-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html>')
    server = await serveDirectory(dir)
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it(`survives ${RUNS} random hostile requests`, { timeout: 120_000 }, async () => {
    const port = Number(new URL(server.origin).port)
    await fuzz(port, 'none', async () => {
      const res = await fetch(server.origin + '/index.html')
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('<!doctype html>')
    })
  })
})
