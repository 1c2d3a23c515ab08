/**
 * The append-only journal of one cache month (`tx-YYYY-MM.jsonl`): one JSON value per line.
 *
 * Line 1 is a header naming the month and the base snapshot (`gen`) the journal applies to.
 * Every further line is either a stored row (the same column array as in the base shard) = put,
 * or `{"del":"<key>"}` = the row left this month (its createdAt moved). Replaying the lines in
 * order over the base gives the month's rows; replaying them twice gives the same rows, which is
 * what makes a crash between "new base renamed in" and "journal deleted" harmless. Lines are written
 * as pure ASCII like the base (`ascii-json.ts`); a journal of an earlier version (raw UTF-8) reads
 * the same.
 */
import { stringifyAscii, textOf } from './ascii-json'
import { type EncodedRow, isRowOfMonth } from './transaction-shard-codec'
import type { CorruptFileReason } from '@shared/notices'

export const JOURNAL_SCHEMA = 'secpaid-desk/tx-journal'
export const JOURNAL_SCHEMA_VERSION = 1

export type JournalOp = { put: EncodedRow } | { del: string }

export function journalHeaderLine(month: string, base: string | null): string {
  return `${stringifyAscii({ schema: JOURNAL_SCHEMA, schemaVersion: JOURNAL_SCHEMA_VERSION, month, base })}\n`
}

export function putLine(row: EncodedRow): string {
  return `${stringifyAscii(row)}\n`
}

export function delLine(key: string): string {
  return `${stringifyAscii({ del: key })}\n`
}

export type JournalParse =
  /** `validBytes` < file size means a torn last line the caller truncates. */
  | { kind: 'ok'; ops: JournalOp[]; validBytes: number }
  /** Nothing usable (empty, or only a torn header): the file can go. */
  | { kind: 'empty' }
  /** Written against the base that was folded into the current one: already applied. */
  | { kind: 'folded' }
  | { kind: 'corrupt'; reason: CorruptFileReason; detail: string }

const NEWLINE = 0x0a

/**
 * Parses a journal's bytes for `month` against the current base's ids. Only the part up to the
 * last newline counts: a line without its newline is the append a kill interrupted (the append
 * never returned, so nobody was told it is stored). Any complete line that does not parse is
 * corruption, not a torn write.
 */
export function parseJournal(bytes: Buffer, month: string, base: { gen: string | null; folded: string | null }): JournalParse {
  const end = bytes.lastIndexOf(NEWLINE) + 1
  if (end === 0) return { kind: 'empty' }
  const lines = textOf(bytes, 0, end - 1).split('\n')
  let header: unknown
  try {
    header = JSON.parse(lines[0] as string)
  } catch (error) {
    return { kind: 'corrupt', reason: 'invalid_json', detail: `line 1: ${(error as Error).message}` }
  }
  const h = header as { schema?: unknown; schemaVersion?: unknown; month?: unknown; base?: unknown }
  if (h.schema !== JOURNAL_SCHEMA) return { kind: 'corrupt', reason: 'invalid_content', detail: 'not a journal header' }
  if (h.schemaVersion !== JOURNAL_SCHEMA_VERSION) {
    return { kind: 'corrupt', reason: 'unsupported_version', detail: `schemaVersion ${String(h.schemaVersion)}` }
  }
  if (h.month !== month) return { kind: 'corrupt', reason: 'invalid_content', detail: `month ${String(h.month)} in journal for ${month}` }
  const journalBase = typeof h.base === 'string' ? h.base : null
  if (journalBase !== base.gen) {
    if ((journalBase ?? '') === base.folded) return { kind: 'folded' }
    // E.g. an older app version rewrote the base without knowing of the journal: replaying it
    // could put back older values, so it is set aside and the month refetched.
    return { kind: 'corrupt', reason: 'invalid_content', detail: 'journal belongs to another base snapshot' }
  }
  const ops: JournalOp[] = []
  for (let i = 1; i < lines.length; i++) {
    let value: unknown
    try {
      value = JSON.parse(lines[i] as string)
    } catch (error) {
      return { kind: 'corrupt', reason: 'invalid_json', detail: `line ${i + 1}: ${(error as Error).message}` }
    }
    if (isRowOfMonth(value, month)) ops.push({ put: value })
    else if (isDel(value)) ops.push({ del: value.del })
    else return { kind: 'corrupt', reason: 'invalid_content', detail: `line ${i + 1} malformed` }
  }
  return { kind: 'ok', ops, validBytes: end }
}

function isDel(v: unknown): v is { del: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { del?: unknown }).del === 'string'
}
