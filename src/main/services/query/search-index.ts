/**
 * The search index: the rows in base order (createdAt desc, key asc) cut into chunks, each
 * holding ONE string with the normalised haystacks of its rows (NUL-terminated, search-text.ts)
 * and a flat array of their |amount| (with its sorted keys, so an amount is a binary search).
 *
 * Why: 200k row objects lie scattered in the heap, and testing them one by one is mostly cache
 * misses (10–20× the cost of the comparisons). One `indexOf` pass over a contiguous string per
 * chunk reads memory in order, and answers with positions in the base order, so hits come out
 * already sorted for the default sort and only the hits touch their row objects.
 *
 * Chunks follow the Berlin months and, within a month, hold at most CHUNK_ROWS rows counted
 * from the month's OLDEST row: new rows (the newest) only move the newest chunk of a month.
 *
 * In step with the TransactionIndex without a change feed: after `version` moves, a chunk is
 * reused while its slice of `baseOrder()` holds the very same row objects (the index makes a new
 * object for every row it changes), or rows with the same searchable fields (a refund-state
 * refresh); otherwise it is rebuilt. Lazily, per chunk, on the next search — or ahead of it by
 * `step()`, which the engine runs in the background one chunk at a time.
 *
 * Each chunk also knows, per printable ASCII character and per pair of adjacent digits, which of
 * its rows contain it (one bit per row: (95 + 100) × rows/8 bytes, ~4.9 MB at 200k rows). The
 * first keystroke of a search is one character and matches most rows: answering it from those
 * bits costs a pass over 25 KB instead of an `indexOf` per hit over every haystack. Bookkeepers
 * search for numbers (pay_ids, transaction ids, invoice numbers), and every row is full of digits,
 * so single digits say little about a longer needle; digit pairs do: two digits are answered
 * exactly, and a longer needle tests only the rows having all its characters and digit pairs
 * when those are few. Otherwise the chunk is scanned.
 */
import { Buffer } from 'node:buffer'
import type { IndexedRow } from './indexed-row'
import { rowHaystack } from './indexed-row'
import { PositionsBuilder, type Positions } from './positions'
import { haystackFromLower, hasNonAscii, type Needle } from './search-text'
import type { TransactionIndex } from './transaction-index'

/** Rows per chunk: small enough that one background slice stays short (a few ms). */
export const CHUNK_ROWS = 8192

interface Chunk {
  /** The Berlin month of every row, or null when the slice is not one month's. */
  readonly month: string | null
  readonly rows: readonly IndexedRow[]
  readonly text: string
  /** ends[i]: offset of the NUL that terminates row i's haystack in `text`. */
  readonly ends: Int32Array
  readonly absAmounts: Float64Array
  /** Row bits per printable ASCII character: character k's rows are words [k·w, (k+1)·w), w = wordsFor(rows). */
  readonly charBits: Uint32Array
  /** Row bits per pair of adjacent digits "ab" (10·a + b), same layout. */
  readonly digitPairs: Uint32Array
  /**
   * |amount| · 2^shift + row for every row, ascending: the rows of one amount are a range found by
   * binary search, in row order. Null when some |amount| is not an integer small enough for that.
   */
  readonly amountKeys: Float64Array | null
  readonly shift: number
}

interface Slot {
  readonly key: string
  readonly month: string | null
  /** Position of the slot's first row in `baseOrder()`. */
  readonly start: number
  readonly end: number
  chunk: Chunk | null
}

export interface SearchIndex {
  /** Positions in `baseOrder()` (ascending) of rows whose haystack contains a form of the needle. */
  textPositions(needle: Needle, months: ReadonlySet<string> | null): Positions
  /** The subset of `positions` (ascending) whose haystack contains a form of the needle. */
  narrow(positions: Positions, needle: Needle): Positions
  /** Positions (ascending) of rows whose |amount| is one of `amounts`. */
  amountPositions(amounts: ReadonlySet<number>, months: ReadonlySet<string> | null): Positions
  /** Builds one chunk that is not up to date; false when there is nothing left to do. */
  step(): boolean
}

