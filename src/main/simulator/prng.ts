/**
 * Small seeded PRNG (mulberry32). The simulator never uses Math.random: the same seed and the
 * same clock must give byte-identical data and the same injected faults (docs/architecture.md#testing).
 */

export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** n characters from [A-Za-z0-9]. */
  alnum(n: number): string
  /** n lowercase hex characters. */
  hex(n: number): string
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'

export function createPrng(seed: number): Prng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const codes: number[] = []
  const fromAlphabet = (alphabet: string, n: number): string => {
    codes.length = n
    for (let i = 0; i < n; i++) codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length))
    return String.fromCharCode(...codes)
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new RangeError('pick() from an empty list')
      return item
    },
    alnum: (n) => fromAlphabet(ALNUM, n),
    hex: (n) => fromAlphabet(HEX, n)
  }
}

/** Derives an independent stream from a seed (so data and fault streams don't interfere). */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0
}
