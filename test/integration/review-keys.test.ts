/**
 * setReviewed through the real IPC router and core (Demo = real simulator on loopback): only keys
 * of that month's rows in the index are accepted, never more keys than the month has rows, and a
 * refused call writes nothing — the reviews file stays byte-for-byte as it was.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { toIpcError } from '../../src/main/ipc/ipc-errors'
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../src/main/ipc/ipc-router'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { IPC_METHODS } from '../../src/shared/ipc-channels'
import type { QueryResult } from '../../src/shared/views'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'
import { busiestMonth } from '../support/busiest-month'

const sender: SenderInfo = { webContentsId: 1, isMainFrame: true, frameUrl: 'app://secpaid/' }

let dir: string
let core: AppCore
let router: IpcRouter
let month: string
let monthKeys: string[]
let otherMonthKey: string

function reviewsFile(): string {
  return join(dir, 'demo', 'reviews.json')
}
function reviewsHash(): string {
  return existsSync(reviewsFile()) ? createHash('sha256').update(readFileSync(reviewsFile())).digest('hex') : 'absent'
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'review-keys-'))
  const access = createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: null, startDemo: () => startDemoBackend({ rows: 300 }), loopbackRateLimitPerMinute: null })
  core = await createAppCore({ loaders: staticModuleLoaders, dataDir: dir, engine: createConfEngine(), keychain: createMemorySecretStore(), access, osUser: 'tester', forceEnvironment: 'demo' })
  router = createIpcRouter(core.handlers, { isTrustedSender: () => true, toIpcError: (e) => toIpcError(e) })
  expect(await router.dispatch(IPC_METHODS.runSync, sender, { full: false })).toMatchObject({ ok: true })
  const all = await router.dispatch(IPC_METHODS.queryTransactions, sender, {
    filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' },
    sort: { column: 'createdAt', direction: 'desc' },
    offset: 0,
    limit: 1000
  })
  if (!all.ok) throw new Error(all.error.message)
  const rows = (all.value as QueryResult).rows
  month = busiestMonth(rows)
  monthKeys = rows.filter((r) => r.createdAt.startsWith(month)).map((r) => r.key)
  otherMonthKey = rows.find((r) => !r.createdAt.startsWith(month))!.key
})

afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('setReviewed accepts only keys of the month', () => {
  it('ticks and unticks rows of the month', async () => {
    const result = await router.dispatch(IPC_METHODS.setReviewed, sender, { month, keys: monthKeys.slice(0, 2), reviewed: true })
    expect(result).toMatchObject({ ok: true, value: { month, reviewedKeys: monthKeys.slice(0, 2) } })
    const undo = await router.dispatch(IPC_METHODS.setReviewed, sender, { month, keys: [monthKeys[1]], reviewed: false })
    expect(undo).toMatchObject({ ok: true, value: { reviewedKeys: [monthKeys[0]] } })
  })

  it.each([
    ['an invented key', () => ({ month, keys: ['id:invented'], reviewed: true }), 'unknown_review_key'],
    ['a key of another month', () => ({ month, keys: [otherMonthKey], reviewed: true }), 'unknown_review_key'],
    ['one invented key among real ones', () => ({ month, keys: [...monthKeys.slice(0, 3), 'id:x'], reviewed: true }), 'unknown_review_key'],
    ['un-ticking an invented key', () => ({ month, keys: ['id:never-ticked'], reviewed: false }), 'unknown_review_key'],
    ['a month without rows', () => ({ month: '1999-01', keys: [monthKeys[0]], reviewed: true }), 'too_many_review_keys'],
    [
      '1 MB of invented keys',
      () => ({ month, keys: Array.from({ length: 5000 }, (_, i) => `id:${String(i).padStart(196, 'x')}`), reviewed: true }),
      'too_many_review_keys'
    ],
    [
      'as many invented keys as the month has rows',
      () => ({ month, keys: monthKeys.map((_, i) => `id:fake-${i}`), reviewed: true }),
      'unknown_review_key'
    ]
  ])('refuses %s with a typed error and writes nothing', async (_label, arg, code) => {
    const before = reviewsHash()
    const state = await router.dispatch(IPC_METHODS.getReviewState, sender, { month })
    const result = await router.dispatch(IPC_METHODS.setReviewed, sender, arg())
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_argument', code } })
    expect(reviewsHash()).toBe(before)
    expect(await router.dispatch(IPC_METHODS.getReviewState, sender, { month })).toEqual(state)
  })

  it('keeps the reviews file small: only real keys of real months in it', () => {
    const file = JSON.parse(readFileSync(reviewsFile(), 'utf8')) as Record<string, string[]>
    expect(Object.keys(file)).toEqual([month])
    expect(file[month]!.every((k) => monthKeys.includes(k))).toBe(true)
    expect(readdirSync(join(dir, 'demo')).filter((f) => f.startsWith('reviews'))).toEqual(['reviews.json'])
  })
})
