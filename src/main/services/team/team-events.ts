/**
 * What a PC shares with its team: one envelope for two streams (docs/team-mode.md#what-is-shared).
 *
 *  - `ledger`: the refund ledger's events (refunds/ledger-events.ts), unchanged inside `data`;
 *  - `review`: month-end review ticks, one event per click, merged last-writer-wins.
 *
 * Every event carries the OS user and the machine that wrote it, so every PC can show who did
 * what from where.
 *
 * A ledger event's id is derived from its content (a hash of the canonical JSON of requestId, at,
 * type and data, shaped as an RFC 9562 version-8 UUID). The local ledger file has no ids and must
 * not change for team mode; a content id needs none: every PC, and the same PC after a crash,
 * computes the same id for the same fact, so pushing it again is a no-op in the database
 * (ON CONFLICT DO NOTHING) and the merge can drop duplicates. Two events with identical content
 * are the same fact (same request, same millisecond, same type, same data), so merging them loses
 * nothing.
 */
import { createHash, randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { LedgerEvent } from '../refunds/ledger-events'

export const TEAM_STREAMS = ['ledger', 'review'] as const
export type TeamStream = (typeof TEAM_STREAMS)[number]

export const REVIEW_TICK_TYPE = 'review_tick'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const name = (max: number) => z.string().min(1).max(max)

/** The envelope as stored, pushed and pulled; parsed at every edge (outbox file, database rows). */
export const teamEventSchema = z
  .object({
    eventId: z.string().regex(UUID),
    account: name(200),
    stream: z.enum(TEAM_STREAMS),
    requestId: name(200).nullable(),
    type: name(100),
    /** UTC, millisecond ISO string (`Date#toISOString`), so it survives timestamptz unchanged. */
    at: z.iso.datetime({ offset: false, precision: 3 }),
    data: z.record(z.string(), z.unknown()),
    osUser: name(200),
    machine: name(255),
    /**
     * The event's position among its writer's events (its index in that PC's ledger file; 0 for
     * ticks). Orders events of one PC written in the same millisecond as that PC wrote them.
     */
    ordinal: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
  })
  .refine((e) => (e.stream === 'ledger') === (e.requestId !== null), { message: 'ledger events and only they carry a request id' })
export type TeamEvent = z.infer<typeof teamEventSchema>

/** A pulled event: the envelope plus its place in the team's order. */
export interface PulledTeamEvent extends TeamEvent {
  /** Decimal string (bigint). */
  seq: string
}

/** JSON with object keys sorted at every level: the same value gives the same text on every PC. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** `at` as `Date#toISOString` (UTC, milliseconds); throws on a date that does not parse. */
export function normalizeAt(at: string): string {
  const ms = Date.parse(at)
  if (!Number.isFinite(ms)) throw new Error(`not a date: ${at}`)
  return new Date(ms).toISOString()
}

/** The content id of a ledger event (see the module comment). */
export function ledgerEventId(event: LedgerEvent): string {
  const text = canonicalJson({ requestId: event.requestId, at: normalizeAt(event.at), type: event.type, data: event.data })
  const b = createHash('sha256').update(text, 'utf8').digest().subarray(0, 16)
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80 // version 8 (custom)
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80 // RFC 9562 variant
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export interface Origin {
  /** The SecPaid account the team shares (a plain id string). */
  account: string
  /** This PC's name (os.hostname()). */
  machine: string
}

/**
 * PostgreSQL's jsonb cannot hold U+0000, nor a lone UTF-16 surrogate (JSON.stringify writes it as
 * an escape that jsonb rejects): one such character would make every push of its batch fail
 * forever. Both become U+FFFD in the shared copy; the id stays the one of the local original, and
 * the merge converts local events the same way, so every PC sees the same text.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly the character to find
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD')
  if (Array.isArray(value)) return value.map(storable)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [storable(k) as string, storable(v)]))
  }
  return value
}

/**
 * A local ledger event as a team event. The OS user is the one the event itself names; `ordinal`
 * is the event's index in this PC's ledger (`ledger.events()`), which only ever grows.
 */
export function teamEventFromLedger(event: LedgerEvent, origin: Origin, ordinal: number): TeamEvent {
  const osUser = typeof event.data['osUser'] === 'string' && event.data['osUser'] !== '' ? event.data['osUser'] : 'unknown'
  return teamEventSchema.parse({
    eventId: ledgerEventId(event),
    account: origin.account,
    stream: 'ledger',
    requestId: event.requestId,
    type: event.type,
    at: normalizeAt(event.at),
    data: storable(event.data),
    osUser: storable(osUser),
    machine: origin.machine,
    ordinal
  })
}

/** A shared ledger event back in the local ledger's envelope (what the fold reads). */
export function ledgerEventFromTeam(event: TeamEvent): LedgerEvent {
  if (event.stream !== 'ledger' || event.requestId === null) throw new Error(`event ${event.eventId} is not a ledger event`)
  return { v: 1, requestId: event.requestId, at: event.at, type: event.type, data: event.data }
}

export const reviewTickDataSchema = z.object({
  env: name(100),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  keys: z.array(z.string().min(1).max(500)).min(1).max(10_000),
  reviewed: z.boolean()
})
export type ReviewTickData = z.infer<typeof reviewTickDataSchema>

/** One click on review ticks (one or many rows, on or off) as a team event. */
export function makeReviewTickEvent(tick: ReviewTickData, who: Origin & { osUser: string }, at: Date, eventId: string = randomUUID()): TeamEvent {
  return teamEventSchema.parse({
    eventId,
    account: who.account,
    stream: 'review',
    requestId: null,
    type: REVIEW_TICK_TYPE,
    at: at.toISOString(),
    data: storable(reviewTickDataSchema.parse(tick)),
    osUser: who.osUser,
    machine: who.machine,
    ordinal: 0
  })
}
