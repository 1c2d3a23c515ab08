/**
 * Events waiting for the team database: `<dataDir>/team-outbox.jsonl` (docs/team-mode.md#outbox).
 *
 * Local-first: writing a refund or a tick never waits for the network. The event is appended here
 * (fsync'd) and pushed when the database answers. The file is the queue: one TeamEvent per line,
 * and `{"ack":[ids]}` lines for batches the database has confirmed; read in order, an event is
 * pending unless an ack after it names it.
 *
 * Exactly once, even after kill -9: a batch is acknowledged (an fsync'd ack line) only AFTER the
 * database confirmed it. A crash before that leaves the batch pending and it is pushed again on the
 * next flush — harmless, because the database ignores an event id it already has (ON CONFLICT DO
 * NOTHING). A crash during an append leaves at most a torn last line: a torn event was never
 * acknowledged to the caller (the local ledger still has it; `missingFromTeam` re-queues it after
 * a pull), a torn ack only means a re-push. Acks keep each confirmed batch to one small append;
 * the file is compacted (atomic rewrite: temp file, fsync, rename) when the queue drains, after
 * many acks, and at open.
 *
 * An event the database refuses as data (SQLSTATE class 22 or 23: a value it cannot store, a
 * constraint) would otherwise block every event behind it forever. Such a batch is retried event by
 * event; the refused ones are set aside in `team-outbox.rejected.jsonl` (kept, never deleted:
 * docs/architecture.md#bad-input-loses-nothing) and the rest is delivered.
 *
 * One process owns an outbox file (the app); flushes are serialised inside it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { teamEventSchema, type TeamEvent } from './team-events'

export const OUTBOX_FILE = 'team-outbox.jsonl'
export const REJECTED_FILE = 'team-outbox.rejected.jsonl'
export const UNREADABLE_FILE = 'team-outbox.unreadable.txt'
/** Acknowledged events after which the file is compacted even if the queue has not drained. */
const COMPACT_AFTER_ACKS = 10_000

/** The database refused the data itself (not the connection): retrying cannot help. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^(22|23)[0-9A-Z]{3}$/.test(code)
}

export interface OutboxPusher {
  push(events: readonly TeamEvent[]): Promise<unknown>
}

export interface FlushResult {
  delivered: number
  remaining: number
  /** Events the database refused as data, set aside in REJECTED_FILE during this flush. */
  rejected: number
  /** Why the flush stopped early (database unreachable…); the events stay queued. */
  error: string | null
}

export interface TeamOutbox {
  readonly file: string
  /** Appends (fsync'd) the events not queued yet; returns how many were added. */
  enqueue(events: readonly TeamEvent[]): number
  pending(): TeamEvent[]
  /** Pushes everything queued, batch by batch; never throws for a push failure. */
  flush(): Promise<FlushResult>
  /** Lines that could not be read when the file was opened (torn tail, damage). */
  readonly skippedLines: number
}

export interface OpenTeamOutboxOptions {
  dir: string
  pusher: OutboxPusher
  /** Events per push (and per acknowledgement line). */
  batchSize?: number
}

function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Windows cannot open a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

function writeAllSync(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8')
  let off = 0
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off)
}

