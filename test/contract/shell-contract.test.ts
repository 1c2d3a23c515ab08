/**
 * Contract test of the real Electron shell without an Electron binary: the BUILT out/main/index.js
 * runs in a Node child process whose `electron` module is a recording stand-in
 * (electron-stand-in.cjs — Electron's plumbing only; app code, keytar, files and network are
 * real). The test drives the app's life (ready, IPC calls, navigation, second launch, crash, quit)
 * and checks what the shell asked of Electron. What this can and cannot prove: test/e2e/README.md.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/content-security-policy'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { IPC_METHODS } from '../../src/shared/ipc-channels'

const ROOT = resolve(import.meta.dirname, '../..')
const MAIN = join(ROOT, 'out/main/index.js')
const STAND_IN = join(import.meta.dirname, 'electron-stand-in.cjs')
const APP_INDEX = 'app://secpaid-desk/index.html'

if (!existsSync(MAIN)) {
  throw new Error(`The shell contract test runs the built app, but ${relative(ROOT, MAIN)} is missing: run \`npm run build\` first (\`npm test\` builds before testing).`)
}

interface ShellRecord {
  sandboxEnabled: boolean
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[]
  handledSchemes: string[]
  ipcHandle: string[]
  ipcHandlerChannels: string[]
  windows: { options: { icon?: string; webPreferences: Record<string, unknown> }; loadedUrls: string[]; calls: string[] }[]
  menuTemplate: MenuRecord[] | null
  singleInstanceLockRequests: number
  setPaths: Record<string, string>
  errorBoxes: { title: string; content: string }[]
  openedPaths: string[]
  quitCalls: number
  headersReceivedHandlers: number
  permissionRequestHandlers: number
  permissionCheckHandlers: number
}
interface MenuRecord {
  label?: string
  role?: string
  submenu?: MenuRecord[]
}
interface IpcResult {
  ok: boolean
  value?: unknown
  error?: { kind: string; message: string }
}

/** One run of the built main process under the stand-in, remote-controlled over the fork channel. */
class ShellRun {
  readonly child: ChildProcess
  output = ''
  private nextId = 1
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  readonly exited: Promise<number | null>

  constructor(env: Record<string, string>) {
    this.child = fork(MAIN, [], {
      cwd: ROOT,
      execArgv: ['--require', STAND_IN],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    this.child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.ok) waiter?.resolve(message.result)
      else waiter?.reject(new Error(message.error))
    })
    this.exited = new Promise((resolveExit) => this.child.on('exit', (code) => resolveExit(code)))
  }

  send<T>(op: string, args?: unknown): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolveCall, reject) => {
      this.pending.set(id, { resolve: resolveCall as (v: unknown) => void, reject })
      this.child.send({ id, op, args }, (error) => {
        if (error) reject(new Error(`${error.message}\nchild output:\n${this.output}`))
      })
    })
  }

  state(): Promise<ShellRecord> {
    return this.send<ShellRecord>('state')
  }

  invoke(channel: string, sender: 'trusted' | 'subframe' | 'foreign' | 'foreign-page', arg: unknown = {}): Promise<IpcResult> {
    return this.send<IpcResult>('invoke', { channel, sender, arg })
  }
}

const flatten = (items: MenuRecord[]): string[] =>
  items.flatMap((item) => [item.role ?? item.label ?? '', ...flatten(item.submenu ?? [])])

const dirs: string[] = []
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const keychainMissing = !process.env['DBUS_SESSION_BUS_ADDRESS'] && !process.env['CI']
if (keychainMissing) {
  console.warn('\n[shell-contract] SKIPPING the packaged-shell run: it stores a key through the real keychain and needs a D-Bus session (run via: bash scripts/with-keyring.sh npx vitest run test/contract)\n')
}

