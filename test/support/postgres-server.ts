/**
 * A throw-away PostgreSQL cluster for tests and the team bench (docs/team-mode.md#tests).
 *
 * `startPostgresServer()` finds Debian's binaries (/usr/lib/postgresql/<newest>/bin, else PATH),
 * runs initdb into a temp dir, starts the server on a free loopback port with its unix socket in
 * that dir, and `destroy()` stops it and deletes everything. initdb and postgres refuse to run as
 * root (CI runs as root): there they run as the `postgres` OS user (Debian's package creates it),
 * or `nobody` where that user does not exist, through setpriv; the temp dir is given to that user.
 * The settings trade durability for speed (fsync off): a test cluster holds nothing worth keeping.
 *
 * This file is also Vitest's globalSetup (vitest.config.mts): it makes ONE run directory per test
 * run and tears it down at the end (stopping the cluster if one was started, whatever the tests'
 * outcome). The cluster itself starts lazily, on the first `teamTestDatabase()` call from any test
 * file — a run without team tests pays nothing — and every test file gets its own database in it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

export interface PostgresServer {
  readonly dir: string
  readonly port: number
  /** Connection string for `database` (default `postgres`) as the cluster's superuser, over TCP loopback. */
  url(database?: string): string
  /** Creates a fresh database; returns its connection string. */
  createDatabase(name?: string): Promise<string>
  /** Stops the server, keeping its data (to simulate an outage); `start` brings it back on the same port. */
  stop(): void
  start(): void
  /** Stops (immediately) and deletes the cluster. Safe to call twice. */
  destroy(): void
}

interface Binaries {
  initdb: string
  pgCtl: string
}

function newestDebianBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  let versions: string[]
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v))
  } catch {
    return null
  }
  for (const v of versions.sort((a, b) => Number(b) - Number(a))) {
    const dir = path.join(root, v, 'bin')
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir
  }
  return null
}

function onPath(cmd: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd)
    try {
      fs.accessSync(p, fs.constants.X_OK)
      return p
    } catch {
      // not here
    }
  }
  return null
}

export function findPostgresBinaries(): Binaries {
  const dir = newestDebianBinDir()
  if (dir) return { initdb: path.join(dir, 'initdb'), pgCtl: path.join(dir, 'pg_ctl') }
  const initdb = onPath('initdb')
  const pgCtl = onPath('pg_ctl')
  if (initdb && pgCtl) return { initdb, pgCtl }
  throw new Error('PostgreSQL server binaries not found (initdb, pg_ctl). On Debian/Ubuntu run `bash scripts/setup.sh` (it installs the postgresql package).')
}

/** uid/gid to run the server as when we are root: `postgres` if it exists, else `nobody`. */
function serverUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null
  for (const name of ['postgres', 'nobody']) {
    const r = spawnSync('id', ['-u', name], { encoding: 'utf8' })
    if (r.status !== 0) continue
    const g = spawnSync('id', ['-g', name], { encoding: 'utf8' })
    return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) }
  }
  throw new Error('Running as root, but neither a `postgres` nor a `nobody` user exists to run PostgreSQL as.')
}

function run(cmd: string, args: string[], as: { uid: number; gid: number } | null): void {
  const [file, argv] = as ? ['setpriv', ['--reuid', String(as.uid), '--regid', String(as.gid), '--clear-groups', '--', cmd, ...args]] : [cmd, args]
  // cwd: a directory the server user may enter (it cannot read root's home).
  execFileSync(file, argv, { stdio: 'pipe', cwd: '/', env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 120_000 })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))))
    })
  })
}

function describe(error: unknown, log: string): Error {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? ''
  let tail = ''
  try {
    tail = fs.readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')
  } catch {
    // no log yet
  }
  return new Error(`PostgreSQL test server failed: ${error instanceof Error ? error.message : String(error)}\n${stderr}\n${tail}`)
}

