/**
 * The keys of the rows a cold open read, held without a key string or a Map entry per row: an
 * open-addressing table of 32-bit hashes and row positions in two typed arrays.
 *
 * A cold open the cache does not vouch for (a month written since meta was, a move between months
 * that may have been interrupted) must tell a row whose key it already holds from a new one, so
 * that the row count stays exact. A `Map` from key strings did that for 200k rows at
 * ~300 ms (a key string built per row, hashed, copied when the map grows, all of it traced by the
 * garbage collector); hashing the transaction id in place into a typed table costs a few ms. Key
 * strings are made only for rows without a transaction id, and for the rare hash collision.
 */
import type { EncodedRow } from '../storage/transaction-shard-codec'
import { cellsKey } from '../storage/transaction-cache'

/** The transaction id a key is made from (`id:<id>`), or null when the row has none. */
function idOf(cells: EncodedRow): string | null {
  const id = cells[1]
  return typeof id === 'string' && id !== '' ? id : null
}

/** FNV-1a over the UTF-16 code units. */
function hashText(s: string, seed: number): number {
  let h = seed
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h
}

const ID_SEED = 0x811c9dc5 | 0
// Another seed for keys without an id, so `id:x` and a `k:` key never hash alike by construction.
const K_SEED = 0x050c5d1f

/** True when both rows have the same cache key (`cellsKey`), without building it when an id decides. */
function sameKey(a: EncodedRow, b: EncodedRow): boolean {
  const ia = idOf(a)
  const ib = idOf(b)
  if (ia !== null || ib !== null) return ia === ib
  return cellsKey(a) === cellsKey(b)
}

export interface LoadedKeys {
  /**
   * Records the key of `cells`, found at `position` of the caller's row list; false (nothing
   * recorded) when a row with the same key was recorded before.
   */
  add(cells: EncodedRow, position: number): boolean
}

/**
 * A table over `list`, the caller's row list (positions index it; read again to compare keys on
 * a hash match), holding the keys of the rows in it now. The caller adds later rows.
 */
export function createLoadedKeys(list: readonly EncodedRow[]): LoadedKeys {
  const rowAt = (position: number): EncodedRow => list[position] as EncodedRow
  // Slot i is table[2i] (the hash) and table[2i + 1] (position + 1; 0 marks an empty slot): one
  // cache line per probe. At most half full; grown fourfold, so a 200k-row open grows it a few
  // times only (every fresh page of a new table costs a fault).
  let capacity = 1 << 12
  let table = new Int32Array(capacity * 2)
  let size = 0

  function place(into: Int32Array, mask: number, h: number, slot: number): void {
    let at = h & mask
    while (into[2 * at + 1] !== 0) at = (at + 1) & mask
    into[2 * at] = h
    into[2 * at + 1] = slot
  }

  function grow(): void {
    const old = table
    capacity *= 4
    table = new Int32Array(capacity * 2)
    const mask = capacity - 1
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) place(table, mask, old[i] as number, old[i + 1] as number)
  }

  const keys: LoadedKeys = {
    add(cells, position) {
      if ((size + 1) * 2 > capacity) grow()
      const id = idOf(cells)
      const h = id !== null ? hashText(id, ID_SEED) : hashText(cellsKey(cells), K_SEED)
      const mask = capacity - 1
      let at = h & mask
      for (;;) {
        const slot = table[2 * at + 1] as number
        if (slot === 0) break
        if (table[2 * at] === h && sameKey(rowAt(slot - 1), cells)) return false
        at = (at + 1) & mask
      }
      table[2 * at] = h
      table[2 * at + 1] = position + 1
      size++
      return true
    }
  }
  // Rows the caller held before it needed the check were vouched for: a repeat among them is not
  // looked for (it would only be left out of the table).
  for (let i = 0; i < list.length; i++) keys.add(list[i] as EncodedRow, i)
  return keys
}
