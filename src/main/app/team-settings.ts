/**
 * Settings → Team for the open account: the team's name in `team.json` beside the account's data,
 * the connection string (it carries the database password) in the OS keychain, never in a file.
 * Like an API key, a connection string is proven before it is stored: connect, create or migrate
 * the schema, one round trip. The sharing itself is team-session.ts (docs/team-mode.md).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { TeamConnectionCheck, TeamSettingsView } from '@shared/team'
import type { SecretStore } from '../services/credentials'
import { writeFileAtomic } from '../services/storage/shard-files'
import { TeamSchemaTooNewError } from '../services/team/migrations'
import { parseTeamConnection, TeamConnectionError, type TeamConnection } from '../services/team/team-connection'
import type { OpenTeamStoreOptions, TeamStore } from '../services/team/team-store'
import { AppError } from './app-errors'
import type { ModuleLoaders } from './module-loaders'

/** The team's name beside the account's data; its presence means the account is in a team. */
export const TEAM_FILE = 'team.json'
const teamFileSchema = z.object({ v: z.literal(1), teamName: z.string().min(1) })

/** Where one account's team settings live: its data folder and its keychain entry. */
export interface TeamSlot {
  dir: string
  keychainAccount: string
}

export interface TeamSettingsDeps {
  keychain: SecretStore
  /** This PC's name (claims and events say which machine wrote them). */
  machine: string
  /** The team store's module (with the PostgreSQL driver), loaded when a database is first contacted. */
  loadStore: ModuleLoaders['teamStore']
  openStore?: (opts: OpenTeamStoreOptions) => TeamStore
}

export interface TeamSettings {
  view(slot: TeamSlot): Promise<TeamSettingsView>
  save(slot: TeamSlot, input: { connectionString: string; teamName: string }): Promise<{ settings: TeamSettingsView; check: TeamConnectionCheck }>
  test(slot: TeamSlot): Promise<TeamConnectionCheck>
  remove(slot: TeamSlot): Promise<TeamSettingsView>
  /** What team sharing needs to start: the stored connection and team name (null: not set up). */
  stored(slot: TeamSlot): Promise<{ connection: TeamConnection; teamName: string } | null>
}

function readTeamName(dir: string): string | null {
  const file = join(dir, TEAM_FILE)
  if (!existsSync(file)) return null
  try {
    return teamFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).teamName
  } catch {
    return null
  }
}

function describe(connection: TeamConnection, teamName: string): TeamSettingsView {
  return { configured: true, teamName, server: `${connection.host}:${connection.port}/${connection.database}`, tls: connection.tls }
}

const NOT_CONFIGURED: TeamSettingsView = { configured: false, teamName: null, server: null, tls: false }

export function createTeamSettings(deps: TeamSettingsDeps): TeamSettings {
  function parse(connectionString: string): TeamConnection {
    try {
      return parseTeamConnection(connectionString)
    } catch (error) {
      if (error instanceof TeamConnectionError) throw new AppError('invalid_argument', error.message, 'team_connection_invalid')
      throw error
    }
  }

  /** Connect, bring the schema up to date, one round trip; the store's errors never carry the password. */
  async function check(connection: TeamConnection, teamName: string): Promise<TeamConnectionCheck> {
    const open = deps.openStore ?? (await deps.loadStore()).openTeamStore
    const store = open({ connection, team: teamName, machine: deps.machine, connectTimeoutMs: 8_000 })
    try {
      const migrated = await store.migrate()
      const serverVersion = await store.ping()
      return { serverVersion, schemaVersion: migrated.to, applied: migrated.applied }
    } catch (error) {
      if (error instanceof TeamSchemaTooNewError) throw new AppError('precondition', error.message, 'team_schema_too_new')
      const message = error instanceof Error ? error.message : String(error)
      throw new AppError('precondition', `The team database could not be reached or used: ${message}`, 'team_unreachable')
    } finally {
      await store.close().catch(() => undefined)
    }
  }

  async function storedConnection(slot: TeamSlot): Promise<TeamConnection | null> {
    const secret = await deps.keychain.get(slot.keychainAccount)
    if (secret === null) return null
    try {
      return parseTeamConnection(secret)
    } catch {
      return null
    }
  }

  async function storedTeam(slot: TeamSlot): Promise<{ connection: TeamConnection; teamName: string } | null> {
    const teamName = readTeamName(slot.dir)
    const connection = teamName === null ? null : await storedConnection(slot)
    return connection === null || teamName === null ? null : { connection, teamName }
  }

  return {
    async view(slot) {
      // Set up means both halves: a keychain entry without this account's team.json (another
      // data folder on this PC used the same slot, or a half-finished removal) is not a team.
      const both = await storedTeam(slot)
      return both === null ? NOT_CONFIGURED : describe(both.connection, both.teamName)
    },
    async save(slot, input) {
      const connection = parse(input.connectionString)
      const result = await check(connection, input.teamName)
      // Only a connection that worked is kept; the keychain first, so a file never names a team
      // whose database this PC cannot reach.
      await deps.keychain.set(slot.keychainAccount, connection.connectionString)
      writeFileAtomic(join(slot.dir, TEAM_FILE), JSON.stringify({ v: 1, teamName: input.teamName }, null, 2) + '\n')
      return { settings: describe(connection, input.teamName), check: result }
    },
    async test(slot) {
      const connection = await storedConnection(slot)
      const teamName = readTeamName(slot.dir)
      if (connection === null || teamName === null) {
        throw new AppError('precondition', 'Team mode is not set up for this account (Settings → Team).', 'team_not_configured')
      }
      return check(connection, teamName)
    },
    stored: storedTeam,
    async remove(slot) {
      await deps.keychain.delete(slot.keychainAccount)
      rmSync(join(slot.dir, TEAM_FILE), { force: true })
      return NOT_CONFIGURED
    }
  }
}
