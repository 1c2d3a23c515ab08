import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire } from '../../src/browser-host/wire-json'

/** What the page (or main) gets after one trip over the Chromium host's bridge. */
const trip = (value: unknown): unknown => decodeWire(encodeWire(value))

describe('the Chromium bridge wire format', () => {
  it('carries an answer of plain data unchanged, as plain JSON', () => {
    const answer = {
      ok: true,
      value: {
        total: 200_000,
        offset: 0,
        rows: [{ key: 'k1', amount: 1250, netAmount: null, recipientNote: 'Müller – Straße "12,50 €"\n', refundState: 'none', flags: [true, false] }],
        totals: null,
        dataAsOf: '2026-11-30T10:00:00.000Z'
      }
    }
    const text = encodeWire(answer)
    expect(text.startsWith('J')).toBe(true)
    expect(decodeWire(text)).toEqual(answer)
  })

  it('keeps undefined properties and array entries (the router refuses them in an argument: they must still arrive)', () => {
    const back = trip({ a: undefined, b: [1, undefined, 3], c: { d: undefined } }) as Record<string, unknown>
    expect(Object.hasOwn(back, 'a')).toBe(true)
    expect(back['a']).toBeUndefined()
    expect(back['b']).toEqual([1, undefined, 3])
    expect((back['b'] as unknown[]).length).toBe(3)
    expect(Object.hasOwn(back['c'] as object, 'd')).toBe(true)
    expect(trip(undefined)).toBeUndefined()
  })

  it('keeps the numbers JSON cannot write', () => {
    const back = trip({ nan: NaN, inf: Infinity, ninf: -Infinity, nzero: -0, zero: 0, n: 1.5 }) as Record<string, number>
    expect(back['nan']).toBeNaN()
    expect(back['inf']).toBe(Infinity)
    expect(back['ninf']).toBe(-Infinity)
    expect(Object.is(back['nzero'], -0)).toBe(true)
    expect(Object.is(back['zero'], 0)).toBe(true)
    expect(back['n']).toBe(1.5)
  })

  it('keeps Dates as Dates, bigints and Errors', () => {
    const when = new Date('2026-03-29T01:30:00.000Z')
    const error = new TypeError('bad thing')
    const back = trip({ when, invalid: new Date(NaN), big: 12345678901234567890n, error }) as Record<string, unknown>
    expect(back['when']).toBeInstanceOf(Date)
    expect((back['when'] as Date).getTime()).toBe(when.getTime())
    expect(Number.isNaN((back['invalid'] as Date).getTime())).toBe(true)
    expect(back['big']).toBe(12345678901234567890n)
    expect(back['error']).toBeInstanceOf(Error)
    expect((back['error'] as Error).name).toBe('TypeError')
    expect((back['error'] as Error).message).toBe('bad thing')
  })

  it('turns functions and symbols into undefined, as the binding did', () => {
    const back = trip({ f: () => 1, s: Symbol('x') }) as Record<string, unknown>
    expect(Object.keys(back).sort()).toEqual(['f', 's'])
    expect(back['f']).toBeUndefined()
    expect(back['s']).toBeUndefined()
  })

  it('cannot be fooled by data that looks like a tag', () => {
    const forged = { '\u0000w': 'u', other: 1 }
    const nested = { rows: [forged], map: { '\u0000w': 'd', v: 0 } }
    expect(trip(forged)).toEqual(forged)
    expect(trip(nested)).toEqual(nested)
    // A forged tag inside plain text is plain text.
    expect(decodeWire('J' + JSON.stringify({ '\u0000w': 'u' }))).toEqual({ '\u0000w': 'u' })
  })

  it('never lets a "__proto__" key reach a prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "when": 1}') as Record<string, unknown>
    hostile['when'] = new Date(0) // forces the tagged path, which walks every property
    const back = trip(hostile) as Record<string, unknown>
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype)
    expect(Object.hasOwn(back, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    const escaped = trip(JSON.parse('{"\\u0000w": 1, "__proto__": {"polluted": true}}')) as Record<string, unknown>
    expect(Object.getPrototypeOf(escaped)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('refuses what it cannot carry faithfully instead of altering it', () => {
    expect(() => encodeWire({ m: new Map([[1, 2]]) })).toThrow(TypeError)
    expect(() => encodeWire({ s: new Set([1]) })).toThrow(TypeError)
    expect(() => encodeWire({ b: new Uint8Array(2) })).toThrow(TypeError)
    expect(() => encodeWire({ r: /x/ })).toThrow(TypeError)
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(() => encodeWire(cyclic)).toThrow(TypeError)
  })

  it('rejects text that is not a bridge message', () => {
    expect(() => decodeWire('{"a":1}')).toThrow()
    expect(() => decodeWire('')).toThrow()
    expect(() => decodeWire('J{')).toThrow()
  })
})
