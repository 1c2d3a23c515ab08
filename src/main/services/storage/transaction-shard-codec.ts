/**
 * On-disk encoding of one month shard of the transaction cache.
 *
 * Rows are stored as arrays in a fixed column order, with the column list in the shard header:
 * at 200k rows repeating 17 property names per row would roughly double the file size and the
 * parse time. Decoding validates the header with zod and each row with cheap typeof checks
 * driven by a column table (running a zod object schema per row costs far more at this size).
 */
import { z } from 'zod'
import type { PayInTransaction } from '@shared/domain'
import { asciiJsonBytes } from './ascii-json'

export const SHARD_SCHEMA = 'secpaid-desk/tx-shard'
export const SHARD_SCHEMA_VERSION = 1

export type ColumnKind = 'str' | 'str?' | 'int' | 'int?' | 'bool'

/** Column order of schema version 1. Changing it means bumping SHARD_SCHEMA_VERSION. */
const COLUMN_SPEC = [
  ['payId', 'str'],
  ['transactionId', 'str?'],
  ['creatorId', 'str?'],
  ['userId', 'str?'],
  ['amount', 'int'],
  ['netAmount', 'int?'],
  ['serviceFee', 'int?'],
  ['serviceFeePsp', 'int?'],
  ['status', 'str'],
  ['recipientNote', 'str'],
  ['payoutStatus', 'str?'],
  ['createdAt', 'str'],
  ['isSplitLink', 'bool'],
  ['isDispute', 'bool'],
  ['isRefund', 'bool'],
  ['paymentMethod', 'str?'],
  ['transactionType', 'str']
] as const satisfies ReadonlyArray<readonly [keyof PayInTransaction, ColumnKind]>

export const SHARD_COLUMNS: readonly string[] = COLUMN_SPEC.map(([name]) => name)
/** The kind of each column (`checkRow` spells them out; a test keeps the two in step). */
export const SHARD_COLUMN_KINDS: readonly ColumnKind[] = COLUMN_SPEC.map(([, kind]) => kind)
const WIDTH = COLUMN_SPEC.length

export type EncodedRow = unknown[]

export interface ShardDocument {
  schema: typeof SHARD_SCHEMA
  schemaVersion: number
  month: string
  columns: string[]
  /**
   * Identity of this base snapshot; the month's journal names the base it applies to, so a
   * journal is never replayed onto a base it was not written against. Optional: v1 shards
   * written before the journal existed have none (and no journal either).
   */
  gen?: string
  /** The `gen` of the base whose journal was folded into this one (compaction). */
  folded?: string
  rows: EncodedRow[]
}

