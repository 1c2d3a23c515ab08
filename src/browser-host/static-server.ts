/**
 * Serves the built renderer (out/renderer) on 127.0.0.1 for the Chromium backend — the stand-in for
 * Electron's file:// loading when no Electron binary exists (docs/architecture.md#testing). GET/HEAD only, no
 * directory listing, no path traversal, same CSP the Electron shell sets.
 */
import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../main/content-security-policy'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export interface StaticServer {
  origin: string
  close(): Promise<void>
}

export async function serveDirectory(root: string): Promise<StaticServer> {
  const base = normalize(root + sep)
  const server: Server = createServer((req, res) => {
    // Nothing a client sends may throw out of here: node:http would make it an uncaught exception
    // and end the host process with the app in it.
    try {
      handle(req, res)
    } catch (err) {
      console.error(`static server: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    }
  })
  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    } catch {
      // Malformed percent-encoding: a throw here would be an uncaught exception in the host.
      res.writeHead(400).end()
      return
    }
    const file = normalize(join(base, pathname === '/' ? 'index.html' : pathname))
    if (!file.startsWith(base)) {
      res.writeHead(403).end()
      return
    }
    let size: number
    try {
      const stat = statSync(file)
      if (!stat.isFile()) throw new Error('not a file')
      size = stat.size
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store'
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    // A read error (file gone since stat) would otherwise be an unhandled 'error' event.
    const stream = createReadStream(file)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('static server has no port')
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
