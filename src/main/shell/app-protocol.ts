/**
 * The `app://` scheme the packaged renderer is served from, as plain request → response logic (no
 * electron import) so it is unit-tested in Node. A custom scheme instead of file:// gives the page
 * a real origin (CSP 'self' means exactly our files, not the whole disk) and one place that sets
 * the CSP header. Only files inside the renderer folder are served; anything malformed is a 4xx
 * response, never an exception, because a throw inside a protocol handler is a failed load the
 * user sees as a blank window.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy'

export const APP_SCHEME = 'app'
export const APP_HOST = 'secpaid-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * Privileges for registerSchemesAsPrivileged: `standard` gives the scheme origins and relative URL
 * resolution, `secure` makes it a secure context like https, `codeCache` lets V8 keep the compiled
 * bundle between launches (as it does for https pages; it needs `standard`): without it every
 * start compiles the ~550 KB of script the first screen needs again. Nothing more: no CORS, no
 * service workers, no fetch from other origins.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  codeCache: true,
  supportFetchAPI: true,
  corsEnabled: false,
  allowServiceWorkers: false,
  bypassCSP: false,
  stream: false
} as const

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

export type AppRequestResolution = { status: 200; file: string; mime: string } | { status: 400 | 404 | 405; reason: string }

/**
 * Maps a request URL to a file inside `rootDir`, or says why not. Does not touch the disk: a
 * resolution of 200 still needs the file to exist (serveAppRequest checks).
 */
export function resolveAppRequest(rawUrl: string, method: string, rootDir: string): AppRequestResolution {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, reason: 'method not allowed' }
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return { status: 400, reason: 'malformed URL' }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404, reason: 'foreign origin' }
  if (url.username || url.password) return { status: 400, reason: 'credentials in URL' }
  // The URL parser already collapsed plain `..` segments; what is left encoded is decoded once and
  // then checked again, so `%2e%2e`, `%252e` (stays literal after one decode) and `..%2f` cannot
  // walk out of the root.
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return { status: 400, reason: 'bad percent-encoding' }
  }
  if (pathname.includes('\0')) return { status: 400, reason: 'NUL in path' }
  if (pathname.includes('\\')) return { status: 400, reason: 'backslash in path' }
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.')) return { status: 400, reason: 'dot segment' }
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
  if (relativePath === '' || relativePath.endsWith('/')) return { status: 404, reason: 'no directory listings' }
  const root = resolve(rootDir)
  const file = resolve(root, relativePath)
  const fromRoot = relative(root, file)
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) || fromRoot.split(sep).includes('..')) {
    return { status: 404, reason: 'outside the renderer folder' }
  }
  const mime = MIME_TYPES[extname(file).toLowerCase()]
  if (!mime) return { status: 404, reason: 'unknown file type' }
  return { status: 200, file, mime }
}

/** Headers every app:// response carries, errors included: the CSP lives here and nowhere else. */
export function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  }
}

/** Serves one request with standard fetch types (Request → Response): what protocol.handle expects. */
export async function serveAppRequest(request: Request, rootDir: string): Promise<Response> {
  const resolution = resolveAppRequest(request.url, request.method, rootDir)
  if (resolution.status !== 200) {
    return new Response(null, { status: resolution.status, headers: baseHeaders() })
  }
  try {
    const info = await stat(resolution.file)
    if (!info.isFile()) return new Response(null, { status: 404, headers: baseHeaders() })
    const body = request.method === 'HEAD' ? null : await readFile(resolution.file)
    return new Response(body, {
      status: 200,
      headers: { ...baseHeaders(), 'Content-Type': resolution.mime, 'Content-Length': String(info.size) }
    })
  } catch {
    return new Response(null, { status: 404, headers: baseHeaders() })
  }
}
