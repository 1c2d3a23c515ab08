/**
 * The team's shared store on PostgreSQL: push and pull events, claim and release refunds
 * (docs/team-mode.md). The app's team sync (team-sync.ts) owns one per open account in a team.
 *
 * Round trips matter (a managed database may be 20–50 ms away), so each push batch and each pull
 * page is ONE statement: a push batch sends its rows as arrays and unnests them server-side.
 */
import pg from 'pg'
import { z } from 'zod'
import { migrate, TEAM_SCHEMA, type MigrationResult } from './migrations'
import { teamEventSchema, type PulledTeamEvent, type TeamEvent } from './team-events'
import { parseTeamConnection, redactSecret, type TeamConnection } from './team-connection'

/** Rows per push statement: big enough to amortise a round trip, small enough for one packet burst. */
export const PUSH_BATCH = 500
export const PULL_PAGE = 1000

/** Namespace of the push lock (pg_advisory_xact_lock(int, int)); the second key is hashtext(team). */
const PUSH_LOCK_NAMESPACE = 0x53504450 // "SPDP"

export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/**
 * Inserts one batch, idempotently, as one statement (= one transaction in autocommit).
 *
 * WHY the advisory lock: `seq` comes from an identity sequence, and sequence values are handed out
 * when a row is inserted, not when its transaction commits. Without serialisation, PC A could take
 * seq 10, PC B seq 11, B commit first, a puller read 11 and move its cursor past 10 — and never see
 * A's event once A commits. Taking a per-team transaction lock BEFORE any seq is drawn makes seq
 * order equal commit order within a team, so "seq > cursor" never skips a row. The lock comes from
 * a MATERIALIZED CTE joined to every inserted row: no row reaches the INSERT (and draws a seq)
 * before the lock row exists. Pushes of one team queue behind each other for the duration of one
 * batch insert (milliseconds); pushes of different teams do not.
 *
 * ON CONFLICT DO NOTHING makes a re-push (after a crash, a lost reply, an outbox replay) harmless.
 */
export async function pushBatch(db: Queryable, team: string, events: readonly TeamEvent[]): Promise<number> {
  if (events.length === 0) return 0
  const col = <K extends keyof TeamEvent>(k: K) => events.map((e) => e[k])
  const result = await db.query(
    `WITH push_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($1::int, hashtext($2::text)) AS locked)
     INSERT INTO ${TEAM_SCHEMA}.team_events (team, event_id, account, stream, request_id, type, at, data, os_user, machine, ordinal)
     SELECT $2::text, r.event_id, r.account, r.stream, r.request_id, r.type, r.at, r.data, r.os_user, r.machine, r.ordinal
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::jsonb[], $10::text[], $11::text[], $12::bigint[])
            AS r(event_id, account, stream, request_id, type, at, data, os_user, machine, ordinal)
       CROSS JOIN push_lock
      ORDER BY r.at, r.ordinal, r.event_id
     ON CONFLICT (team, event_id) DO NOTHING`,
    [
      PUSH_LOCK_NAMESPACE,
      team,
      col('eventId'),
      col('account'),
      col('stream'),
      col('requestId'),
      col('type'),
      col('at'),
      events.map((e) => JSON.stringify(e.data)),
      col('osUser'),
      col('machine'),
      col('ordinal')
    ]
  )
  return result.rowCount ?? 0
}

interface EventRow {
  seq: string
  event_id: string
  account: string
  stream: string
  request_id: string | null
  type: string
  at: Date
  data: unknown
  os_user: string
  machine: string
  ordinal: string
}

const cursorSchema = z.string().regex(/^\d{1,19}$/)

const claimRequestSchema = z.object({
  account: z.string().min(1).max(200),
  payId: z.string().regex(/^\d{1,20}$/),
  requestId: z.string().min(1).max(200),
  osUser: z.string().min(1).max(200)
})

export type ClaimResult =
  | { ok: true; since: string }
  | { ok: false; heldBy: { requestId: string; osUser: string; machine: string; since: string } }

