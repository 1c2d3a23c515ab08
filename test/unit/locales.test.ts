/**
 * The UI's translations (src/renderer/locales/<lang>/<namespace>.json): German and English must
 * offer the same keys with the same placeholders, or a user of one language meets a raw key or a
 * sentence with a hole in it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const LOCALES = resolve(__dirname, '../../src/renderer/locales')
const LANGUAGES = ['de', 'en'] as const

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (typeof value === 'string') {
    out.set(prefix, value)
    return out
  }
  // Arrays (e.g. month names, read with returnObjects) must match element by element.
  if (value === null || typeof value !== 'object') throw new Error(`${prefix}: not a string, array or object`)
  for (const [key, inner] of Object.entries(value)) {
    for (const [k, v] of flatten(inner, prefix ? `${prefix}.${key}` : key)) out.set(k, v)
  }
  return out
}

function load(lang: string, file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8')))
}

/** `{{amount}}`, `{{count, number}}` → amount, count */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!).sort()
}

/** i18next plural forms of one key (German and English both use _one/_other). */
function baseKey(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '')
}

describe('translation resources', () => {
  const files = readdirSync(join(LOCALES, 'en')).sort()

  it('every namespace exists in both languages', () => {
    expect(files.length).toBeGreaterThan(5)
    for (const lang of LANGUAGES) expect(readdirSync(join(LOCALES, lang)).sort()).toEqual(files)
  })

  for (const file of files) {
    it(`${file}: German and English have the same keys and placeholders, no one-sided blanks`, () => {
      const de = load('de', file)
      const en = load('en', file)
      expect([...de.keys()].sort()).toEqual([...en.keys()].sort())
      for (const [key, text] of en) {
        // Empty on purpose in both (e.g. "no refund state" shows nothing), never in only one.
        expect(de.get(key)!.trim() === '', `${file} ${key} is empty in one language only`).toBe(text.trim() === '')
        // Plural forms may leave the count out ("one refund"); everything else keeps its holes.
        const deHoles = placeholders(de.get(key)!)
        const enHoles = placeholders(text)
        if (baseKey(key) === key) expect(deHoles, `${file} ${key}`).toEqual(enHoles)
        else expect(deHoles.filter((h) => h !== 'count'), `${file} ${key}`).toEqual(enHoles.filter((h) => h !== 'count'))
      }
    })
  }
})
