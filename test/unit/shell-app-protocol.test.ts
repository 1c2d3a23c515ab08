import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/content-security-policy'
import { APP_INDEX_URL, APP_ORIGIN, resolveAppRequest, serveAppRequest } from '../../src/main/shell/app-protocol'

let root: string
let outside: string

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'app-protocol-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ok</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'secret.bin'), 'x')
  outside = join(base, 'secret.js')
  writeFileSync(outside, 'TOP SECRET')
})
afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }))

const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(new Request(url, { method }), root)

describe('app:// request resolution', () => {
  it('serves index.html for / and /index.html with MIME type and the CSP header', async () => {
    for (const url of [`${APP_ORIGIN}/`, APP_INDEX_URL]) {
      const res = await get(url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(await res.text()).toContain('<title>ok</title>')
    }
  })

  it('gives scripts and styles their MIME types', async () => {
    expect((await get(`${APP_ORIGIN}/assets/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await get(`${APP_ORIGIN}/assets/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('HEAD has headers and no body', async () => {
    const res = await get(APP_INDEX_URL, 'HEAD')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe(String('<!doctype html><title>ok</title>'.length))
    expect(await res.text()).toBe('')
  })

  it('refuses traversal in every spelling with 400/404 and never leaks the file outside', async () => {
    const attempts = [
      `${APP_ORIGIN}/../secret.js`,
      `${APP_ORIGIN}/assets/../../secret.js`,
      `${APP_ORIGIN}/%2e%2e/secret.js`,
      `${APP_ORIGIN}/%2E%2E%2Fsecret.js`,
      `${APP_ORIGIN}/%252e%252e/secret.js`,
      `${APP_ORIGIN}/..%2f..%2fsecret.js`,
      `${APP_ORIGIN}/..%5csecret.js`,
      `${APP_ORIGIN}/assets%5c..%5c..%5csecret.js`,
      `${APP_ORIGIN}/index.html%00.js`,
      `${APP_ORIGIN}/%E0%A4%A`,
      `${APP_ORIGIN}/%`,
      `${APP_ORIGIN}/${encodeURIComponent(outside)}`,
      `${APP_ORIGIN}//${outside.replace(/^\//, '')}`
    ]
    for (const url of attempts) {
      const res = await get(url)
      expect([400, 404], url).toContain(res.status)
      expect(await res.text(), url).not.toContain('TOP SECRET')
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY)
    }
  })

  it('names the reason for the tricky ones (decoding is checked, not just normalised away)', () => {
    expect(resolveAppRequest(`${APP_ORIGIN}/assets/%2e%2e%2fsecret.js`, 'GET', root)).toMatchObject({ status: 400, reason: 'dot segment' })
    expect(resolveAppRequest(`${APP_ORIGIN}/..%5csecret.js`, 'GET', root)).toMatchObject({ status: 400, reason: 'backslash in path' })
    expect(resolveAppRequest(`${APP_ORIGIN}/a%00b.js`, 'GET', root)).toMatchObject({ status: 400, reason: 'NUL in path' })
    expect(resolveAppRequest(`${APP_ORIGIN}/%E0%A4%A`, 'GET', root)).toMatchObject({ status: 400, reason: 'bad percent-encoding' })
  })

  it('refuses other hosts and schemes, directories, unknown types and other methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404)
    expect(resolveAppRequest('file:///etc/passwd', 'GET', root).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/assets/`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/assets/secret.bin`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/missing.js`)).status).toBe(404)
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405)
    expect(resolveAppRequest('not a url', 'GET', root).status).toBe(400)
  })
})