export interface OpenClaim {
  payId: string
  requestId: string
  osUser: string
  machine: string
  since: string
}

export interface ClaimRequest {
  account: string
  payId: string
  requestId: string
  osUser: string
}

export interface TeamStore {
  readonly team: string
  /** Creates or updates the schema (migrations.ts). */
  migrate(): Promise<MigrationResult>
  /** Inserts events not there yet; returns how many were new. Idempotent by event id. */
  push(events: readonly TeamEvent[]): Promise<{ inserted: number; roundTrips: number }>
  /** Events after `afterSeq` ('0' = from the start), in seq order, and the cursor to pass next. */
  pull(afterSeq: string, limit?: number): Promise<{ events: PulledTeamEvent[]; next: string }>
  /** Claims a payment for one refund request before it is sent (docs/team-mode.md#claims). */
  claim(req: ClaimRequest): Promise<ClaimResult>
  /** Releases the open claim of `requestId` (no-op if it holds none); true if one was released. */
  release(req: ClaimRequest): Promise<boolean>
  /** The team's open claims on one account (who holds which payment for which request). */
  openClaims(account: string): Promise<OpenClaim[]>
  /** A cheap round trip: the server's version, for "test connection". */
  ping(): Promise<string>
  close(): Promise<void>
}

export interface OpenTeamStoreOptions {
  /** A validated connection (parseTeamConnection) or the raw string (validated here). */
  connection: TeamConnection | string
  team: string
  /** This PC (os.hostname()): the holder's machine in claims. */
  machine: string
  /** Pool size; one is enough for one PC, more only for benchmarks. */
  maxConnections?: number
  /** Gives up connecting after this long (the UI must not hang when the database is away). */
  connectTimeoutMs?: number
  /** Server-side limit for any statement, including waiting for the push lock. */
  statementTimeoutMs?: number
}

/** Errors from the driver never carry the password out (it could be echoed in a message). */
function scrub(error: unknown, password: string | null): Error {
  if (error instanceof Error) {
    const scrubbed = new Error(redactSecret(error.message, password))
    scrubbed.name = error.name
    const code = (error as { code?: unknown }).code
    if (code !== undefined) Object.assign(scrubbed, { code })
    return scrubbed
  }
  return new Error(redactSecret(String(error), password))
}

