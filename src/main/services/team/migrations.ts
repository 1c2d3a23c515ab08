/**
 * The team database's schema, as versioned migrations in code (docs/team-mode.md#schema).
 *
 * Every PC of a team runs `migrate` when it connects; PCs may run different app versions and may
 * connect at the same moment. So:
 *  - everything happens in ONE transaction holding a transaction-scoped advisory lock: two PCs
 *    never apply the same migration twice, and a failed migration leaves nothing half-done;
 *  - `schema_migrations` records each applied version: re-running is a no-op;
 *  - a database migrated by a NEWER app (a version we do not know) is refused with a clear error
 *    instead of being written with assumptions that may no longer hold.
 *
 * All tables live in their own schema (`secpaid_desk`), so the team can use an existing database
 * without name clashes. Migrations are append-only: never edit a released one, add the next.
 */
import type { QueryResultRow } from 'pg'

export const TEAM_SCHEMA = 'secpaid_desk'

/** pg_advisory_xact_lock key for migrations: a fixed 64-bit number ("SPDmig01" in ASCII). */
const MIGRATION_LOCK_KEY = '6003373539995365425'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'team events, refund claims',
    sql: `
      -- Shared facts: refund ledger events and review ticks, append-only, idempotent by event id.
      -- seq is the pull cursor; team-store.ts serialises writers per team so that seq order is
      -- commit order (see pushBatch).
      CREATE TABLE ${TEAM_SCHEMA}.team_events (
        team        text        NOT NULL CHECK (length(team) BETWEEN 1 AND 200),
        event_id    uuid        NOT NULL,
        seq         bigint      GENERATED ALWAYS AS IDENTITY,
        account     text        NOT NULL CHECK (length(account) BETWEEN 1 AND 200),
        stream      text        NOT NULL CHECK (stream IN ('ledger', 'review')),
        request_id  text        CHECK (request_id IS NULL OR length(request_id) BETWEEN 1 AND 200),
        type        text        NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
        at          timestamptz NOT NULL,
        data        jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
        os_user     text        NOT NULL CHECK (length(os_user) BETWEEN 1 AND 200),
        machine     text        NOT NULL CHECK (length(machine) BETWEEN 1 AND 255),
        ordinal     bigint      NOT NULL CHECK (ordinal >= 0),
        inserted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team, event_id),
        CHECK ((stream = 'ledger') = (request_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX team_events_pull ON ${TEAM_SCHEMA}.team_events (team, seq);

      -- Cross-PC single flight: at most one OPEN claim per (team, account, pay_id).
      CREATE TABLE ${TEAM_SCHEMA}.refund_claims (
        claim_id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        team            text        NOT NULL,
        account         text        NOT NULL,
        pay_id          text        NOT NULL CHECK (pay_id ~ '^[0-9]{1,20}$'),
        request_id      text        NOT NULL,
        holder_os_user  text        NOT NULL,
        holder_machine  text        NOT NULL,
        claimed_at      timestamptz NOT NULL DEFAULT now(),
        released_at     timestamptz,
        released_by     text,
        CHECK ((released_at IS NULL) = (released_by IS NULL))
      );
      CREATE UNIQUE INDEX refund_claims_open ON ${TEAM_SCHEMA}.refund_claims (team, account, pay_id)
        WHERE released_at IS NULL;
    `
  },
  {
    version: 2,
    name: 'database identity',
    sql: `
      -- One random id per database, made when its schema is created. A PC keeps a local copy of
      -- the team's events with a pull cursor into THIS database's seq: a database recreated or
      -- restored under the same address gets a new id, and the PC starts its copy afresh
      -- instead of skipping events with a stale cursor.
      CREATE TABLE ${TEAM_SCHEMA}.database_identity (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        id       text    NOT NULL
      );
      INSERT INTO ${TEAM_SCHEMA}.database_identity (id)
        VALUES (md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text));
    `
  }
]

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0)

/** The database was migrated by a newer app version: do not touch it. */
export class TeamSchemaTooNewError extends Error {
  constructor(readonly found: number, readonly known: number) {
    super(
      `The team database has schema version ${found}; this app knows up to ${known}. ` +
        'A teammate runs a newer SecPaid Desk: update this PC before connecting it to the team.'
    )
    this.name = 'TeamSchemaTooNewError'
  }
}

/** What migrations need from a connection (a pg Client or PoolClient: one session). */
export interface MigrationSession {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
}

export interface MigrationResult {
  from: number
  to: number
  applied: number[]
}

/** Brings the schema to LATEST_VERSION (or refuses a newer one). Needs one dedicated session. */
export async function migrate(session: MigrationSession, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0)
  await session.query('BEGIN')
  try {
    await session.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY])
    await session.query(`CREATE SCHEMA IF NOT EXISTS ${TEAM_SCHEMA}`)
    await session.query(
      `CREATE TABLE IF NOT EXISTS ${TEAM_SCHEMA}.schema_migrations (
         version    integer     PRIMARY KEY,
         name       text        NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`
    )
    const { rows } = await session.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${TEAM_SCHEMA}.schema_migrations`)
    const from = rows[0]?.version ?? 0
    if (from > known) throw new TeamSchemaTooNewError(from, known)
    const applied: number[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= from) continue
      await session.query(m.sql)
      await session.query(`INSERT INTO ${TEAM_SCHEMA}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name])
      applied.push(m.version)
    }
    await session.query('COMMIT')
    return { from, to: Math.max(from, known), applied }
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