/** Header check only; rows are checked by `checkRow` below (see file comment). */
const shardHeaderSchema = z.object({
  schema: z.literal(SHARD_SCHEMA),
  schemaVersion: z.number().int(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  columns: z.array(z.string()),
  // Not z.array(z.array(...)): zod would walk every cell; checkRow does that once, cheaper.
  rows: z.unknown().refine(Array.isArray, 'rows must be an array')
})

/**
 * The row in column order. A row that carries its `cells` already (the query index's entries do:
 * they hold the array read from disk or encoded when a sync handed the row in) gives them as they
 * are: a 200k-row write then encodes nothing a second time.
 */
export function encodeRow(r: PayInTransaction & { readonly cells?: EncodedRow }): EncodedRow {
  if (r.cells !== undefined) return r.cells
  // Explicit literal (not a loop over COLUMN_SPEC): this runs 200k times per full write.
  return [
    r.payId, r.transactionId, r.creatorId, r.userId, r.amount, r.netAmount, r.serviceFee,
    r.serviceFeePsp, r.status, r.recipientNote, r.payoutStatus, r.createdAt, r.isSplitLink,
    r.isDispute, r.isRefund, r.paymentMethod, r.transactionType
  ]
}

export function decodeRow(a: EncodedRow): PayInTransaction {
  return {
    payId: a[0] as string,
    transactionId: a[1] as string | null,
    creatorId: a[2] as string | null,
    userId: a[3] as string | null,
    amount: a[4] as number,
    netAmount: a[5] as number | null,
    serviceFee: a[6] as number | null,
    serviceFeePsp: a[7] as number | null,
    status: a[8] as string,
    recipientNote: a[9] as string,
    payoutStatus: a[10] as string | null,
    createdAt: a[11] as string,
    isSplitLink: a[12] as boolean,
    isDispute: a[13] as boolean,
    isRefund: a[14] as boolean,
    paymentMethod: a[15] as string | null,
    transactionType: a[16] as string
  }
}

/**
 * One comparison per cell, written out (not a loop over COLUMN_SPEC with a switch per cell): this
 * runs for every cell of every row at open, 3.4 million cells at 200k rows.
 */
function checkRow(a: EncodedRow): boolean {
  return (
    a.length === WIDTH &&
    isStr(a[0]) && isStrOrNull(a[1]) && isStrOrNull(a[2]) && isStrOrNull(a[3]) &&
    Number.isSafeInteger(a[4]) && isIntOrNull(a[5]) && isIntOrNull(a[6]) && isIntOrNull(a[7]) &&
    isStr(a[8]) && isStr(a[9]) && isStrOrNull(a[10]) && isStr(a[11]) &&
    typeof a[12] === 'boolean' && typeof a[13] === 'boolean' && typeof a[14] === 'boolean' &&
    isStrOrNull(a[15]) && isStr(a[16])
  )
}

function isStr(v: unknown): boolean {
  return typeof v === 'string'
}

function isStrOrNull(v: unknown): boolean {
  return v === null || typeof v === 'string'
}

function isIntOrNull(v: unknown): boolean {
  return v === null || Number.isSafeInteger(v)
}

/** A stored row as an array, or the row itself, encoded when it is written. */
export type StorableRow = EncodedRow | PayInTransaction

function encoded(row: StorableRow): EncodedRow {
  return Array.isArray(row) ? row : encodeRow(row as PayInTransaction)
}

/** True when the stored row `a` holds the same values as `r` (without encoding `r`). */
export function sameAsEncoded(a: EncodedRow, r: PayInTransaction): boolean {
  return (
    a[0] === r.payId && a[1] === r.transactionId && a[2] === r.creatorId && a[3] === r.userId &&
    a[4] === r.amount && a[5] === r.netAmount && a[6] === r.serviceFee && a[7] === r.serviceFeePsp &&
    a[8] === r.status && a[9] === r.recipientNote && a[10] === r.payoutStatus && a[11] === r.createdAt &&
    a[12] === r.isSplitLink && a[13] === r.isDispute && a[14] === r.isRefund && a[15] === r.paymentMethod &&
    a[16] === r.transactionType
  )
}

/** True when two encoded rows hold the same values (all columns are JSON primitives). */
export function sameEncodedRow(a: EncodedRow, b: EncodedRow): boolean {
  for (let i = 0; i < WIDTH; i++) if (a[i] !== b[i]) return false
  return true
}

/** True when `a` is a well-formed stored row of `month` (shards and journal lines alike). */
export function isRowOfMonth(a: unknown, month: string): a is EncodedRow {
  // A row from another month would be invisible to that month's resync; treat as corrupt.
  // (`month` is "YYYY-MM"; startsWith, not slice: no new string per row at open.)
  return Array.isArray(a) && checkRow(a) && (a[11] as string).startsWith(month)
}

export function encodeShard(month: string, rows: EncodedRow[], ids: { gen?: string; folded?: string } = {}): ShardDocument {
  return {
    schema: SHARD_SCHEMA,
    schemaVersion: SHARD_SCHEMA_VERSION,
    month,
    columns: [...SHARD_COLUMNS],
    ...(ids.gen !== undefined && { gen: ids.gen }),
    ...(ids.folded !== undefined && { folded: ids.folded }),
    rows
  }
}

/**
 * Rows serialised per piece by `shardBytes`: ~30 KB of JSON. Kept well below V8's large-object
 * threshold (128 KB; a piece holding a character beyond Latin-1 takes two bytes per character):
 * measured over 200k rows, pieces of 64–256 rows stringify and encode in about a third of the
 * time pieces of 512 or more take, and one string per month in about a fifth.
 */
const ROWS_PER_PIECE = 128

/**
 * The bytes of `JSON.stringify(encodeShard(month, rows, ids))` as pure ASCII (`ascii-json.ts`: every
 * non-ASCII character escaped, so the file is read back as a one-byte string), in pieces (see
 * ROWS_PER_PIECE). One JSON.stringify of a whole month makes a multi-MB string that must be
 * flattened and encoded before it can be written, which at 200k rows was a large share of a full
 * sync's write time. Small pieces die young, and so do the arrays of rows handed in unencoded (a
 * write of 200k rows would otherwise keep 200k of them alive).
 */
export function* shardBytes(month: string, rows: readonly StorableRow[], ids: { gen?: string; folded?: string } = {}): Generator<Buffer> {
  // The header with an empty row list, cut before its `[]}`: same key order as encodeShard.
  const head = asciiJsonBytes(JSON.stringify(encodeShard(month, [], ids)))
  yield head.subarray(0, head.length - 3)
  if (rows.length === 0) {
    yield Buffer.from('[]}', 'utf8')
    return
  }
  for (let at = 0; at < rows.length; at += ROWS_PER_PIECE) {
    // `[a,b,…]` of this piece without its `]`; after the first piece its `[` becomes the `,`.
    const piece = asciiJsonBytes(JSON.stringify(rows.slice(at, at + ROWS_PER_PIECE).map(encoded)))
    if (at > 0) piece[0] = 0x2c
    yield piece.subarray(0, piece.length - 1)
  }
  yield Buffer.from(']}', 'utf8')
}

/** `gen` / `folded` of a decoded base (null when absent or not a string). */
export function shardIdsOf(doc: unknown): { gen: string | null; folded: string | null } {
  const d = doc as { gen?: unknown; folded?: unknown }
  return { gen: typeof d.gen === 'string' ? d.gen : null, folded: typeof d.folded === 'string' ? d.folded : null }
}

export type ShardDecodeResult =
  | { ok: true; rows: EncodedRow[] }
  | { ok: false; reason: 'unsupported_version' | 'invalid_content'; detail: string }

/** Validates a parsed shard document. `expectedMonth` guards against a file renamed by hand. */
export function decodeShard(doc: unknown, expectedMonth: string): ShardDecodeResult {
  // A future version may have a different header shape, so check the version before the rest.
  if (typeof doc === 'object' && doc !== null && 'schemaVersion' in doc) {
    const version = (doc as { schemaVersion: unknown }).schemaVersion
    if (version !== SHARD_SCHEMA_VERSION) {
      return { ok: false, reason: 'unsupported_version', detail: `schemaVersion ${String(version)}` }
    }
  }
  const header = shardHeaderSchema.safeParse(doc)
  if (!header.success) return { ok: false, reason: 'invalid_content', detail: header.error.message }
  const { month, columns } = header.data
  const rows = header.data.rows as unknown[]
  if (month !== expectedMonth) {
    return { ok: false, reason: 'invalid_content', detail: `month ${month} in file for ${expectedMonth}` }
  }
  if (columns.length !== WIDTH || columns.some((c, i) => c !== SHARD_COLUMNS[i])) {
    return { ok: false, reason: 'invalid_content', detail: 'unexpected column list' }
  }
  for (let i = 0; i < rows.length; i++) {
    if (!isRowOfMonth(rows[i], month)) return { ok: false, reason: 'invalid_content', detail: `row ${i} malformed` }
  }
  return { ok: true, rows: rows as EncodedRow[] }
}
