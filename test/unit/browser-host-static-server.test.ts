import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveDirectory, type StaticServer } from '../../src/browser-host/static-server'
import { CONTENT_SECURITY_POLICY } from '../../src/main/content-security-policy'

let dir: string
let server: StaticServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-server-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html>')
  server = await serveDirectory(dir)
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Raw request: fetch() would normalise the path before sending it. */
function get(path: string): Promise<{ status: number; csp: string | undefined }> {
  const { hostname, port } = new URL(server.origin)
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined })
    })
      .on('error', reject)
      .end()
  })
}

describe('Chromium host static server', () => {
  it('serves the renderer with the one CSP', async () => {
    expect(await get('/')).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY })
  })

  it('answers bad percent-encoding with 400 and keeps serving', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400)
    expect((await get('/%')).status).toBe(400)
    expect((await get('/index.html')).status).toBe(200)
  })
})