function sameSearchFields(a: IndexedRow, b: IndexedRow): boolean {
  const x = a.row
  const y = b.row
  return x.recipientNote === y.recipientNote && x.transactionId === y.transactionId && x.payId === y.payId &&
    x.paymentMethod === y.paymentMethod && x.amount === y.amount && a.month === b.month
}

/** The printable ASCII range the character bits cover (a needle character outside it is scanned). */
const FIRST_CHAR = 0x20
const CHAR_COUNT = 0x7f - FIRST_CHAR
/**
 * A needle's candidate rows (those having all its characters and digit pairs) are tested one by one when they are
 * at most this share of the chunk; more, and one `indexOf` pass over the chunk costs less.
 */
const CANDIDATE_SHARE = 1 / 8

const wordsFor = (rows: number): number => (rows + 31) >>> 5

const ZERO = 0x30

/** Which rows contain which printable ASCII character and which pair of adjacent digits: one pass over the chunk's text. */
function characterBits(text: string, ends: Int32Array): { charBits: Uint32Array; digitPairs: Uint32Array } {
  const words = wordsFor(ends.length)
  const charBits = new Uint32Array(CHAR_COUNT * words)
  const digitPairs = new Uint32Array(100 * words)
  let start = 0
  for (let row = 0; row < ends.length; row++) {
    const end = ends[row] as number
    const word = row >>> 5
    const bit = 1 << (row & 31)
    let digit = -1 // the previous character's digit value, or -1
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i)
      const k = c - FIRST_CHAR
      // NUL (between fields) and anything beyond ASCII fall outside the range.
      if (k >= 0 && k < CHAR_COUNT) charBits[k * words + word] = (charBits[k * words + word] as number) | bit
      const d = c - ZERO
      if (d >= 0 && d <= 9) {
        if (digit >= 0) digitPairs[(digit * 10 + d) * words + word] = (digitPairs[(digit * 10 + d) * words + word] as number) | bit
        digit = d
      } else digit = -1
    }
    start = end + 1
  }
  return { charBits, digitPairs }
}

/** `amountKeys` of a chunk (see Chunk): one native numeric sort, no comparator. */
function amountIndex(absAmounts: Float64Array): { amountKeys: Float64Array | null; shift: number } {
  const shift = Math.max(1, 32 - Math.clz32(absAmounts.length))
  const scale = 2 ** shift
  const keys = new Float64Array(absAmounts.length)
  for (let i = 0; i < absAmounts.length; i++) {
    const a = absAmounts[i] as number
    // Exact only while a · 2^shift + i stays a safe integer (amounts are integer cents).
    if (!Number.isInteger(a) || a * scale + i > Number.MAX_SAFE_INTEGER) return { amountKeys: null, shift }
    keys[i] = a * scale + i
  }
  return { amountKeys: keys.sort(), shift }
}

