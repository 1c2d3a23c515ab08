/**
 * The cache's month files are written as pure ASCII JSON and read back through the one-byte path.
 *
 * Why: V8 keeps a string either one byte or two bytes per character. Decoding a UTF-8 file that
 * holds a single character beyond Latin-1 (an en dash or "€" in one note) yields a two-byte
 * string of the whole file — twice the memory, a slower decode and a slower JSON.parse. Written
 * with every non-ASCII character as a JSON `\uXXXX` escape, the file's bytes are its characters:
 * decoding is a copy, and JSON.parse restores each character exactly (surrogate pairs included,
 * as two escapes). Files written before this (raw UTF-8) still load: a file is decoded as UTF-8
 * whenever it holds any byte ≥ 0x80, which is also how a file written this way is told apart.
 */
import { Buffer, isAscii } from 'node:buffer'

/** Every UTF-16 code unit above ASCII; without the `u` flag a surrogate half matches on its own. */
const NON_ASCII = /[\u0080-\uffff]/g

/**
 * The escapes made so far, by code unit. A first sync of real notes (umlauts, "–", "€") escapes
 * a few characters in every piece it writes, nearly always the same few dozen: building each
 * escape anew (a hex string, padded, then joined) was half the cost of its writes. Bounded by the
 * 65,408 non-ASCII code units (a few MB at worst).
 */
const escapes = new Map<string, string>()

function escapeUnit(c: string): string {
  let e = escapes.get(c)
  if (e === undefined) escapes.set(c, (e = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
  return e
}

/**
 * `json` (the output of JSON.stringify) with every non-ASCII character escaped. Non-ASCII
 * characters only occur inside JSON strings, where `\uXXXX` means the same character.
 */
export function asciiJson(json: string): string {
  // Nearly every text is ASCII already. Its UTF-8 length equals its length only then (anything
  // beyond ASCII, a lone surrogate included, takes more bytes), and counting is about five times
  // faster than a replace pass that finds nothing: a first sync writes every row this way.
  return Buffer.byteLength(json, 'utf8') === json.length ? json : json.replace(NON_ASCII, escapeUnit)
}

/**
 * The bytes of `asciiJson(json)`. Pure ASCII is the same bytes in Latin-1 and in UTF-8, and the
 * Latin-1 encoder copies one byte per character without the UTF-8 encoder's checks.
 */
export function asciiJsonBytes(json: string): Buffer {
  return Buffer.from(asciiJson(json), 'latin1')
}

/** `JSON.stringify(value)` as pure ASCII. */
export function stringifyAscii(value: unknown): string {
  return asciiJson(JSON.stringify(value))
}

/**
 * The text of `bytes[start, end)`: copied as one-byte characters when every byte is ASCII (files
 * written by `asciiJson`), else decoded as UTF-8 (files of earlier versions; same text either way).
 */
export function textOf(bytes: Buffer, start = 0, end = bytes.length): string {
  const part = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)
  return isAscii(part) ? part.toString('latin1') : part.toString('utf8')
}
