/**
 * Local-first delivery (team-outbox.ts) against a real PostgreSQL: two PCs keep working while the
 * database is away and deliver everything once it is back; a PC killed with SIGKILL mid-push
 * delivers every event exactly once after its restart.
 *
 * This file stops and restarts its server, so it has a cluster of its own
 * (startPostgresServer), not the run's shared one.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { OUTBOX_FILE, REJECTED_FILE, UNREADABLE_FILE, openTeamOutbox, type TeamOutbox } from '../../src/main/services/team/team-outbox'
import { openTeamStore, type TeamStore } from '../../src/main/services/team/team-store'
import type { TeamEvent } from '../../src/main/services/team/team-events'
import { startPostgresServer, type PostgresServer } from '../support/postgres-server'
import { teamTestEvents } from './team-test-events'

const ROOT = path.resolve(import.meta.dirname, '../..')
const CHILD = path.join(import.meta.dirname, 'team-push-child.ts')

let server: PostgresServer
let url: string
const stores: TeamStore[] = []
const dirs: string[] = []

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-team-pc-'))
  dirs.push(d)
  return d
}

function store(team: string, machine: string): TeamStore {
  // Short connect timeout: while the server is down, a flush must fail fast, not hang.
  const s = openTeamStore({ connection: url, team, machine, connectTimeoutMs: 2_000 })
  stores.push(s)
  return s
}

/** A PC: its own data dir, outbox and store, counting confirmed batches. */
function pc(team: string, machine: string, batchSize = 100, afterBatch?: (n: number) => void): { outbox: TeamOutbox; store: TeamStore; dir: string } {
  const dir = tempDir()
  const s = store(team, machine)
  let batches = 0
  const outbox = openTeamOutbox({
    dir,
    batchSize,
    pusher: {
      async push(events) {
        await s.push(events)
        afterBatch?.(++batches)
      }
    }
  })
  return { outbox, store: s, dir }
}

async function pullAll(s: TeamStore): Promise<TeamEvent[]> {
  const all: TeamEvent[] = []
  let cursor = '0'
  for (;;) {
    const { events, next } = await s.pull(cursor, 1000)
    all.push(...events)
    if (next === cursor) return all
    cursor = next
  }
}

const ids = (events: readonly TeamEvent[]): string[] => events.map((e) => e.eventId).sort()

beforeAll(async () => {
  server = await startPostgresServer()
  url = await server.createDatabase()
  const s = store('setup', 'setup')
  await s.migrate()
}, 120_000)

afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined)
  server?.destroy()
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('outbox', () => {
  it('two PCs keep writing while the database is away (gone mid-push); when it is back everything arrives once', async () => {
    // The server stops right after PC A's first confirmed batch, in the middle of its flush.
    const a = pc('outage', 'shop-pc', 100, (n) => {
      if (n === 1) server.stop()
    })
    const b = pc('outage', 'office-pc')
    const fromA = teamTestEvents(1000, 'shop-pc')
    const fromB = teamTestEvents(300, 'office-pc')

    a.outbox.enqueue(fromA.slice(0, 600))
    const midway = await a.outbox.flush()
    expect(midway.delivered).toBe(100)
    expect(midway.remaining).toBe(500)
    expect(midway.error).not.toBeNull()
    // On disk: the confirmed batch is acknowledged, the rest pending.
    expect(ids(openTeamOutbox({ dir: a.dir, pusher: a.store }).pending())).toEqual(ids(fromA.slice(100, 600)))

    // Offline: both PCs go on writing locally; flushes fail and keep everything queued.
    a.outbox.enqueue(fromA.slice(600))
    b.outbox.enqueue(fromB)
    const offlineB = await b.outbox.flush()
    expect(offlineB).toMatchObject({ delivered: 0, remaining: 300 })
    expect(offlineB.error).not.toBeNull()
    // The queue is on disk: a PC restarted while offline still has it.
    const reopened = openTeamOutbox({ dir: b.dir, pusher: b.store })
    expect(ids(reopened.pending())).toEqual(ids(fromB))

    server.start()
    expect(await a.outbox.flush()).toEqual({ delivered: 900, rejected: 0, remaining: 0, error: null })
    expect(await reopened.flush()).toEqual({ delivered: 300, rejected: 0, remaining: 0, error: null })
    // The stale in-memory copy of B's outbox pushes again: the database ignores known ids.
    expect(await b.outbox.flush()).toMatchObject({ remaining: 0, error: null })

    for (const who of [a.store, b.store]) {
      const all = await pullAll(who)
      expect(all).toHaveLength(1300)
      expect(ids(all)).toEqual(ids([...fromA, ...fromB]))
    }
    expect(fs.readFileSync(path.join(a.dir, OUTBOX_FILE), 'utf8')).toBe('')
  }, 60_000)

  it('a PC killed with SIGKILL mid-push delivers every event exactly once after restarting', async () => {
    const dir = tempDir()
    const count = 3000
    const runChild = (killAfterBatches: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, url, String(count), '50'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        let batches = 0
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString()
          batches = (out.match(/^pushed /gm) ?? []).length
          if (batches >= killAfterBatches && child.exitCode === null) child.kill('SIGKILL')
        })
        child.stderr.on('data', (b: Buffer) => (err += b.toString()))
        child.on('error', reject)
        child.on('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`child was to be killed mid-push but exited with ${code}: ${err}`))
          else resolve(out)
        })
      })

    // Killed twice at different points of its flush (each kill lands inside the next batch's
    // insert or acknowledgement), then restarted — here, in this process — to the end.
    await runChild(9)
    await runChild(3)
    const partial = await pullAll(store('kill-9', 'observer'))
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(count)
    const restarted = openTeamOutbox({ dir, pusher: store('kill-9', 'child-pc'), batchSize: 50 })
    expect(await restarted.flush()).toMatchObject({ remaining: 0, rejected: 0, error: null })

    const all = await pullAll(store('kill-9', 'observer-2'))
    expect(all).toHaveLength(count)
    expect(ids(all)).toEqual(ids(teamTestEvents(count, 'child-pc')))
    const reopened = openTeamOutbox({ dir, pusher: { push: () => Promise.reject(new Error('nothing should be pushed')) } })
    expect(reopened.pending()).toEqual([])
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([])
  }, 120_000)

  it('sets aside an event the database refuses as data, delivers the rest, and keeps the refused one on disk', async () => {
    // A rule the database enforces that this app version does not know about.
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      await c.query(`ALTER TABLE secpaid_desk.team_events ADD CONSTRAINT test_no_poison CHECK (data->>'note' IS DISTINCT FROM 'poison')`)
    } finally {
      await c.end()
    }
    const p = pc('poison', 'shop-pc', 10)
    const events = teamTestEvents(25, 'shop-pc')
    const poison = { ...(events[12] as TeamEvent), data: { ...(events[12] as TeamEvent).data, note: 'poison' } }
    events[12] = poison
    p.outbox.enqueue(events)
    expect(await p.outbox.flush()).toEqual({ delivered: 24, rejected: 1, remaining: 0, error: null })
    expect(ids(await pullAll(p.store))).toEqual(ids(events.filter((e) => e !== poison)))
    const setAside = fs.readFileSync(path.join(p.dir, REJECTED_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TeamEvent)
    expect(setAside).toEqual([poison])
    expect(p.outbox.pending()).toEqual([])
  })

  it('skips a torn last line (killed mid-append), keeps every complete one, and keeps the torn bytes aside', async () => {
    const dir = tempDir()
    const [e1, e2] = teamTestEvents(2, 'torn-pc')
    fs.writeFileSync(path.join(dir, OUTBOX_FILE), `${JSON.stringify(e1)}\n${JSON.stringify(e2).slice(0, 40)}`)
    const outbox = openTeamOutbox({ dir, pusher: store('torn', 'torn-pc') })
    expect(outbox.skippedLines).toBe(1)
    expect(outbox.pending()).toEqual([e1])
    // The unreadable bytes are kept aside, not thrown away.
    expect(fs.readFileSync(path.join(dir, UNREADABLE_FILE), 'utf8')).toBe(`${JSON.stringify(e2).slice(0, 40)}\n`)
    outbox.enqueue([e2 as TeamEvent])
    const again = openTeamOutbox({ dir, pusher: store('torn', 'torn-pc') })
    expect(again.skippedLines).toBe(0)
    expect(ids(again.pending())).toEqual(ids([e1 as TeamEvent, e2 as TeamEvent]))
  })
})