/** First index in ascending `keys` whose value is ≥ `key`. */
function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((keys[mid] as number) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The chunk of rows whose searchable text is all ASCII (nearly every chunk), in ONE pass over
 * their characters: lowercased into a byte buffer (ASCII lowercasing is A–Z + 32) with the
 * character and digit-pair bits set on the way, then made one string by a single latin1 decode.
 * Joining 32k field strings, lowercasing the result and a second pass for the bits made the whole
 * background build of 200k rows take about twice the CPU, and that build is what the first
 * keystrokes after a start compete with.
 * Null as soon as a character beyond ASCII turns up: `buildChunk` folds those chunks.
 */
function buildAsciiChunk(rows: readonly IndexedRow[], month: string | null): Chunk | null {
  const n = rows.length
  let length = 0
  for (let i = 0; i < n; i++) {
    const v = (rows[i] as IndexedRow).row
    length += v.recipientNote.length + (v.transactionId ?? '').length + v.payId.length + (v.paymentMethod ?? '').length + 4
  }
  const bytes = Buffer.allocUnsafe(length)
  const ends = new Int32Array(n)
  const absAmounts = new Float64Array(n)
  const words = wordsFor(n)
  const charBits = new Uint32Array(CHAR_COUNT * words)
  const digitPairs = new Uint32Array(100 * words)
  let oneMonth = month
  let o = 0
  for (let i = 0; i < n; i++) {
    const row = rows[i] as IndexedRow
    const v = row.row
    const word = i >>> 5
    const bit = 1 << (i & 31)
    for (let f = 0; f < 4; f++) {
      const field = f === 0 ? v.recipientNote : f === 1 ? (v.transactionId ?? '') : f === 2 ? v.payId : (v.paymentMethod ?? '')
      let digit = -1 // the previous character's digit value, or -1 (a pair never spans two fields)
      for (let j = 0; j < field.length; j++) {
        let c = field.charCodeAt(j)
        if (c >= 0x80) return null
        if (c >= 0x41 && c <= 0x5a) c += 0x20
        bytes[o++] = c
        const k = c - FIRST_CHAR
        if (k >= 0 && k < CHAR_COUNT) charBits[k * words + word] = (charBits[k * words + word] as number) | bit
        const d = c - ZERO
        if (d >= 0 && d <= 9) {
          if (digit >= 0) digitPairs[(digit * 10 + d) * words + word] = (digitPairs[(digit * 10 + d) * words + word] as number) | bit
          digit = d
        } else digit = -1
      }
      // NUL between the fields and after the row's last one (see the module comment).
      if (f < 3) bytes[o++] = 0
    }
    ends[i] = o
    bytes[o++] = 0
    absAmounts[i] = Math.abs(v.amount)
    if (row.month !== oneMonth) oneMonth = null
  }
  const text = bytes.toString('latin1', 0, o)
  return { month: oneMonth, rows, text, ends, absAmounts, charBits, digitPairs, ...amountIndex(absAmounts) }
}

function buildChunk(rows: readonly IndexedRow[], month: string | null): Chunk {
  const ascii = buildAsciiChunk(rows, month)
  if (ascii !== null) return ascii
  const n = rows.length
  const ends = new Int32Array(n)
  const absAmounts = new Float64Array(n)
  // The raw fields of all rows joined once and lowercased once: no per-row string is made for
  // the common (ASCII) row, which is what makes building 200k haystacks cheap.
  const fields: string[] = new Array<string>(n * 4)
  let offset = 0
  let oneMonth = month
  for (let i = 0; i < n; i++) {
    const row = rows[i] as IndexedRow
    const v = row.row
    const note = v.recipientNote
    const id = v.transactionId ?? ''
    const method = v.paymentMethod ?? ''
    fields[4 * i] = note
    fields[4 * i + 1] = id
    fields[4 * i + 2] = v.payId
    fields[4 * i + 3] = method
    offset += note.length + id.length + v.payId.length + method.length + 3
    ends[i] = offset
    offset++ // the NUL after it
    absAmounts[i] = Math.abs(v.amount)
    if (row.month !== oneMonth) oneMonth = null
  }
  // A NUL after every haystack: needles never contain one, so no match spans two rows.
  const raw = n === 0 ? '' : fields.join('\u0000') + '\u0000'
  const lower = raw.toLowerCase()
  if (lower.length === raw.length && !hasNonAscii(lower)) return { month: oneMonth, rows, text: lower, ends, absAmounts, ...characterBits(lower, ends), ...amountIndex(absAmounts) }
  // Some row needs folding (search-text.ts): per row, and only those rows do real work.
  const hays: string[] = new Array<string>(n)
  const rawEnds = ends.slice()
  offset = 0
  for (let i = 0; i < n; i++) {
    const hay = lower.length === raw.length ? haystackFromLower(lower.substring(i === 0 ? 0 : (rawEnds[i - 1] as number) + 1, rawEnds[i] as number)) : rowHaystack(rows[i] as IndexedRow)
    hays[i] = hay
    offset += hay.length
    ends[i] = offset
    offset++
  }
  const text = hays.join('\u0000') + '\u0000'
  return { month: oneMonth, rows, text, ends, absAmounts, ...characterBits(text, ends), ...amountIndex(absAmounts) }
}

/** The old chunk if it still describes `rows`, with the new row objects when only they changed. */
function reuse(old: Chunk | undefined, rows: readonly IndexedRow[]): Chunk | null {
  if (old === undefined || old.rows.length !== rows.length) return null
  let same = true
  for (let i = 0; i < rows.length; i++) {
    const a = old.rows[i] as IndexedRow
    const b = rows[i] as IndexedRow
    if (a === b) continue
    if (!sameSearchFields(a, b)) return null
    same = false
  }
  return same ? old : { ...old, rows }
}

/** Index of the row whose haystack contains text offset `pos` (ends is ascending). */
function rowAt(ends: Int32Array, pos: number, from: number): number {
  // Hits of a short needle are dense (often the next row or the one after): look there first.
  if ((ends[from] as number) >= pos) return from
  if (from + 1 < ends.length && (ends[from + 1] as number) >= pos) return from + 1
  let lo = from
  let hi = ends.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((ends[mid] as number) < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Rows whose haystack contains `form`, as `start` + chunk-local index, ascending, each once. */
function scan(chunk: Chunk, form: string, start: number, out: { push(p: number): void }): void {
  const { text, ends } = chunk
  let pos = text.indexOf(form)
  let from = 0
  while (pos !== -1) {
    const i = rowAt(ends, pos, from)
    out.push(start + i)
    from = i + 1
    // Continue after this row's terminator: one hit per row.
    pos = text.indexOf(form, (ends[i] as number) + 1)
  }
}

/** Pushes `start` + the index of every row whose bit is set in `bits[from, from + words)`, ascending. */
function pushBits(bits: Uint32Array, from: number, words: number, rows: number, start: number, out: { push(p: number): void }): void {
  for (let w = 0; w < words; w++) {
    let x = bits[from + w] as number
    while (x !== 0) {
      const low = x & -x
      const row = (w << 5) + 31 - Math.clz32(low)
      if (row < rows) out.push(start + row)
      x ^= low
    }
  }
}

/**
 * Rows whose haystack contains `form`, like `scan`, but through the character bits where they
 * decide faster: a one-character form is answered by its bits alone; a longer one tests only the
 * rows having all its characters when those are few.
 */
/** The bit rows every haystack containing `form` has: its characters and its digit pairs; null when some character has none (beyond ASCII). */
function bitRowsOf(form: string): { chars: number[]; pairs: number[] } | null {
  const chars: number[] = []
  for (let i = 0; i < form.length; i++) {
    const k = form.charCodeAt(i) - FIRST_CHAR
    if (k < 0 || k >= CHAR_COUNT) return null
    if (!chars.includes(k)) chars.push(k)
  }
  const pairs: number[] = []
  for (let i = 1; i < form.length; i++) {
    const a = form.charCodeAt(i - 1) - ZERO
    const b = form.charCodeAt(i) - ZERO
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && !pairs.includes(a * 10 + b)) pairs.push(a * 10 + b)
  }
  return { chars, pairs }
}

/** Whether row `row` of the chunk has every bit of `bitRows` (a cheap test before the substring one). */
function hasBits(chunk: Chunk, row: number, bitRows: { chars: number[]; pairs: number[] }): boolean {
  const words = wordsFor(chunk.ends.length)
  const word = row >>> 5
  const bit = 1 << (row & 31)
  for (const c of bitRows.chars) if (((chunk.charBits[c * words + word] as number) & bit) === 0) return false
  for (const p of bitRows.pairs) if (((chunk.digitPairs[p * words + word] as number) & bit) === 0) return false
  return true
}

function find(chunk: Chunk, form: string, start: number, out: { push(p: number): void }): void {
  const rows = chunk.ends.length
  const words = wordsFor(rows)
  const { charBits, digitPairs, text, ends } = chunk
  const bitRows = bitRowsOf(form)
  if (bitRows === null) return scan(chunk, form, start, out)
  // Offsets of the bit rows every match must have: its characters, then its digit pairs.
  const need = bitRows.chars.map((k) => k * words)
  const pairs = bitRows.pairs.map((p) => p * words)
  // One character or two digits: the bits are the answer.
  if (form.length === 1) return pushBits(charBits, need[0] as number, words, rows, start, out)
  if (form.length === 2 && pairs.length === 1) return pushBits(digitPairs, pairs[0] as number, words, rows, start, out)
  // Rows having every character and digit pair of the form: a superset of the matches.
  const candidates = new Uint32Array(words)
  let count = 0
  for (let w = 0; w < words; w++) {
    let x = -1
    for (let c = 0; c < need.length && x !== 0; c++) x &= charBits[(need[c] as number) + w] as number
    for (let c = 0; c < pairs.length && x !== 0; c++) x &= digitPairs[(pairs[c] as number) + w] as number
    candidates[w] = x
    while (x !== 0) {
      x &= x - 1
      count++
    }
  }
  if (count > rows * CANDIDATE_SHARE) return scan(chunk, form, start, out)
  pushBits(candidates, 0, words, rows, 0, {
    push(row) {
      const from = row === 0 ? 0 : (ends[row - 1] as number) + 1
      // Bounded: a plain indexOf from `from` could run on through the rows after this one.
      if (text.substring(from, ends[row] as number).includes(form)) out.push(start + row)
    }
  })
}

/** "YYYY-MM" → the createdNum (YYYYMMDDHHMMSS) range [from, to) of that month. */
function monthRange(month: string): [number, number] | null {
  const ym = Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7))
  if (!/^\d{4}-\d{2}$/.test(month) || !Number.isFinite(ym)) return null
  return [ym * 1e8, (ym + 1) * 1e8]
}

