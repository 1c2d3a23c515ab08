/**
 * Events waiting for the team database: `<dataDir>/team-outbox.jsonl` (docs/team-mode.md#outbox).
 *
 * Local-first: writing a refund or a tick never waits for the network. The event is appended here
 * (fsync'd) and pushed when the database answers. The file is the queue: one TeamEvent per line.
 *
 * Exactly once, even after kill -9: a batch leaves the file only AFTER the database confirmed it,
 * by an atomic rewrite (temp file + fsync + rename) of what is still pending. A crash before that
 * rename leaves the batch in the file and it is pushed again on the next flush — harmless, because
 * the database ignores an event id it already has (ON CONFLICT DO NOTHING). A crash during an
 * append leaves at most a torn last line, which was never acknowledged to the caller and is
 * skipped (the local ledger still has the event; `missingFromTeam` re-queues it after a pull).
 *
 * One process owns an outbox file (the app); flushes are serialised inside it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { teamEventSchema, type TeamEvent } from './team-events'

export const OUTBOX_FILE = 'team-outbox.jsonl'

export interface OutboxPusher {
  push(events: readonly TeamEvent[]): Promise<unknown>
}

export interface FlushResult {
  delivered: number
  remaining: number
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
  /** Events per push (and per acknowledgement rewrite). */
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
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const ev = teamEventSchema.parse(JSON.parse(line))
      if (!queue.has(ev.eventId)) queue.set(ev.eventId, ev)
    } catch {
      skippedLines++
    }
  }

  /** The pending events as the whole file, atomically (crash: old file or new file, never half). */
  function rewrite(): void {
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
  }

  // A torn tail must not glue itself to the next append: start from a clean file.
  if (skippedLines > 0 || (text !== '' && !text.endsWith('\n'))) rewrite()

  let flushing: Promise<FlushResult> | null = null

  async function flushOnce(): Promise<FlushResult> {
    let delivered = 0
    while (queue.size > 0) {
      const batch = [...queue.values()].slice(0, batchSize)
      try {
        await opts.pusher.push(batch)
      } catch (error) {
        return { delivered, remaining: queue.size, error: error instanceof Error ? error.message : String(error) }
      }
      for (const e of batch) queue.delete(e.eventId)
      rewrite()
      delivered += batch.length
    }
    return { delivered, remaining: 0, error: null }
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
      const fd = fs.openSync(file, 'a')
      try {
        writeAllSync(fd, fresh.map((e) => `${JSON.stringify(e)}\n`).join(''))
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
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