export function openTeamOutbox(opts: OpenTeamOutboxOptions): TeamOutbox {
  const file = path.join(opts.dir, OUTBOX_FILE)
  const batchSize = opts.batchSize ?? 500
  const queue = new Map<string, TeamEvent>() // insertion order = push order
  let skippedLines = 0

  fs.mkdirSync(opts.dir, { recursive: true })
  // A temp file left by a process killed mid-rewrite: the real file is the old or the new one, whole.
  for (const name of fs.readdirSync(opts.dir)) {
    if (name.startsWith(`${OUTBOX_FILE}.tmp-`)) fs.rmSync(path.join(opts.dir, name), { force: true })
  }
  let text = ''
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const ackSchema = z.object({ ack: z.array(z.string()) })
  let acksInFile = 0
  const unreadable: string[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const json: unknown = JSON.parse(line)
      const ack = ackSchema.safeParse(json)
      if (ack.success) {
        for (const id of ack.data.ack) queue.delete(id)
        acksInFile++
        continue
      }
      const ev = teamEventSchema.parse(json)
      if (!queue.has(ev.eventId)) queue.set(ev.eventId, ev)
    } catch {
      skippedLines++
      unreadable.push(line)
    }
  }

  /** The pending events as the whole file, atomically (crash: old file or new file, never half). */
  function compact(): void {
    const tmp = `${file}.tmp-${process.pid}`
    const fd = fs.openSync(tmp, 'w')
    try {
      writeAllSync(fd, [...queue.values()].map((e) => `${JSON.stringify(e)}\n`).join(''))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, file)
    fsyncDir(opts.dir)
    ackedSinceCompaction = 0
  }

  function append(target: string, lines: readonly string[]): void {
    const fd = fs.openSync(target, 'a')
    try {
      writeAllSync(fd, lines.map((l) => `${l}\n`).join(''))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  }

  let ackedSinceCompaction = 0
  // Lines we cannot read (a torn tail, damage) are copied aside before compaction drops them:
  // bad input loses nothing (docs/architecture.md#bad-input-loses-nothing).
  if (unreadable.length > 0) append(path.join(opts.dir, UNREADABLE_FILE), unreadable)
  // Start from a clean file: no acks to re-read, and a torn tail cannot glue itself to the next append.
  if (acksInFile > 0 || skippedLines > 0 || (text !== '' && !text.endsWith('\n'))) compact()

  let flushing: Promise<FlushResult> | null = null

  async function flushOnce(): Promise<FlushResult> {
    let delivered = 0
    let rejected = 0
    const stop = (error: unknown): FlushResult => ({ delivered, rejected, remaining: queue.size, error: error instanceof Error ? error.message : String(error) })
    while (queue.size > 0) {
      const batch = [...queue.values()].slice(0, batchSize)
      const refused: TeamEvent[] = []
      try {
        await opts.pusher.push(batch)
      } catch (error) {
        if (!isDataError(error)) return stop(error)
        // One by one: find the event(s) the database refuses; deliver the others.
        for (const e of batch) {
          try {
            await opts.pusher.push([e])
          } catch (single) {
            if (!isDataError(single)) return stop(single) // the batch stays queued, whole
            refused.push(e)
          }
        }
      }
      // Set aside before they leave the queue: never lost.
      if (refused.length > 0) append(path.join(opts.dir, REJECTED_FILE), refused.map((e) => JSON.stringify(e)))
      append(file, [JSON.stringify({ ack: batch.map((e) => e.eventId) })])
      for (const e of batch) queue.delete(e.eventId)
      ackedSinceCompaction += batch.length
      if (queue.size === 0 || ackedSinceCompaction >= COMPACT_AFTER_ACKS) compact()
      delivered += batch.length - refused.length
      rejected += refused.length
    }
    return { delivered, rejected, remaining: 0, error: null }
  }

  return {
    file,
    get skippedLines() {
      return skippedLines
    },
    enqueue(events) {
      const seen = new Set<string>()
      const fresh = events
        .map((e) => teamEventSchema.parse(e))
        .filter((e) => !queue.has(e.eventId) && !seen.has(e.eventId) && seen.add(e.eventId))
      if (fresh.length === 0) return 0
      append(file, fresh.map((e) => JSON.stringify(e)))
      for (const e of fresh) queue.set(e.eventId, e)
      return fresh.length
    },
    pending: () => [...queue.values()],
    flush() {
      // One flush at a time; a caller arriving during a flush waits for it, then flushes what is
      // left (it may have enqueued after the running flush took its batches).
      const run = (flushing ?? Promise.resolve()).then(flushOnce, flushOnce)
      const mine = run.finally(() => {
        if (flushing === mine) flushing = null
      })
      flushing = mine
      return mine
    }
  }
}

/**
 * An outbox in memory, for a process that does not own the outbox file (the CLI while the app may
 * be running: two writers of one file would lose each other's lines). What it cannot push is not
 * lost: it only ever holds ledger events, and the ledger file is the record — the app (or the
 * next run) queues every local event the team lacks.
 */
export function createMemoryOutbox(pusher: OutboxPusher): TeamOutbox {
  const queue = new Map<string, TeamEvent>()
  return {
    file: '(memory)',
    skippedLines: 0,
    enqueue(events) {
      let added = 0
      for (const e of events) {
        const ev = teamEventSchema.parse(e)
        if (queue.has(ev.eventId)) continue
        queue.set(ev.eventId, ev)
        added++
      }
      return added
    },
    pending: () => [...queue.values()],
    async flush() {
      const batch = [...queue.values()]
      if (batch.length === 0) return { delivered: 0, remaining: 0, rejected: 0, error: null }
      try {
        await pusher.push(batch)
      } catch (error) {
        return { delivered: 0, remaining: batch.length, rejected: 0, error: error instanceof Error ? error.message : String(error) }
      }
      for (const e of batch) queue.delete(e.eventId)
      return { delivered: batch.length, remaining: queue.size, rejected: 0, error: null }
    }
  }
}
