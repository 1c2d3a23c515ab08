/**
 * Progressive start: the window's workspace indexes the newest cache month before it opens and
 * the older months in later event-loop turns, once the first screen is answered (or after a
 * while), says so in the sync state, and lets a sync start only once every cached row is indexed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { SyncState, TransactionQuery } from '../../src/shared/views'
import { openWorkspace } from '../../src/main/app/workspace'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache } from '../../src/main/services/storage/transaction-cache'
import { syntheticRows } from '../../bench/cache-synthetic-rows'

let dataDir: string
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progressive-start-'))
})
afterEach(() => {
  // A test that fakes the clock and then times out never reaches its own restore.
  vi.useRealTimers()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const rows = syntheticRows(6000, 6)
const newestMonth = rows.map((r) => r.createdAt.slice(0, 7)).sort().at(-1) as string
const newestCount = rows.filter((r) => r.createdAt.startsWith(newestMonth)).length

/** `firstScreenWaitMs`: 0 unless a test is about that wait (the older months start at once). */
function open(progressive: boolean, states: SyncState[] = [], firstScreenWaitMs = 0): ReturnType<typeof openWorkspace> {
  return openWorkspace({
    env: 'demo',
    dirName: 'demo',
    dataDir,
    engine: createConfEngine(),
    getClient: () => null,
    now: () => new Date('2026-01-15T12:00:00Z'),
    osUser: 'tester',
    historyWindowMonths: () => 13,
    onSyncState: (s) => states.push(s),
    progressiveCacheLoad: progressive,
    firstScreenWaitMs
  })
}

/** The window's first screen: page 0 of the unfiltered list, newest first. */
const FIRST_SCREEN: TransactionQuery = { filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }, sort: { column: 'createdAt', direction: 'desc' }, offset: 0, limit: 30 }

/**
 * Records the warm-up stages the workspace's engine runs (the index's `sortStep` and `mapStep`)
 * with the row count the index had at each call.
 */
function recordSteps(ws: ReturnType<typeof openWorkspace>): Array<[string, number]> {
  const seen: Array<[string, number]> = []
  for (const name of ['sortStep', 'mapStep'] as const) {
    const step = ws.index[name].bind(ws.index)
    ws.index[name] = () => {
      seen.push([name, ws.index.size])
      return step()
    }
  }
  return seen
}

/** Lets the background tasks (timers) take `turns` turns. */
async function timerTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

it('indexes the newest month first, older months in later turns, and reports the progress', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const states: SyncState[] = []
  const ws = open(true, states)
  // The newest rows are queryable as soon as the workspace is open…
  expect(ws.index.size).toBe(newestCount)
  expect(ws.index.months()).toEqual([newestMonth])
  expect(ws.sync.state().cacheLoad).toEqual({ monthsLoaded: 1, monthsTotal: 6 })
  // …and a sync asked for now starts only after every cached row is indexed.
  const run = ws.sync.run()
  await ws.cacheLoaded
  expect(ws.index.size).toBe(rows.length)
  expect(ws.sync.state().cacheLoad).toBeNull()
  expect((await run).status).toBe('needs_key')
  const progress = states.map((s) => s.cacheLoad?.monthsLoaded ?? null)
  expect(progress.filter((p) => p !== null)).toEqual([1, 2, 3, 4, 5])
  ws.close()
})

it('an answer given while older months are read says it is partial; the one after the load does not', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true)
  const early = ws.engine.query(FIRST_SCREEN)
  expect(early.total).toBe(newestCount)
  // The window dims count and totals of such an answer (TransactionsScreen).
  expect(early.partial).toBe(true)
  await ws.cacheLoaded
  const full = ws.engine.query(FIRST_SCREEN)
  expect(full.total).toBe(rows.length)
  expect(full).not.toHaveProperty('partial')
  ws.close()
})

it('work that needs every row starts the older months at once, without waiting for a first screen', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  // The window shows another screen: without a query the older months would wait a minute here.
  const ws = open(true, [], 60_000)
  await loopTurns(3)
  expect(ws.index.size).toBe(newestCount)
  await ws.whenLoaded()
  expect(ws.index.size).toBe(rows.length)
  ws.close()
})

it('work that needs every row refuses when the workspace closed before its last month was read', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true, [], 60_000)
  const waiting = ws.whenLoaded()
  // Another account opens: this workspace is closed, its load stops.
  ws.close()
  await expect(waiting).rejects.toMatchObject({ code: 'account_switched' })
  expect(ws.index.size).toBeLessThan(rows.length)
})

it('a workspace closed after its last month was read still has every row for work under way', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true)
  await ws.whenLoaded()
  ws.close()
  await expect(ws.whenLoaded()).resolves.toBeUndefined()
})

it('the window\'s sync at start waits for the older months without pulling them ahead of the first screen', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true, [], 60_000)
  const run = ws.sync.run()
  await loopTurns(5)
  expect(ws.index.size).toBe(newestCount)
  ws.engine.query(FIRST_SCREEN)
  await ws.cacheLoaded
  expect((await run).status).toBe('needs_key')
  expect(ws.index.size).toBe(rows.length)
  ws.close()
})

