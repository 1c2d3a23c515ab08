/**
 * Lists of base-order positions as Int32Arrays. A search can match 100k+ rows on every
 * keystroke; a plain array of that many numbers costs more to grow (and to collect afterwards)
 * than the scan that found them, a typed array a fraction of it.
 */
export type Positions = Int32Array

/** Appends positions to a typed array that doubles when full. */
export class PositionsBuilder {
  private data: Int32Array
  length = 0

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity))
  }

  push(p: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = p
  }

  /** The positions pushed so far (a copy trimmed to size: the builder may be reused). */
  finish(): Positions {
    return this.data.slice(0, this.length)
  }
}

/** The positions whose `test` holds, in their order. */
export function filterPositions(positions: Positions, test: (p: number) => boolean): Positions {
  const out = new PositionsBuilder(positions.length)
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as number
    if (test(p)) out.push(p)
  }
  return out.finish()
}

/** Union of two ascending position lists, ascending, each position once. */
export function mergeAscending(a: Positions, b: Positions): Positions {
  if (b.length === 0) return a
  if (a.length === 0) return b
  const out = new Int32Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x < y) {
      out[k++] = x
      i++
    } else if (y < x) {
      out[k++] = y
      j++
    } else {
      out[k++] = x
      i++
      j++
    }
  }
  while (i < a.length) out[k++] = a[i++] as number
  while (j < b.length) out[k++] = b[j++] as number
  return k === out.length ? out : out.slice(0, k)
}