export function openTeamStore(opts: OpenTeamStoreOptions): TeamStore {
  const connection = typeof opts.connection === 'string' ? parseTeamConnection(opts.connection) : opts.connection
  const team = z.string().trim().min(1).max(200).parse(opts.team)
  const machine = z.string().min(1).max(255).parse(opts.machine)
  const pool = new pg.Pool({
    connectionString: connection.connectionString,
    max: opts.maxConnections ?? 2,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
    idleTimeoutMillis: 30_000,
    application_name: 'SecPaid Desk'
  })
  // An idle client dropped by the server (restart, network) emits here; without a listener the
  // process would crash. The next query gets a fresh connection or a clear error.
  pool.on('error', () => undefined)

  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw scrub(error, connection.password)
    }
  }

  return {
    team,

    migrate: () =>
      guarded(async () => {
        const client = await pool.connect()
        try {
          return await migrate(client)
        } finally {
          client.release()
        }
      }),

    push: (events) =>
      guarded(async () => {
        const valid = events.map((e) => teamEventSchema.parse(e))
        let inserted = 0
        let roundTrips = 0
        for (let i = 0; i < valid.length; i += PUSH_BATCH) {
          inserted += await pushBatch(pool, team, valid.slice(i, i + PUSH_BATCH))
          roundTrips++
        }
        return { inserted, roundTrips }
      }),

    pull: (afterSeq, limit = PULL_PAGE) =>
      guarded(async () => {
        const after = cursorSchema.parse(afterSeq)
        const { rows } = await pool.query<EventRow>(
          `SELECT seq::text AS seq, event_id::text AS event_id, account, stream, request_id, type, at, data, os_user, machine, ordinal
             FROM ${TEAM_SCHEMA}.team_events
            WHERE team = $1 AND seq > $2::bigint
            ORDER BY team_events.seq -- the column, not the text alias
            LIMIT $3`,
          [team, after, Math.max(1, Math.min(limit, 10_000))]
        )
        const events: PulledTeamEvent[] = []
        for (const r of rows) {
          // A row we cannot read (written by a newer app, or by hand) is not ours to interpret:
          // skipping it keeps the rest flowing; the cursor still moves past it.
          const parsed = teamEventSchema.safeParse({
            eventId: r.event_id,
            account: r.account,
            stream: r.stream,
            requestId: r.request_id,
            type: r.type,
            at: r.at.toISOString(),
            data: r.data,
            osUser: r.os_user,
            machine: r.machine,
            ordinal: Number(r.ordinal)
          })
          if (parsed.success) events.push({ ...parsed.data, seq: r.seq })
        }
        return { events, next: rows.at(-1)?.seq ?? after }
      }),

    claim: (input) =>
      guarded(async () => {
        const req = claimRequestSchema.parse(input)
        // Insert-or-nothing against the partial unique index; if someone holds it, read who. The
        // read is a new statement (new snapshot), so it sees a claim committed after our insert
        // started. If that claim was released in between, try again.
        for (let attempt = 0; attempt < 5; attempt++) {
          const ins = await pool.query<{ claimed_at: Date }>(
            `INSERT INTO ${TEAM_SCHEMA}.refund_claims (team, account, pay_id, request_id, holder_os_user, holder_machine)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (team, account, pay_id) WHERE released_at IS NULL DO NOTHING
             RETURNING claimed_at`,
            [team, req.account, req.payId, req.requestId, req.osUser, machine]
          )
          const mine = ins.rows[0]
          if (mine) return { ok: true, since: mine.claimed_at.toISOString() }
          const held = await pool.query<{ request_id: string; holder_os_user: string; holder_machine: string; claimed_at: Date }>(
            `SELECT request_id, holder_os_user, holder_machine, claimed_at FROM ${TEAM_SCHEMA}.refund_claims
              WHERE team = $1 AND account = $2 AND pay_id = $3 AND released_at IS NULL`,
            [team, req.account, req.payId]
          )
          const h = held.rows[0]
          if (!h) continue
          // Claiming again for the same request (a retry after a lost reply) is not a conflict.
          if (h.request_id === req.requestId) return { ok: true, since: h.claimed_at.toISOString() }
          return { ok: false, heldBy: { requestId: h.request_id, osUser: h.holder_os_user, machine: h.holder_machine, since: h.claimed_at.toISOString() } }
        }
        throw new Error('The claim kept changing hands; try again.')
      }),

    release: (input) =>
      guarded(async () => {
        const req = claimRequestSchema.parse(input)
        const res = await pool.query(
          `UPDATE ${TEAM_SCHEMA}.refund_claims SET released_at = now(), released_by = $5
            WHERE team = $1 AND account = $2 AND pay_id = $3 AND request_id = $4 AND released_at IS NULL`,
          [team, req.account, req.payId, req.requestId, `${req.osUser}@${machine}`]
        )
        return (res.rowCount ?? 0) > 0
      }),

    openClaims: (account) =>
      guarded(async () => {
        const { rows } = await pool.query<{ pay_id: string; request_id: string; holder_os_user: string; holder_machine: string; claimed_at: Date }>(
          `SELECT pay_id, request_id, holder_os_user, holder_machine, claimed_at FROM ${TEAM_SCHEMA}.refund_claims
            WHERE team = $1 AND account = $2 AND released_at IS NULL ORDER BY claimed_at`,
          [team, z.string().min(1).max(200).parse(account)]
        )
        return rows.map((r) => ({ payId: r.pay_id, requestId: r.request_id, osUser: r.holder_os_user, machine: r.holder_machine, since: r.claimed_at.toISOString() }))
      }),

    ping: () =>
      guarded(async () => {
        const { rows } = await pool.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v')
        return rows[0]?.v ?? 'unknown'
      }),

    close: () => pool.end()
  }
}