it('a workspace that reads its cache at once (the CLI) never answers partially', () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(false)
  expect(ws.engine.query(FIRST_SCREEN)).not.toHaveProperty('partial')
  ws.close()
})

/** Lets the event loop take `turns` turns of every kind (immediates and timers). */
async function loopTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

it('the older months wait for the first screen: read alongside the window\'s start, they slowed it', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true, [], 60_000)
  await loopTurns(30)
  expect(ws.index.size).toBe(newestCount)
  expect(ws.sync.state().cacheLoad).toEqual({ monthsLoaded: 1, monthsTotal: 6 })
  // The first screen is answered from the newest month; the load goes on once it is out.
  expect(ws.engine.query(FIRST_SCREEN).total).toBe(newestCount)
  await ws.cacheLoaded
  expect(ws.index.size).toBe(rows.length)
  expect(ws.engine.query(FIRST_SCREEN).total).toBe(rows.length)
  ws.close()
})

it('without a first screen (the window shows another screen), the older months start after the wait', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  // The wait's clock is faked, the event loop's turns are real: a busy machine cannot make the
  // wait look over before its time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  try {
    // (loopTurns waits for a timer too, which the fake clock would hold.)
    const immediateTurns = async (turns: number): Promise<void> => {
      for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve))
    }
    const ws = open(true, [], 40)
    await immediateTurns(10)
    expect(ws.index.size).toBe(newestCount)
    vi.advanceTimersByTime(39)
    await immediateTurns(10)
    expect(ws.index.size).toBe(newestCount)
    vi.advanceTimersByTime(1)
    await ws.cacheLoaded
    expect(ws.index.size).toBe(rows.length)
    ws.close()
  } finally {
    vi.useRealTimers()
  }
})

it('the window\'s first screen is prepared while its page starts: the first query finds the work done', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true, [], 60_000)
  await loopTurns(2)
  let facts = 0
  const monthFacts = ws.index.monthFacts.bind(ws.index)
  ws.index.monthFacts = (visit) => {
    facts++
    return monthFacts(visit)
  }
  expect(ws.engine.query(FIRST_SCREEN).total).toBe(newestCount)
  expect(facts).toBe(0)
  ws.close()
})

it('a workspace closed in the turn it opens prepares no first screen', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true, [], 60_000)
  let facts = 0
  const monthFacts = ws.index.monthFacts.bind(ws.index)
  ws.index.monthFacts = (visit) => {
    facts++
    return monthFacts(visit)
  }
  ws.close()
  await loopTurns(3)
  expect(facts).toBe(0)
})

it('a workspace closed before its first screen ends its load at once, without waiting for the first screen', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true, [], 60_000)
  ws.close()
  let ended = false
  void ws.cacheLoaded.then(() => (ended = true))
  await loopTurns(5)
  expect(ended).toBe(true)
  expect(ws.index.size).toBe(newestCount)
})

it('without progressive loading (CLI) everything is indexed before the workspace opens', () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(false)
  expect(ws.index.size).toBe(rows.length)
  expect(ws.sync.state().cacheLoad ?? null).toBeNull()
  ws.close()
})

it('closing the workspace stops a progressive load, and its background build never starts', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true)
  const seen = recordSteps(ws)
  ws.engine.query(FIRST_SCREEN)
  ws.close()
  await ws.cacheLoaded
  await timerTurns(50)
  expect(ws.index.size).toBe(newestCount)
  expect(seen).toEqual([])
})

it('after the newest month, no event-loop turn indexes more than one slice of rows', async () => {
  // 12,000 rows over 3 months: 4,000 per month, so every older month takes two slices.
  const big = syntheticRows(12_000, 3)
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(big)
  const { ROWS_PER_STEP } = await import('../../src/main/services/sync/cache-months-loader')
  const ws = open(true)
  const sizes: number[] = []
  let last = ws.index.size
  // Sample the index between turns until the load is complete.
  while (ws.sync.state().cacheLoad != null) {
    await new Promise((resolve) => setImmediate(resolve))
    sizes.push(ws.index.size - last)
    last = ws.index.size
  }
  expect(ws.index.size).toBe(12_000)
  expect(Math.max(...sizes)).toBeLessThanOrEqual(ROWS_PER_STEP)
  ws.close()
})

it('the query engine\'s background build waits for the last cached month, then runs', async () => {
  openTransactionCache({ dir: path.join(dataDir, 'demo', 'cache') }).replaceAll(rows)
  const ws = open(true)
  // The rows each warm-up stage saw: every month the load adds is a new index version, and
  // work done on one before the last would be thrown away.
  const seen = recordSteps(ws)
  // The window's first screen, answered from the newest month; it asks for the warm-up.
  expect(ws.engine.query(FIRST_SCREEN).rows).toHaveLength(30)
  await ws.cacheLoaded
  await timerTurns(300)
  // It ran to its last stage (the maps), and only ever on every cached row.
  expect(seen.filter(([name]) => name === 'sortStep').length).toBeGreaterThan(1)
  expect(seen.at(-1)).toEqual(['mapStep', rows.length])
  expect(seen.filter(([, size]) => size !== rows.length)).toEqual([])
  ws.close()
})
