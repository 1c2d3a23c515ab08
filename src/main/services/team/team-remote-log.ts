/**
 * What this PC has pulled from the team database: `team-events.jsonl`, one pulled event (with its
 * `seq`) per line, appended as pages arrive. It lets a PC show its teammates' requests and ticks
 * while the database is away (local-first), and it is where the pull cursor comes from: the seq of
 * the last readable line before anything unreadable. A torn or damaged line therefore only means
 * pulling again from there (events are idempotent by id); nothing is lost and nothing is trusted
 * that does not parse.
 *
 * Not fsync'd: losing the tail in a crash costs a re-pull, never an event.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { teamEventSchema, type PulledTeamEvent } from './team-events'

export const REMOTE_LOG_FILE = 'team-events.jsonl'

const pulledSchema = z.intersection(teamEventSchema, z.object({ seq: z.string().regex(/^\d{1,19}$/) }))

export interface TeamRemoteLog {
  /** Every pulled event, once per id, in pull order. */
  events(): readonly PulledTeamEvent[]
  has(eventId: string): boolean
  /** Pull after this seq ('0' = from the start). */
  cursor(): string
  /** Records a pulled page; returns the events that were new to this PC. */
  append(events: readonly PulledTeamEvent[], next: string): PulledTeamEvent[]
  /** Lines that could not be read at open (pulled again). */
  readonly skippedLines: number
}

export function openTeamRemoteLog(opts: { dir: string }): TeamRemoteLog {
  fs.mkdirSync(opts.dir, { recursive: true })
  const file = path.join(opts.dir, REMOTE_LOG_FILE)
  const byId = new Map<string, PulledTeamEvent>()
  let cursor = '0'
  let skippedLines = 0
  let text = ''
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  let damaged = false
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    let parsed: PulledTeamEvent | null = null
    try {
      const r = pulledSchema.safeParse(JSON.parse(line))
      if (r.success) parsed = r.data
    } catch {
      parsed = null
    }
    if (parsed === null) {
      skippedLines++
      damaged = true // everything after this is pulled again: the cursor stays before it
      continue
    }
    if (!byId.has(parsed.eventId)) byId.set(parsed.eventId, parsed)
    if (!damaged && BigInt(parsed.seq) > BigInt(cursor)) cursor = parsed.seq
  }
  // A torn last line must not swallow the next append's first line.
  if (text !== '' && !text.endsWith('\n')) fs.appendFileSync(file, '\n')

  return {
    events: () => [...byId.values()],
    has: (id) => byId.has(id),
    cursor: () => cursor,
    get skippedLines() {
      return skippedLines
    },
    append(events, next) {
      const fresh = events.filter((e) => !byId.has(e.eventId))
      if (fresh.length > 0) fs.appendFileSync(file, fresh.map((e) => JSON.stringify(e)).join('\n') + '\n')
      for (const e of fresh) byId.set(e.eventId, e)
      if (BigInt(next) > BigInt(cursor)) cursor = next
      return fresh
    }
  }
}
