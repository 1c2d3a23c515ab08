/**
 * Comparators for every `SortColumn`. Ties (and equal values) fall back to the base order
 * (createdAt desc, then key), via the precomputed rank, so the order is total and stable
 * across queries and pages. Text compares by lowercased code units, not Intl.Collator: a
 * collator costs ~1 s on 200k rows, and ids/notes sort acceptably this way.
 * Missing values (null fees, no transaction id) go last in both directions.
 */
import type { SortColumn } from '@shared/views'
import type { IndexedRow } from './indexed-row'

type Value = number | string | null
type Extract = (r: IndexedRow) => Value

/** Digit-only pay_ids sort numerically ("999" before "1000"). */
function payIdValue(r: IndexedRow): Value {
  const id = r.row.payId
  return /^\d{1,15}$/.test(id) ? Number(id) : id.toLowerCase()
}

const lower = (s: string | null): string | null => (s === null || s === '' ? null : s.toLowerCase())

const EXTRACT: Record<SortColumn, Extract> = {
  createdAt: (r) => r.createdNum,
  payId: payIdValue,
  transactionId: (r) => lower(r.row.transactionId),
  recipientNote: (r) => lower(r.row.recipientNote),
  transactionType: (r) => lower(r.row.transactionType),
  status: (r) => lower(r.row.status),
  paymentMethod: (r) => lower(r.row.paymentMethod),
  amount: (r) => r.row.amount,
  netAmount: (r) => r.row.netAmount,
  serviceFee: (r) => r.row.serviceFee
}

/** The columns whose values are numbers (or missing): sorted without boxing. */
const NUMERIC: Partial<Record<SortColumn, (r: IndexedRow) => number | null>> = {
  createdAt: (r) => r.createdNum,
  amount: (r) => r.row.amount,
  netAmount: (r) => r.row.netAmount,
  serviceFee: (r) => r.row.serviceFee
}

function compareValues(av: Value, bv: Value, sign: number): number {
  if (av === bv) return 0
  if (av === null) return 1
  if (bv === null) return -1
  // Mixed types only for pay_id (numeric vs text ids): numbers first.
  if (typeof av !== typeof bv) return typeof av === 'number' ? -sign : sign
  return av < bv ? -sign : sign
}

/**
 * The order `sortRows` produces, as a comparator: for placing a few rows into an already sorted
 * list (amount matches into text matches) without sorting the whole list again.
 */
export function rowComparator(column: SortColumn, direction: 'asc' | 'desc'): (a: IndexedRow, b: IndexedRow) => number {
  if (column === 'createdAt') {
    return direction === 'desc' ? (a, b) => a.rank - b.rank : (a, b) => a.createdNum - b.createdNum || a.rank - b.rank
  }
  const extract = EXTRACT[column]
  const sign = direction === 'asc' ? 1 : -1
  return (a, b) => compareValues(extract(a), extract(b), sign) || a.rank - b.rank
}

/**
 * Sorts `rows` in place. Values and ranks are extracted once into flat arrays and an index
 * array is sorted (no per-row wrapper objects: on 200k rows those cost more in GC than the
 * comparisons themselves).
 */
const byRank = (a: IndexedRow, b: IndexedRow): number => a.rank - b.rank

export function sortRows(rows: IndexedRow[], column: SortColumn, direction: 'asc' | 'desc'): IndexedRow[] {
  if (column === 'createdAt') {
    // The base order is createdAt desc / key asc, and `rank` is the position in it (refreshed by
    // baseOrder() before every query): desc is an integer compare. asc reverses the time but keeps
    // key asc, so it needs the full comparator.
    rows.sort(direction === 'desc' ? byRank : rowComparator(column, direction))
    return rows
  }
  const extract = EXTRACT[column]
  const sign = direction === 'asc' ? 1 : -1
  const n = rows.length
  const values: Value[] = new Array<Value>(n)
  const ranks = new Int32Array(n)
  const order = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const row = rows[i] as IndexedRow
    values[i] = extract(row)
    ranks[i] = row.rank
    order[i] = i
  }
  order.sort((a, b) => {
    return compareValues(values[a] as Value, values[b] as Value, sign) || (ranks[a] as number) - (ranks[b] as number)
  })
  const copy = rows.slice()
  for (let i = 0; i < n; i++) rows[i] = copy[order[i] as number] as IndexedRow
  return rows
}

/**
 * Base-order positions in the order `sortRows` gives their rows (`all` is the base order, so a
 * row's position is its rank). Returns a new array; `positions` may come in any order.
 */
export function sortPositions(all: readonly IndexedRow[], positions: ArrayLike<number>, column: SortColumn, direction: 'asc' | 'desc'): Int32Array {
  const n = positions.length
  const order = Int32Array.from(positions)
  if (column === 'createdAt' && direction === 'desc') return order.sort()
  // createdAt asc is createdNum asc, then the base order (key asc): the paths below.
  const extract = EXTRACT[column]
  const sign = direction === 'asc' ? 1 : -1
  const numeric = NUMERIC[column]
  if (numeric !== undefined) {
    // Numbers in a Float64Array (NaN = missing): no boxed value per row for the GC to collect.
    const nums = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const v = numeric(all[order[i] as number] as IndexedRow)
      nums[i] = v === null ? NaN : v
    }
    const slots = new Uint32Array(n)
    for (let i = 0; i < n; i++) slots[i] = i
    slots.sort((a, b) => {
      const x = nums[a] as number
      const y = nums[b] as number
      if (x !== y) {
        // Missing values last in both directions; NaN !== NaN, so two missing ones tie below.
        if (x !== x) return y !== y ? (order[a] as number) - (order[b] as number) : 1
        if (y !== y) return -1
        return x < y ? -sign : sign
      }
      return (order[a] as number) - (order[b] as number)
    })
    const out = new Int32Array(n)
    for (let i = 0; i < n; i++) out[i] = order[slots[i] as number] as number
    return out
  }
  // Values extracted once, by slot in `order` (not per comparison).
  const values: Value[] = new Array<Value>(n)
  const slots = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    values[i] = extract(all[order[i] as number] as IndexedRow)
    slots[i] = i
  }
  slots.sort((a, b) => compareValues(values[a] as Value, values[b] as Value, sign) || (order[a] as number) - (order[b] as number))
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = order[slots[i] as number] as number
  return out
}

/** Every base-order position in the given order: a whole result sorted once, shared by its subsets. */
export function sortPermutation(all: readonly IndexedRow[], column: SortColumn, direction: 'asc' | 'desc'): Int32Array {
  const identity = new Int32Array(all.length)
  for (let i = 0; i < identity.length; i++) identity[i] = i
  return column === 'createdAt' && direction === 'desc' ? identity : sortPositions(all, identity, column, direction)
}