export async function startPostgresServer(opts: { dir?: string } = {}): Promise<PostgresServer> {
  const bins = findPostgresBinaries()
  const as = serverUser()
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-pg-'))
  fs.mkdirSync(dir, { recursive: true })
  fs.chmodSync(dir, 0o755) // the server user must reach the socket and data dirs inside
  if (as) fs.chownSync(dir, as.uid, as.gid)
  const data = path.join(dir, 'data')
  const log = path.join(dir, 'server.log')
  let destroyed = false

  try {
    run(bins.initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], as)
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw describe(error, log)
  }

  let port = 0
  const start = (): void => {
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB'
    ].join(' ')
    run(bins.pgCtl, ['-D', data, '-l', log, '-w', '-t', '90', '-o', settings, 'start'], as)
  }
  const stop = (mode: 'fast' | 'immediate'): void => {
    if (!fs.existsSync(path.join(data, 'postmaster.pid'))) return
    run(bins.pgCtl, ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'], as)
  }

  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await freePort()
    try {
      start()
      break
    } catch (error) {
      if (attempt >= 3) {
        fs.rmSync(dir, { recursive: true, force: true })
        throw describe(error, log)
      }
    }
  }

  const url = (database = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${database}`

  return {
    dir,
    get port() {
      return port
    },
    url,
    async createDatabase(name = `t_${randomBytes(6).toString('hex')}`) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`)
      const client = new pg.Client({ connectionString: url() })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${name}`)
      } finally {
        await client.end()
      }
      return url(name)
    },
    stop: () => stop('fast'),
    start,
    destroy() {
      if (destroyed) return
      destroyed = true
      try {
        stop('immediate')
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One lazily started cluster per test run, shared by every test file (one database each).

declare module 'vitest' {
  interface ProvidedContext {
    secpaidPostgresRunDir: string
  }
}

const READY = 'ready.json'
const FAILED = 'failed.txt'

/**
 * Vitest globalSetup: a run directory for the shared cluster; the teardown stops the cluster if a
 * test file started it and deletes the directory, also when tests failed.
 */
export default function setup(project: { provide(key: 'secpaidPostgresRunDir', value: string): void }): () => void {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secpaid-pg-run-'))
  fs.chmodSync(runDir, 0o755) // the server user (not root) must reach the cluster inside
  project.provide('secpaidPostgresRunDir', runDir)
  return () => {
    const clusterDir = path.join(runDir, 'cluster')
    const data = path.join(clusterDir, 'data')
    try {
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) run(findPostgresBinaries().pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], serverUser())
    } finally {
      fs.rmSync(runDir, { recursive: true, force: true })
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The run's cluster (started by the first caller across all test workers: `mkdir` is the atomic
 * election) and a fresh database in it. Outside a Vitest run with the globalSetup (the bench),
 * pass `runDir` yourself or use startPostgresServer.
 */
export async function teamTestDatabase(runDir: string): Promise<string> {
  const clusterDir = path.join(runDir, 'cluster')
  const ready = path.join(runDir, READY)
  const failed = path.join(runDir, FAILED)
  let elected = false
  try {
    fs.mkdirSync(clusterDir)
    elected = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  if (elected) {
    try {
      const server = await startPostgresServer({ dir: clusterDir })
      fs.writeFileSync(`${ready}.tmp`, JSON.stringify({ port: server.port }))
      fs.renameSync(`${ready}.tmp`, ready)
    } catch (error) {
      fs.writeFileSync(failed, error instanceof Error ? error.message : String(error))
      throw error
    }
  }
  const deadline = Date.now() + 180_000
  while (!fs.existsSync(ready)) {
    if (fs.existsSync(failed)) throw new Error(`the shared PostgreSQL test cluster did not start: ${fs.readFileSync(failed, 'utf8')}`)
    if (Date.now() > deadline) throw new Error('timed out waiting for the shared PostgreSQL test cluster')
    await sleep(100)
  }
  const { port } = JSON.parse(fs.readFileSync(ready, 'utf8')) as { port: number }
  const name = `t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  return `postgres://postgres@127.0.0.1:${port}/${name}`
}
