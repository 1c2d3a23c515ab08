/**
 * What this PC has pulled from the team database: `team-events.jsonl`, one pulled event (with its
 * `seq`) per line, appended as pages arrive, under a first line naming the team and the database
 * identity it came from. It lets a PC show its teammates' requests and ticks while the database is
 * away (local-first), and it is where the pull cursor comes from: the highest seq in the file.
 *
 * - A copy from another team or another database (recreated, restored, a different server) is
 *   moved aside and the PC starts afresh: a cursor into one database's seq means nothing in
 *   another, and would skip events.
 * - A torn or damaged line (a crash mid-append, a damaged disk) is copied to
 *   `team-events.unreadable.txt` and the file is rewritten without it and without everything after
 *   it; those events are pulled again. Nothing that does not parse is trusted, nothing is lost.
 *
 * Not fsync'd: losing the tail in a crash costs a re-pull, never an event.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../storage/shard-files'
import { teamEventSchema, type PulledTeamEvent } from './team-events'

export const REMOTE_LOG_FILE = 'team-events.jsonl'
export const REMOTE_UNREADABLE_FILE = 'team-events.unreadable.txt'

const pulledSchema = z.intersection(teamEventSchema, z.object({ seq: z.string().regex(/^\d{1,19}$/) }))
const headerSchema = z.object({ source: z.object({ team: z.string(), database: z.string() }) })

export interface TeamSource {
  team: string
  /** The database's identity (TeamStore.identity). */
  database: string
}

export interface TeamRemoteLog {
  /** Every pulled event, once per id, in pull order. */
  events(): readonly PulledTeamEvent[]
  has(eventId: string): boolean
  /** Pull after this seq ('0' = from the start). */
  cursor(): string
  /** Which team and database the copy is of (null: nothing pulled yet, or the source is unknown). */
  source(): TeamSource | null
  /**
   * Makes the copy one of `source`: a copy of anything else is moved aside (kept) and the copy
   * starts empty. Returns true if it did.
   */
  useSource(source: TeamSource): boolean
  /** Records a pulled page; returns the events that were new to this PC. */
  append(events: readonly PulledTeamEvent[], next: string): PulledTeamEvent[]
  /** Lines that could not be read at open (set aside; pulled again). */
  readonly skippedLines: number
}

export function openTeamRemoteLog(opts: { dir: string; now?: () => Date }): TeamRemoteLog {
  const now = opts.now ?? (() => new Date())
  fs.mkdirSync(opts.dir, { recursive: true })
  const file = path.join(opts.dir, REMOTE_LOG_FILE)
  let byId = new Map<string, PulledTeamEvent>()
  let cursor = '0'
  let source: TeamSource | null = null
  let skippedLines = 0

  const headerLine = (s: TeamSource): string => JSON.stringify({ source: s })

  function load(): void {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '')
    const kept: string[] = []
    const unreadable: string[] = []
    for (const [i, line] of lines.entries()) {
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        json = undefined
      }
      if (i === 0) {
        const header = headerSchema.safeParse(json)
        if (header.success) {
          source = header.data.source
          kept.push(line)
          continue
        }
      }
      const parsed = pulledSchema.safeParse(json)
      if (!parsed.success) {
        // Everything from here on is pulled again; the damaged line is kept aside, never deleted.
        unreadable.push(...lines.slice(i))
        break
      }
      kept.push(line)
      if (!byId.has(parsed.data.eventId)) byId.set(parsed.data.eventId, parsed.data)
      if (BigInt(parsed.data.seq) > BigInt(cursor)) cursor = parsed.data.seq
    }
    if (unreadable.length > 0 || !text.endsWith('\n')) {
      skippedLines = unreadable.filter((l) => !pulledSchema.safeParse(safeJson(l)).success).length
      if (unreadable.length > 0) fs.appendFileSync(path.join(opts.dir, REMOTE_UNREADABLE_FILE), unreadable.join('\n') + '\n')
      writeFileAtomic(file, kept.length > 0 ? kept.join('\n') + '\n' : '')
    }
  }
  load()

  return {
    events: () => [...byId.values()],
    has: (id) => byId.has(id),
    cursor: () => cursor,
    source: () => source,
    get skippedLines() {
      return skippedLines
    },
    useSource(next) {
      if (source !== null && source.team === next.team && source.database === next.database) return false
      if (fs.existsSync(file) && (byId.size > 0 || source !== null)) {
        const stamp = now().toISOString().replace(/[:.]/g, '-')
        fs.renameSync(file, path.join(opts.dir, `team-events.previous-${stamp}.jsonl`))
      }
      byId = new Map()
      cursor = '0'
      source = next
      writeFileAtomic(file, headerLine(next) + '\n')
      return true
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

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}