describe.skipIf(keychainMissing)('packaged shell (built out/main/index.js, custom environment against the simulator)', () => {
  let sim: RunningSimulator
  let run: ShellRun
  let dataDir: string

  beforeAll(async () => {
    sim = await startSimulator({ seed: 5, rows: 120, rateLimitPerMinute: null })
    dataDir = tempDir('shell-contract-')
    run = new ShellRun({
      STANDIN_PACKAGED: '1',
      STANDIN_USER_DATA: join(dataDir, 'user-data'),
      SECPAID_DATA_DIR: dataDir,
      SECPAID_START_ENV: 'custom',
      SECPAID_API_BASE: sim.baseUrl,
      // Must be ignored: the app is "packaged".
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/'
    })
  })
  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill()
    await sim.close()
  })

  it('before ready: app:// registered as privileged, single-instance lock requested, sandbox enabled, nothing else yet', async () => {
    const state = await run.state()
    expect(state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, codeCache: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false }) }
    ])
    expect(state.singleInstanceLockRequests).toBe(1)
    // The lock is per profile: an explicit data dir gets its own, set before the lock is taken.
    expect(state.setPaths).toEqual({ userData: join(dataDir, 'electron') })
    expect(state.sandboxEnabled).toBe(true)
    expect(state.windows).toHaveLength(0)
    expect(state.ipcHandle).toEqual([])
  })

  it('on ready: one window with exactly the secure webPreferences, loading app:// (not the dev URL)', async () => {
    await run.send('ready')
    const state = await run.state()
    expect(state.windows).toHaveLength(1)
    const window = state.windows[0]!
    const prefs = window.options.webPreferences
    expect(prefs).toEqual({
      preload: join(ROOT, 'out/preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false
    })
    expect(relative(join(ROOT, 'out/preload'), String(prefs['preload']))).toBe('index.js')
    expect(existsSync(String(prefs['preload']))).toBe(true)
    expect(window.loadedUrls).toEqual([APP_INDEX])
    if (process.platform === 'linux') {
      expect(window.options.icon).toBe(join(ROOT, 'resources/icon.png'))
      expect(existsSync(window.options.icon!)).toBe(true)
    }
  })

  it('the app:// handler serves index.html and its assets with MIME types and the CSP header', async () => {
    const state = await run.state()
    expect(state.handledSchemes).toEqual(['app'])
    const index = await run.send<{ status: number; headers: Record<string, string>; body: string }>('fetch', { url: APP_INDEX })
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(index.body).toContain('<div id="root"></div>')
    expect(index.body).not.toContain('http-equiv="Content-Security-Policy"')
    const script = /<script[^>]+src="([^"]+)"/.exec(index.body)?.[1]
    expect(script).toMatch(/^\.?\/assets\/.+\.js$/)
    const asset = await run.send<{ status: number; headers: Record<string, string> }>('fetch', { url: new URL(script!, APP_INDEX).href })
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('the app:// handler refuses traversal out of out/renderer (e.g. to out/main/index.js)', async () => {
    for (const path of ['/..%2fmain%2findex.js', '/%2e%2e%2fmain/index.js', '/assets/..%5c..%5cmain%5cindex.js', '/index.html%00', '/%zz', '/../main/index.js']) {
      const res = await run.send<{ status: number; body: string }>('fetch', { url: `app://secpaid-desk${path}` })
      expect([400, 404], path).toContain(res.status)
      expect(res.body, path).not.toContain('require(')
    }
    expect((await run.send<{ status: number }>('fetch', { url: 'app://other-host/index.html' })).status).toBe(404)
  })

  it('registers every contract channel with ipcMain.handle, and nothing else', async () => {
    const state = await run.state()
    expect([...state.ipcHandle].sort()).toEqual(Object.values(IPC_METHODS).sort())
  })

  it('refuses calls from a foreign webContents, a subframe and a foreign page in our window', async () => {
    for (const sender of ['foreign', 'subframe', 'foreign-page'] as const) {
      const result = await run.invoke(IPC_METHODS.getSettings, sender)
      expect(result, sender).toEqual({ ok: false, error: { kind: 'forbidden_sender', message: expect.any(String) } })
    }
    expect((await run.invoke(IPC_METHODS.getSettings, 'trusted')).ok).toBe(true)
  })

  it('with a key stored through the app, a sync and the transactions query return the simulator\'s rows', async () => {
    const saved = await run.invoke(IPC_METHODS.saveApiKey, 'trusted', { key: sim.apiKey, sessionOnly: false })
    expect(saved.ok, JSON.stringify(saved)).toBe(true)
    const synced = await run.invoke(IPC_METHODS.runSync, 'trusted', { full: true })
    expect(synced.ok, JSON.stringify(synced)).toBe(true)
    const query = {
      filter: { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' },
      sort: { column: 'createdAt', direction: 'desc' },
      offset: 0,
      limit: 50
    }
    let rows: { payId: string }[] = []
    for (let i = 0; i < 100 && rows.length === 0; i++) {
      const result = await run.invoke(IPC_METHODS.queryTransactions, 'trusted', query)
      expect(result.ok, JSON.stringify(result)).toBe(true)
      rows = (result.value as { rows: { payId: string }[] }).rows
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100))
    }
    expect(rows.length).toBe(50)
    const paymentIds = new Set(sim.admin.payments({ limit: 100_000 }).map((p) => p.payId))
    for (const row of rows) expect(paymentIds.has(row.payId), row.payId).toBe(true)
    // The same query from a foreign sender still gets nothing.
    expect((await run.invoke(IPC_METHODS.queryTransactions, 'foreign', query)).ok).toBe(false)
    // Leave no key behind (on macOS/Windows this is the user's real keychain).
    expect((await run.invoke(IPC_METHODS.signOut, 'trusted')).ok).toBe(true)
  })

  it('installs the lock-down handlers and they deny', async () => {
    const navigate = (event: string, url: string): Promise<{ prevented: boolean }> => run.send('webContentsEvent', { event, url })
    expect(await navigate('will-navigate', 'https://evil.example/')).toEqual({ prevented: true })
    expect(await navigate('will-navigate', 'app://other/index.html')).toEqual({ prevented: true })
    expect(await navigate('will-navigate', `${APP_INDEX}#/refunds`)).toEqual({ prevented: false })
    expect(await navigate('will-redirect', 'https://evil.example/')).toEqual({ prevented: true })
    expect(await navigate('will-attach-webview', 'https://evil.example/')).toEqual({ prevented: true })
    expect(await run.send('windowOpen', { url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(await run.send('permission', { permission }), permission).toEqual({ request: false, check: false })
    }
  })

  it('menu: Edit roles and Help items that open the data and log folders; no reload or DevTools', async () => {
    const state = await run.state()
    const all = flatten(state.menuTemplate ?? [])
    expect(all).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'Open data folder', 'Show logs']))
    for (const forbidden of ['reload', 'forceReload', 'toggleDevTools']) expect(all).not.toContain(forbidden)
    expect(await run.send('clickHelp', { label: 'Open data folder' })).toEqual([dataDir])
    expect(await run.send('clickHelp', { label: 'Show logs' })).toEqual([dataDir, join(dataDir, 'logs')])
  })

  it('a second launch restores and focuses the first window', async () => {
    expect(await run.send('secondInstance')).toEqual(['restore', 'show', 'focus'])
  })

  it('an uncaught exception and a rejection are logged, one dialog is shown, the app keeps running', async () => {
    await run.send('throwUncaught', { message: 'contract-test boom' })
    await run.send('rejectUnhandled', { message: 'contract-test rejection' })
    await new Promise((r) => setTimeout(r, 100))
    const state = await run.state()
    expect(state.errorBoxes).toHaveLength(1)
    expect(state.errorBoxes[0]!.content).toContain(join(dataDir, 'logs', 'main.log'))
    const log = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')
    expect(log).toContain('uncaught exception: Error: contract-test boom')
    expect(log).toContain('unhandled rejection: Error: contract-test rejection')
    // Still answering.
    expect((await run.invoke(IPC_METHODS.getSettings, 'trusted')).ok).toBe(true)
  })

  it('the key never reaches the log file', () => {
    const log = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')
    expect(log.length).toBeGreaterThan(0)
    expect(log).not.toContain(sim.apiKey)
  })

  it('quitting closes the core first, then the process ends cleanly', async () => {
    await run.send('quit')
    expect(await run.exited).toBe(0)
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('core closed')
  })
})

