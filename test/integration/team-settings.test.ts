/**
 * Settings → Team through the application API and the CLI, against a real PostgreSQL server and
 * the real keychain: a connection string is proven (connect, schema created, one round trip)
 * before it is stored, lives only in the keychain (never in a file of the data directory), is
 * refused with a clear reason when unencrypted to another computer or unreachable, and belongs to
 * one account.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runUseCase } from '../../src/main/app/app-api'
import { createAppCore, type AppCore } from '../../src/main/app/app-core'
import { startDemoBackend } from '../../src/main/app/demo-backend'
import { createEnvironmentAccess } from '../../src/main/app/environment-access'
import { runCli } from '../../src/main/cli/run-cli'
import { createKeytarSecretStore, type SecretStore } from '../../src/main/services/credentials'
import { createConfEngine } from '../../src/main/services/storage/json-file-engine'
import { TEAM_SCHEMA } from '../../src/main/services/team/migrations'
import { teamTestDatabase } from '../support/postgres-server'
import { staticModuleLoaders } from '../../src/main/app/static-module-loaders'

// The test cluster trusts loopback connections; the password is there to be kept out of files.
const PASSWORD = 'pw-Never-In-A-File-7731'
let url: string
let dataDir: string
let keychain: SecretStore

beforeAll(async () => {
  const plain = await teamTestDatabase(inject('secpaidPostgresRunDir'))
  url = plain.replace('postgres://postgres@', `postgres://postgres:${PASSWORD}@`)
  dataDir = mkdtempSync(join(tmpdir(), 'team-settings-'))
  keychain = createKeytarSecretStore({ service: `SecPaid Desk test team ${process.pid}-${Date.now()}` })
}, 200_000)
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function openCore(): Promise<AppCore> {
  return createAppCore({
    loaders: staticModuleLoaders,
    dataDir,
    engine: createConfEngine(),
    keychain,
    access: createEnvironmentAccess({ loadClient: staticModuleLoaders.client, customBaseUrl: null, startDemo: () => startDemoBackend({ rows: 10 }), loopbackRateLimitPerMinute: null }),
    osUser: 'owner',
    forceEnvironment: 'demo'
  })
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('Settings → Team', () => {
  it('proves, stores in the keychain only, tests and removes a connection, per account', async () => {
    const core = await openCore()
    try {
      expect(await runUseCase(core.api, 'getTeamSettings', {})).toEqual({ configured: false, teamName: null, server: null, tls: false })

      const saved = await runUseCase(core.api, 'saveTeamSettings', { connectionString: url, teamName: 'Café Müller' })
      expect(saved.check.applied).toEqual([1, 2])
      expect(saved.settings).toMatchObject({ configured: true, teamName: 'Café Müller', tls: false })
      expect(saved.settings.server).toMatch(/^127\.0\.0\.1:\d+\/t_[0-9a-f]+$/)
      // The schema exists in the database now.
      const db = new pg.Client({ connectionString: url })
      await db.connect()
      try {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = $1', [TEAM_SCHEMA])
        expect(rows[0].n).toBe(1)
      } finally {
        await db.end()
      }

      expect(await keychain.get('team:demo')).toBe(url)
      for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD)
      expect((await runUseCase(core.api, 'testTeamConnection', {})).schemaVersion).toBe(2)

      // Another account has its own team settings (none yet).
      const other = (await runUseCase(core.api, 'addAccount', { name: 'Second shop', env: 'development' })).id
      await runUseCase(core.api, 'switchAccount', { id: other })
      expect((await runUseCase(core.api, 'getTeamSettings', {})).configured).toBe(false)
      await runUseCase(core.api, 'switchAccount', { id: 'demo' })
      expect((await runUseCase(core.api, 'getTeamSettings', {})).teamName).toBe('Café Müller')

      expect((await runUseCase(core.api, 'removeTeamSettings', {})).configured).toBe(false)
      expect(await keychain.get('team:demo')).toBeNull()
      // A keychain entry alone (another data folder on this PC used the slot) is not a team.
      await keychain.set('team:demo', url)
      expect(await runUseCase(core.api, 'getTeamSettings', {})).toEqual({ configured: false, teamName: null, server: null, tls: false })
      await keychain.delete('team:demo')
      await expect(runUseCase(core.api, 'testTeamConnection', {})).rejects.toMatchObject({ code: 'team_not_configured' })
    } finally {
      await core.close()
    }
  })

  it('refuses an unencrypted connection to another computer and an unreachable server, storing nothing', async () => {
    const core = await openCore()
    try {
      await expect(
        runUseCase(core.api, 'saveTeamSettings', { connectionString: `postgres://u:${PASSWORD}@db.example.com/shop`, teamName: 'T' })
      ).rejects.toMatchObject({ reason: 'invalid_argument', code: 'team_connection_invalid', message: expect.stringContaining('sslmode=require') })
      const unreachable = runUseCase(core.api, 'saveTeamSettings', { connectionString: `postgres://u:${PASSWORD}@127.0.0.1:1/shop`, teamName: 'T' })
      await expect(unreachable).rejects.toMatchObject({ reason: 'precondition', code: 'team_unreachable' })
      await expect(unreachable).rejects.not.toMatchObject({ message: expect.stringContaining(PASSWORD) })
      expect((await runUseCase(core.api, 'getTeamSettings', {})).configured).toBe(false)
      expect(await keychain.get('team:demo')).toBeNull()
    } finally {
      await core.close()
    }
  })

  it('works from the CLI: connect (string from stdin), status, test, disconnect', async () => {
    const cli = async (argv: string[], stdin = '') => {
      let out = ''
      let err = ''
      const code = await runCli([...argv, '--env', 'demo', '--data-dir', dataDir], { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin }, { env: {}, keychain })
      return { code, out, err }
    }
    const connected = await cli(['team', 'connect', 'Shop team'], url)
    expect(connected.code).toBe(0)
    expect(connected.out).toContain('as team "Shop team" (schema version 2)')
    const status = await cli(['team'])
    expect(status.out).toMatch(/Team:\s+Shop team/)
    expect(status.out).not.toContain(PASSWORD)
    expect((await cli(['team', 'test'])).code).toBe(0)
    const synced = await cli(['team', 'sync'])
    expect(synced.code).toBe(0)
    expect(synced.out).toContain('Team "Shop team": in sync (0 events waiting on this PC)')
    expect((await cli(['team', 'disconnect'])).code).toBe(0)
    const notInTeam = await cli(['team', 'sync'])
    expect(notInTeam.code).toBe(2)
    expect(notInTeam.err).toContain('not set up')
    expect((await cli(['team'])).out).toContain('not set up')
    expect((await cli(['team', 'connect', 'X'], 'postgres://u:p@db.example.com/shop')).code).toBe(2)
  })
})
