import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openReviewStore } from '../../src/main/services/settings/review-store'
import { DEFAULT_SETTINGS, openSettingsStore } from '../../src/main/services/settings/settings-store'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'

const dirs: string[] = []
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'settings-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('settings store', () => {
  it('persists updates across re-opening', () => {
    const d = dir()
    openSettingsStore({ dir: d, engine: createConfEngine() }).update({ language: 'de', theme: 'dark', environment: 'demo' })
    const again = openSettingsStore({ dir: d, engine: createConfEngine() }).get()
    expect(again).toMatchObject({ language: 'de', theme: 'dark', environment: 'demo', historyWindowMonths: 13 })
  })

  it('sets a corrupt file aside (not deleted), starts from defaults and says so', () => {
    const d = dir()
    writeFileSync(join(d, 'settings.json'), '{"language": "de", ')
    const store = openSettingsStore({ dir: d, engine: createConfEngine(), now: () => new Date(1_700_000_000_000) })
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const aside = join(d, 'settings.corrupt-1700000000000.json')
    expect(store.notices[0]).toEqual({ code: 'file_set_aside', params: { file: 'settings', setAsideAs: aside } })
    expect(readFileSync(aside, 'utf8')).toBe('{"language": "de", ')
  })

  it('ignores individual invalid values but keeps the valid ones', () => {
    const d = dir()
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ language: 'fr', theme: 'dark', historyWindowMonths: -3 }))
    expect(openSettingsStore({ dir: d, engine: createConfEngine() }).get()).toMatchObject({ language: null, theme: 'dark', historyWindowMonths: 13 })
  })
})

describe('review store', () => {
  it('keeps ticks per month across re-opening and un-ticks', () => {
    const d = dir()
    const store = openReviewStore({ dir: d, engine: createConfEngine() })
    store.setReviewed('2026-05', ['id:a', 'id:b'], true)
    store.setReviewed('2026-05', ['id:a'], false)
    store.setReviewed('2026-06', ['id:c'], true)
    const again = openReviewStore({ dir: d, engine: createConfEngine() })
    expect(again.reviewedKeys('2026-05')).toEqual(['id:b'])
    expect(again.reviewedKeys('2026-06')).toEqual(['id:c'])
  })

  it('sets a corrupt ticks file aside instead of crashing', () => {
    const d = dir()
    writeFileSync(join(d, 'reviews.json'), 'not json')
    const store = openReviewStore({ dir: d, engine: createConfEngine() })
    expect(store.reviewedKeys('2026-05')).toEqual([])
    expect(store.notices).toHaveLength(1)
    expect(readdirSync(d).some((f) => f.startsWith('reviews.corrupt-'))).toBe(true)
    expect(existsSync(join(d, 'reviews.json'))).toBe(false) // nothing written until the first tick
  })
})
