/**
 * The Chromium host's wire format: every request, answer and event crosses the Playwright binding
 * as ONE JSON string, encoded on one side and decoded on the other (chromium-host.ts in Node,
 * browser-preload.ts in the page).
 *
 * Why: a binding's values travel through Playwright's own serializer, one tagged node per value
 * and a second pass in the page to rebuild them; for a page of rows that cost far more than the
 * rows themselves (measured: bench/README.md). A string is one value to Playwright, and
 * JSON.stringify / JSON.parse are native on both ends. Electron's structured clone, which this
 * stands in for, has no such cost, so the bridge should not add one.
 *
 * What arrives must be what arrived before, not what plain JSON would make of it. JSON alone drops
 * `undefined` properties (the router refuses them in an argument, so that must still reach it),
 * turns NaN, ±Infinity into null, -0 into 0, a Date into a string and an Error into `{}`, and
 * cannot carry a bigint. Those values are written as tagged objects `{"\u0000w": kind, …}` and
 * restored after parsing; a text without any tag (every answer of today's contract) is flagged as
 * such and costs nothing but JSON.parse. A real object that happens to own the tag key is escaped,
 * so no data can forge a tag. Functions and symbols become `undefined`, as Playwright made them.
 *
 * Not carried, and refused loudly instead of arriving altered (nothing in the IPC contract uses
 * them): Map, Set, typed arrays, ArrayBuffer, RegExp, URL. Cycles throw (JSON.stringify's own
 * TypeError); an object reached twice arrives as two equal copies.
 */

/** The reserved key of a tagged value: a NUL can start no key our contract uses. */
const TAG = '\u0000w'
/** First character of an encoded text: plain JSON, or JSON with tags to restore. */
const PLAIN = 'J'
const TAGGED = 'T'

type Tagged =
  | { [TAG]: 'u' }
  | { [TAG]: 'n'; v: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { [TAG]: 'd'; v: number | null }
  | { [TAG]: 'b'; v: string }
  | { [TAG]: 'e'; n: string; m: string; s: string | null }
  | { [TAG]: 'o'; v: Array<[string, unknown]> }

function refused(what: string): TypeError {
  return new TypeError(`${what} cannot cross the bridge (wire-json.ts): nothing in the IPC contract carries one`)
}

/** Encodes `value` (an IPC argument, answer or event payload) as one string. */
export function encodeWire(value: unknown): string {
  let tagged = false
  // `this` is the holder, so `this[key]` is the raw value before JSON.stringify applied toJSON
  // (a Date arrives at the replacer already as its ISO string).
  const replacer = function (this: Record<string, unknown>, key: string, value: unknown): unknown {
    const raw = this[key]
    switch (typeof raw) {
      case 'string':
      case 'boolean':
        return value
      case 'number':
        if (Number.isFinite(raw) && !Object.is(raw, -0)) return value
        tagged = true
        return { [TAG]: 'n', v: Object.is(raw, -0) ? '-0' : String(raw) }
      case 'undefined':
      case 'function':
      case 'symbol':
        tagged = true
        return { [TAG]: 'u' }
      case 'bigint':
        tagged = true
        return { [TAG]: 'b', v: raw.toString() }
      default:
        break
    }
    if (raw === null || Array.isArray(raw)) return value
    if (raw instanceof Date) {
      tagged = true
      const time = raw.getTime()
      return { [TAG]: 'd', v: Number.isNaN(time) ? null : time }
    }
    if (raw instanceof Error) {
      tagged = true
      return { [TAG]: 'e', n: raw.name, m: raw.message, s: raw.stack ?? null }
    }
    if (raw instanceof Map || raw instanceof Set || ArrayBuffer.isView(raw) || raw instanceof ArrayBuffer || raw instanceof RegExp) {
      throw refused(Object.prototype.toString.call(raw))
    }
    if (typeof URL === 'function' && raw instanceof URL) throw refused('a URL')
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, TAG)) {
      // A real object owning the tag key: carried as its entries, so it cannot pass for a tag.
      tagged = true
      return { [TAG]: 'o', v: Object.entries(value) }
    }
    return value
  }
  const json = JSON.stringify(value, replacer)
  // JSON.stringify(undefined) is undefined, not a string; the replacer tagged it, so this only
  // guards the type.
  return (tagged ? TAGGED : PLAIN) + (json ?? 'null')
}

/** Decodes what `encodeWire` made. Throws on anything else (a malformed text is not an argument). */
export function decodeWire(text: string): unknown {
  const kind = text.charAt(0)
  if (kind !== PLAIN && kind !== TAGGED) throw new TypeError('not a bridge message')
  const value: unknown = JSON.parse(text.slice(1))
  return kind === PLAIN ? value : restore(value)
}

function isTag(value: unknown): value is Tagged {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, TAG)
}

function restore(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (isTag(value)) return untag(value)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restore(value[i])
    return value
  }
  const object = value as Record<string, unknown>
  // Own data properties set by JSON.parse: assigning to them (even one named "__proto__") stays
  // an own property, it never reaches a prototype.
  for (const key of Object.keys(object)) object[key] = restore(object[key])
  return object
}

function untag(tag: Tagged): unknown {
  switch (tag[TAG]) {
    case 'u':
      return undefined
    case 'n':
      return tag.v === '-0' ? -0 : Number(tag.v)
    case 'd':
      return new Date(tag.v ?? NaN)
    case 'b':
      return BigInt(tag.v)
    case 'e': {
      const error = new Error(tag.m)
      error.name = tag.n
      if (tag.s !== null) error.stack = tag.s
      return error
    }
    case 'o': {
      // defineProperty-like semantics (fromEntries): a "__proto__" entry stays an own property.
      return Object.fromEntries(tag.v.map(([k, v]) => [k, restore(v)]))
    }
    default:
      throw new TypeError('unknown bridge tag')
  }
}