describe('shell edge runs', () => {
  it('a second instance (lock held elsewhere) quits at once: no window, no IPC, exit 0', async () => {
    const dir = tempDir('shell-contract-lock-')
    const recordFile = join(dir, 'record.json')
    const run = new ShellRun({ STANDIN_PACKAGED: '1', SECPAID_DATA_DIR: dir, STANDIN_LOCK: 'held', STANDIN_RECORD_FILE: recordFile })
    expect(await run.exited).toBe(0)
    const state = JSON.parse(readFileSync(recordFile, 'utf8')) as ShellRecord
    expect(state.singleInstanceLockRequests).toBe(1)
    expect(state.quitCalls).toBe(1)
    expect(state.windows).toHaveLength(0)
    expect(state.ipcHandle).toEqual([])
    expect(state.handledSchemes).toEqual([])
  })

  it('unpackaged: the dev server URL is honoured and DevTools stay available', async () => {
    const dir = tempDir('shell-contract-dev-')
    const run = new ShellRun({ SECPAID_DATA_DIR: dir, ELECTRON_RENDERER_URL: 'http://localhost:5173/' })
    await run.send('ready')
    const state = await run.state()
    expect(state.windows[0]!.loadedUrls).toEqual(['http://localhost:5173/'])
    expect(state.windows[0]!.options.webPreferences['devTools']).toBe(true)
    expect(flatten(state.menuTemplate ?? [])).toContain('toggleDevTools')
    await run.send('quit')
    expect(await run.exited).toBe(0)
  })
})
