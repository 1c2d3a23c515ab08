/**
 * The control side answers only the simulator's own clients: a web page in the developer's browser
 * (cross-site request, or DNS rebinding to 127.0.0.1) must not be able to approve refunds or set
 * faults. The app's Demo has no control routes at all and a random key of its own.
 */
import { request } from 'node:http'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { CONTROL_TOKEN_HEADER, createSimulatorControlClient, startSimulator, type RunningSimulator } from '../../src/main/simulator'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await startSimulator({ rows: 20, rateLimitPerMinute: null })
})
afterAll(() => sim.close())

/** Raw request so Host and Origin are exactly what a browser under attack would send. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sim.port, method, path, headers, setHost: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const own = (): Record<string, string> => ({ Host: `127.0.0.1:${sim.port}`, [CONTROL_TOKEN_HEADER]: sim.controlToken })

describe('simulator control access', () => {
  it('answers a request with the bound Host and the token', async () => {
    expect((await raw('GET', '/__control/state', own())).status).toBe(200)
    expect((await raw('GET', '/__control/state', { ...own(), Host: `localhost:${sim.port}` })).status).toBe(200)
    expect(sim.controlToken).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a foreign or missing Host (DNS rebinding)', async () => {
    for (const host of [`evil.example:${sim.port}`, 'evil.example', `127.0.0.1:${sim.port + 1}`, `127.0.0.1`]) {
      expect((await raw('GET', '/__control/state', { ...own(), Host: host })).status).toBe(403)
    }
    const { Host: _omit, ...noHost } = own()
    // node:http itself answers 400 to an HTTP/1.1 request without Host; either way: refused.
    expect([400, 403]).toContain((await raw('GET', '/__control/state', noHost)).status)
  })

  it('refuses a foreign Origin, accepts its own', async () => {
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${sim.port}`, `http://127.0.0.1:${sim.port + 1}`]) {
      expect((await raw('GET', '/__control/state', { ...own(), Origin: origin })).status).toBe(403)
    }
    expect((await raw('GET', '/__control/state', { ...own(), Origin: `http://127.0.0.1:${sim.port}` })).status).toBe(200)
  })

  it('refuses a missing or wrong token', async () => {
    const { [CONTROL_TOKEN_HEADER]: _omit, ...noToken } = own()
    expect((await raw('GET', '/__control/state', noToken)).status).toBe(401)
    expect((await raw('GET', '/__control/state', { ...own(), [CONTROL_TOKEN_HEADER]: 'a'.repeat(64) })).status).toBe(401)
    expect((await raw('GET', '/__control/state', { ...own(), [CONTROL_TOKEN_HEADER]: '' })).status).toBe(401)
    // An explicit token wins over the one this process knows.
    await expect(createSimulatorControlClient(sim.controlUrl, 'wrong').state()).rejects.toMatchObject({ status: 401 })
    expect((await createSimulatorControlClient(sim.controlUrl, sim.controlToken).state()).payments).toBeGreaterThan(0)
  })

  it('refuses a text/plain or form body (a "simple" cross-site POST) and changes nothing', async () => {
    const before = sim.admin.getFaults()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const res = await raw('POST', '/__control/faults', { ...own(), 'Content-Type': type }, '{"force429": 5}')
      expect(res.status).toBe(415)
    }
    const { status } = await raw('POST', '/__control/faults', own(), '{"force429": 5}')
    expect(status).toBe(415)
    expect(sim.admin.getFaults()).toEqual(before)
    expect((await raw('POST', '/__control/faults', { ...own(), 'Content-Type': 'application/json; charset=utf-8' }, '{"force429": 0}')).status).toBe(200)
  })

  it('CLI-style: a client given the printed token works against a separate simulator', async () => {
    const other = await startSimulator({ rows: 1, rateLimitPerMinute: null })
    try {
      // Same port space, different token: each simulator accepts only its own.
      await expect(createSimulatorControlClient(other.controlUrl, sim.controlToken).state()).rejects.toMatchObject({ status: 401 })
      expect(await createSimulatorControlClient(other.controlUrl, other.controlToken).state()).toMatchObject({ rows: 1 })
    } finally {
      await other.close()
    }
  })
})

describe('Demo backend', () => {
  it('serves no control routes', async () => {
    const demo = await startDemoBackend({ rows: 5 })
    try {
      expect(demo.simulator.controlToken).toBe('')
      const res = await fetch(demo.simulator.controlUrl + 'state', { headers: { [CONTROL_TOKEN_HEADER]: '' } })
      expect(res.status).toBe(404)
      const approve = await fetch(demo.simulator.controlUrl + 'faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"force429": 1}' })
      expect(approve.status).toBe(404)
      expect(demo.simulator.admin.getFaults().force429).toBe(0)
    } finally {
      await demo.close()
    }
  })

  it('has a random key per state dir that survives a restart', async () => {
    const dirA = mkdtempSync(join(tmpdir(), 'demo-key-a-'))
    const dirB = mkdtempSync(join(tmpdir(), 'demo-key-b-'))
    try {
      const a1 = await startDemoBackend({ rows: 5, stateDir: dirA })
      const keyA = a1.apiKey
      await a1.close()
      const a2 = await startDemoBackend({ rows: 5, stateDir: dirA })
      expect(a2.apiKey).toBe(keyA)
      await a2.close()
      const b = await startDemoBackend({ rows: 5, stateDir: dirB })
      expect(b.apiKey).not.toBe(keyA)
      await b.close()
      const fresh = await startDemoBackend({ rows: 5 })
      expect(fresh.apiKey).not.toBe(keyA)
      await fresh.close()
      expect(keyA).toMatch(/^sim_[0-9a-f]{64}$/)
      expect(readFileSync(join(dirA, 'demo-api-key'), 'utf8')).toBe(keyA)
      if (process.platform !== 'win32') expect(statSync(join(dirA, 'demo-api-key')).mode & 0o077).toBe(0)
    } finally {
      rmSync(dirA, { recursive: true, force: true })
      rmSync(dirB, { recursive: true, force: true })
    }
  })
})
