/**
 * Every 8-character piece of every spelling of an API key a server (or our own code) might produce:
 * as is, URL-, JSON- and HTML-escaped, base64 and base64url at each byte offset — ASCII-lower-cased,
 * for comparison without regard to case. Computed here independently of src/main/services/secpaid/redact.ts.
 */
export const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase())

export const htmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** Base64 of `s` without '=' and without the last character when it also holds padding bits. */
const b64 = (s: string): string => {
  const full = Buffer.from(s).toString('base64').replace(/=+$/, '')
  return Buffer.byteLength(s) % 3 === 0 ? full : full.slice(0, -1)
}
const urlSafe = (s: string): string => s.replace(/\+/g, '-').replace(/\//g, '_')

export function forbiddenKeyPieces(key: string): string[] {
  const spellings = [key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1), htmlEscape(key)]
  for (const offset of [0, 1, 2]) spellings.push(b64(key.slice(offset)), urlSafe(b64(key.slice(offset))))
  const pieces = new Set<string>()
  for (const s of spellings) for (let i = 0; i + 8 <= s.length; i++) pieces.add(asciiLower(s.slice(i, i + 8)))
  return [...pieces]
}

/** The first piece of the key found in `text`, or null. */
export function keyPieceIn(text: string, key: string): string | null {
  const haystack = asciiLower(text)
  return forbiddenKeyPieces(key).find((piece) => haystack.includes(piece)) ?? null
}
