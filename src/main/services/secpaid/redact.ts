/**
 * Cutting the API key out of text that may echo it (docs/architecture.md#the-api-key-never-leaves-main):
 * server replies, foreign errors, log lines.
 *
 * A server may echo the key in many shapes — as sent, lower- or upper-cased, URL- or JSON-escaped,
 * HTML-escaped, base64 (standard or URL-safe, at any byte offset), or only a long part of it. So we
 * do not look for the whole key in a few spellings; we remove every run of text in which any
 * 8 consecutive characters (compared without regard to ASCII case) also occur in one of those
 * spellings of the key. A shorter piece (at most 7 characters at a cut) may survive; that is the
 * documented bound. Over-redacting a coincidental match is the price, and it is cheap.
 */

export const REDACTED = '[REDACTED]'
/** The shortest piece of a key spelling that is removed wherever it occurs. */
export const KEY_FRAGMENT_LENGTH = 8

/** Lower-cases ASCII letters only, so every index in the result matches one in the input. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase())
}

function htmlEscape(text: string, quote: string, apostrophe: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? quote : apostrophe))
}

/**
 * Base64 of the key starting at each byte offset modulo 3, with the characters that also depend on
 * neighbouring bytes dropped: only characters fixed by the key's own bytes remain.
 */
function base64Spellings(key: string): string[] {
  const bytes = Buffer.from(key, 'utf8')
  const out: string[] = []
  for (const shift of [0, 1, 2]) {
    const total = shift + bytes.length
    let b64 = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64').replace(/=+$/, '')
    if (total % 3 !== 0) b64 = b64.slice(0, -1) // the last character also holds padding bits
    b64 = b64.slice(shift === 0 ? 0 : shift + 1) // the first characters also hold the bytes before
    out.push(b64, b64.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return out
}

/** Every spelling of `key` we remove, ASCII-lower-cased. */
export function keySpellings(key: string): string[] {
  const json = JSON.stringify(key).slice(1, -1)
  const spellings = [
    key,
    encodeURIComponent(key),
    json,
    json.replace(/\//g, '\\/'), // PHP's json_encode escapes the slash
    htmlEscape(key, '&quot;', '&#39;'),
    htmlEscape(key, '&#34;', '&#x27;'),
    htmlEscape(key, '&quot;', '&apos;'),
    ...base64Spellings(key)
  ]
  return [...new Set(spellings.filter((s) => s.length > 0).map(asciiLower))]
}

interface Matcher {
  /** Every KEY_FRAGMENT_LENGTH-character window of every spelling long enough to have one. */
  fragments: Set<string>
  /** Spellings shorter than that, removed only as a whole. */
  short: string[]
}

let last: { key: string; matcher: Matcher } | null = null

function matcherFor(key: string): Matcher {
  if (last?.key === key) return last.matcher
  const fragments = new Set<string>()
  const short: string[] = []
  for (const s of keySpellings(key)) {
    if (s.length < KEY_FRAGMENT_LENGTH) short.push(s)
    else for (let i = 0; i + KEY_FRAGMENT_LENGTH <= s.length; i++) fragments.add(s.slice(i, i + KEY_FRAGMENT_LENGTH))
  }
  const matcher = { fragments, short }
  last = { key, matcher }
  return matcher
}

/** `text` with every part that spells (a ≥ 8-character piece of) `key` replaced by [REDACTED]. */
export function redact(text: string, key: string | null | undefined): string {
  if (!key || text.length === 0) return text
  const { fragments, short } = matcherFor(key)
  const lower = asciiLower(text)
  const hit = new Uint8Array(text.length)
  let any = false
  for (let i = 0; i + KEY_FRAGMENT_LENGTH <= lower.length; i++) {
    if (fragments.has(lower.slice(i, i + KEY_FRAGMENT_LENGTH))) {
      hit.fill(1, i, i + KEY_FRAGMENT_LENGTH)
      any = true
    }
  }
  for (const s of short) {
    for (let at = lower.indexOf(s); at !== -1; at = lower.indexOf(s, at + 1)) {
      hit.fill(1, at, at + s.length)
      any = true
    }
  }
  if (!any) return text
  let out = ''
  for (let i = 0; i < text.length; ) {
    if (hit[i] === 1) {
      while (i < text.length && hit[i] === 1) i++
      out += REDACTED
    } else {
      const start = i
      while (i < text.length && hit[i] !== 1) i++
      out += text.slice(start, i)
    }
  }
  return out
}