/** First position in `all` (createdNum descending) whose createdNum is below `bound`. */
function firstBelow(all: readonly IndexedRow[], bound: number): number {
  let lo = 0
  let hi = all.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((all[mid] as IndexedRow).createdNum >= bound) lo = mid + 1
    else hi = mid
  }
  return lo
}

export function createSearchIndex(index: TransactionIndex, chunkRows = CHUNK_ROWS): SearchIndex {
  const CHUNK = Math.max(1, Math.floor(chunkRows))
  let version = -1
  let all: readonly IndexedRow[] = []
  let slots: Slot[] = []
  let previous = new Map<string, Chunk>()

  /** Lays the slots over the current base order; chunks are (re)built lazily. */
  function sync(): void {
    if (version === index.version && all === index.baseOrder()) return
    version = index.version
    all = index.baseOrder()
    const old = new Map<string, Chunk>(previous)
    for (const s of slots) if (s.chunk !== null) old.set(s.key, s.chunk)
    const next: Slot[] = []
    let cursor = 0
    const gap = (to: number): void => {
      for (let s = cursor; s < to; s += CHUNK) next.push({ key: `*${s}`, month: null, start: s, end: Math.min(to, s + CHUNK), chunk: null })
    }
    for (const month of [...index.months()].reverse()) {
      const range = monthRange(month)
      if (range === null) continue
      const lo = Math.max(cursor, firstBelow(all, range[1]))
      const hi = Math.max(lo, firstBelow(all, range[0]))
      if (lo > cursor) gap(lo)
      // Cut from the oldest row up, so rows added at the top move only the newest chunk.
      const monthSlots: Slot[] = []
      for (let end = hi, k = 0; end > lo; end -= CHUNK, k++) {
        monthSlots.push({ key: `${month}#${k}`, month, start: Math.max(lo, end - CHUNK), end, chunk: null })
      }
      next.push(...monthSlots.reverse())
      cursor = hi
    }
    gap(all.length)
    slots = next
    previous = old
  }

  function chunkOf(slot: Slot): Chunk {
    if (slot.chunk === null) {
      const rows = all.slice(slot.start, slot.end)
      slot.chunk = reuse(previous.get(slot.key), rows) ?? buildChunk(rows, slot.month)
      previous.delete(slot.key)
    }
    return slot.chunk
  }

  function slotsFor(months: ReadonlySet<string> | null): Slot[] {
    sync()
    if (months === null) return slots
    // A chunk that turned out not to hold one month only (month null) is always scanned.
    return slots.filter((s) => s.month === null || months.has(s.month) || chunkOf(s).month === null)
  }

  /** Slot holding base position `pos` (slots are consecutive and ascending). */
  function slotAt(pos: number, from: number): number {
    let lo = from
    let hi = slots.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((slots[mid] as Slot).end <= pos) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  function containsAny(chunk: Chunk, i: number, forms: readonly string[]): boolean {
    const start = i === 0 ? 0 : (chunk.ends[i - 1] as number) + 1
    const hay = chunk.text.substring(start, chunk.ends[i] as number)
    return forms.some((f) => hay.includes(f))
  }

  return {
    textPositions(needle, months) {
      const out = new PositionsBuilder(all.length >>> 4)
      const local: number[] = []
      for (const slot of slotsFor(months)) {
        const chunk = chunkOf(slot)
        if (needle.forms.length === 1) {
          find(chunk, needle.forms[0] as string, slot.start, out)
          continue
        }
        // Rare (a needle with diacritics): union of both forms, ascending, once each.
        local.length = 0
        find(chunk, needle.forms[0] as string, slot.start, local)
        find(chunk, needle.forms[1] as string, slot.start, local)
        local.sort((a, b) => a - b)
        let prev = -1
        for (const p of local) {
          if (p !== prev) out.push(p)
          prev = p
        }
      }
      return out.finish()
    },

    narrow(positions, needle) {
      sync()
      const out = new PositionsBuilder(positions.length)
      // One ASCII form (nearly every needle): rows lacking one of its characters or digit pairs
      // are dropped by their bits, without looking at their text.
      const bitRows = needle.forms.length === 1 ? bitRowsOf(needle.forms[0] as string) : null
      let s = 0
      for (let k = 0; k < positions.length; k++) {
        const pos = positions[k] as number
        s = slotAt(pos, s)
        const slot = slots[s] as Slot
        const chunk = chunkOf(slot)
        const i = pos - slot.start
        if (bitRows !== null && !hasBits(chunk, i, bitRows)) continue
        if (containsAny(chunk, i, needle.forms)) out.push(pos)
      }
      return out.finish()
    },

    amountPositions(amounts, months) {
      const out = new PositionsBuilder()
      if (amounts.size === 0) return out.finish()
      const wanted = [...amounts]
      const local: number[] = []
      for (const slot of slotsFor(months)) {
        const { absAmounts, amountKeys, shift } = chunkOf(slot)
        if (amountKeys === null) {
          for (let i = 0; i < absAmounts.length; i++) {
            if (wanted.includes(absAmounts[i] as number)) out.push(slot.start + i)
          }
          continue
        }
        // Each amount's rows are one range of the sorted keys (a few binary searches, not a pass).
        const scale = 2 ** shift
        local.length = 0
        for (const amount of wanted) {
          if (!Number.isInteger(amount) || amount < 0) continue
          for (let k = lowerBound(amountKeys, amount * scale); k < amountKeys.length && (amountKeys[k] as number) < (amount + 1) * scale; k++) {
            local.push((amountKeys[k] as number) - amount * scale)
          }
        }
        if (wanted.length > 1) local.sort((a, b) => a - b)
        let prev = -1
        for (const i of local) {
          if (i !== prev) out.push(slot.start + i)
          prev = i
        }
      }
      return out.finish()
    },

    step() {
      sync()
      for (const slot of slots) {
        if (slot.chunk === null) {
          chunkOf(slot)
          return true
        }
      }
      previous.clear() // everything rebuilt or reused: old chunks can go
      return false
    }
  }
}
