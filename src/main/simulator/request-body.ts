/**
 * Request parameters from the three encodings the docs show (they conflict:
 * docs/secpaid-api.md#requests): JSON, application/x-www-form-urlencoded and multipart/form-data
 * (old transactions page). Like a PHP/Laravel backend, query-string parameters are merged in and
 * body fields win. A body that cannot be parsed yields no parameters, so the endpoint's own
 * validation answers.
 */
import type { IncomingMessage } from 'node:http'

export type Params = Record<string, unknown>
export type BodyEncoding = 'json' | 'form' | 'multipart' | 'none' | 'invalid'

export const MAX_BODY_BYTES = 1_000_000

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buf.length
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('Request body too large')
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}

function fromSearchParams(sp: URLSearchParams, into: Params): void {
  for (const [k, v] of sp) into[k] = v
}

/** Minimal multipart reader: text fields only (file parts are read as text, too). */
export function parseMultipart(body: Buffer, boundary: string): Params | null {
  const text = body.toString('utf8')
  const delimiter = `--${boundary}`
  if (!text.includes(delimiter)) return null
  const out: Params = {}
  for (const part of text.split(delimiter)) {
    if (part === '' || part.startsWith('--')) continue
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) continue
    const headers = part.slice(0, headerEnd)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name === undefined) continue
    out[name] = part.slice(headerEnd + 4).replace(/\r\n$/, '')
  }
  return out
}

export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): { params: Params; encoding: BodyEncoding } {
  const params: Params = {}
  fromSearchParams(query, params)
  const type = (contentType ?? '').toLowerCase()
  if (body.length === 0) return { params, encoding: 'none' }
  if (type.startsWith('application/json') || (type === '' && body[0] === 0x7b)) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'))
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { params, encoding: 'invalid' }
      Object.assign(params, parsed)
      return { params, encoding: 'json' }
    } catch {
      return { params, encoding: 'invalid' }
    }
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
    const fields = parseMultipart(body, (boundary?.[1] ?? boundary?.[2] ?? '').trim())
    if (!fields) return { params, encoding: 'invalid' }
    Object.assign(params, fields)
    return { params, encoding: 'multipart' }
  }
  // curl --data-urlencode without a Content-Type header still sends form encoding.
  fromSearchParams(new URLSearchParams(body.toString('utf8')), params)
  return { params, encoding: 'form' }
}
