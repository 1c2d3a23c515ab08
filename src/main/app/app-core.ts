/**
 * The main process's application core: settings, accounts, credentials and the current session
 * (the open account's workspace and client, session.ts) with the application API (use-cases.ts,
 * account-use-cases.ts) over them; account and environment switches replace the session one
 * after another. Plain
 * Node — the Electron shell, the Chromium test backend and the headless CLI all run this same code
 * with different plumbing around it.
 */
import type { EnvironmentId } from '@shared/domain'
import type { IpcEventName, IpcEventPayloads } from '@shared/ipc-channels'
import type { TeamStatus } from '@shared/team'
import type { CredentialStatus, EnvironmentInfo, KeychainProblem } from '@shared/views'
import { createCredentialsService, keychainAccount, type CredentialsService, type SecretStore } from '../services/credentials'
import type { SecpaidClient } from '../services/secpaid'
import { openSettingsStore, type SettingsStore } from '../services/settings/settings-store'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import type { UseCases } from './app-api'
import { AppError } from './app-errors'
import { openAccountDirectory } from '../services/accounts/account-directory'
import { createAccountTargets, isBuiltInAccountId, type AccountTarget } from './account-targets'
import { createAccountUseCases } from './account-use-cases'
import type { EnvironmentAccess } from './environment-access'
import { createSessions, type Session } from './session'
import type { OpenTeamStoreOptions, TeamStore } from '../services/team/team-store'
import { idleTeamStatus, startTeamSession } from './team-session'
import { createTeamSettings } from './team-settings'
import { machineIdentity } from './machine-identity'
import type { ModuleLoaders } from './module-loaders'
import { createUseCases } from './use-cases'
import { openWorkspace, type Workspace } from './workspace'

export interface AppCoreDeps {
  dataDir: string
  /** The bank check and team sharing are loaded on first use (module-loaders.ts). */
  loaders: Pick<ModuleLoaders, 'bankCheck' | 'teamStore' | 'teamSync'>
  engine: JsonFileStoreFactory
  keychain: SecretStore
  access: EnvironmentAccess
  now?: () => Date
  osUser: string
  emit?: <E extends IpcEventName>(event: E, payload: IpcEventPayloads[E]) => void
  log?: (line: string) => void
  /** Environment to open regardless of settings (CLI --env, tests): its built-in account. */
  forceEnvironment?: EnvironmentId
  /** Account to open regardless of settings, by id or name (CLI --account). */
  forceAccount?: string
  /** Index the cache newest month first, older months in the background (the window). */
  progressiveCacheLoad?: boolean
  /** See WorkspaceDeps.lookupMapsAtOpen (a CLI sync or refund: yes). */
  lookupMapsAtOpen?: boolean
  /** This PC's name as teammates see it (default: the host name). */
  machine?: string
  /** Team pull interval (default 5 s); null = one cycle at open, a flush at close (the CLI). */
  teamPollMs?: number | null
  /**
   * 'file' (default): this process owns the account's team outbox file (the app). 'memory': the
   * CLI, which may run beside the app (team-sync.ts).
   */
  teamOutbox?: 'file' | 'memory'
  /** Opens the team database (tests count round trips or break the connection). */
  openTeamStore?: (opts: OpenTeamStoreOptions) => TeamStore
}

export interface AppCore {
  /** The application API (app-api.ts): what the IPC router and the CLI call. */
  readonly api: UseCases
  /** The same object as `api`, under the name the test harnesses use. */
  readonly handlers: UseCases
  readonly settings: SettingsStore
  readonly credentials: CredentialsService
  workspace(): Workspace
  activeEnv(): EnvironmentId
  /** The open account. */
  activeAccount(): AccountTarget
  /** An added account's id by its id or name (ignoring case), as `--account` reads it; null if none. */
  findAddedAccount(idOrName: string): string | null
  /** A client for the active environment, or null when no key is available. */
  client(): SecpaidClient | null
  switchEnvironment(env: EnvironmentId): Promise<EnvironmentInfo>
  switchAccount(id: string): Promise<EnvironmentInfo>
  close(): Promise<void>
}

export async function createAppCore(deps: AppCoreDeps): Promise<AppCore> {
  const now = deps.now ?? (() => new Date())
  const emit = deps.emit ?? (() => undefined)
  const log = deps.log ?? (() => undefined)
  const { access } = deps
  const settings = openSettingsStore({ dir: deps.dataDir, engine: deps.engine, now })
  const directory = openAccountDirectory({ dataDir: deps.dataDir, now })
  const targets = createAccountTargets({ directory, access })

  const credentials = createCredentialsService({
    keychain: deps.keychain,
    // The custom slot is bound to this run's server: a key stored for another URL is not found.
    accountFor: (env) => keychainAccount(env, access.knownBaseUrl('custom')),
    // A cheap authenticated call proves the key before anything is stored.
    validateKey: async (env, key) => {
      const client = await access.createClient(env, key)
      await client.getPayInTransactions({ page: 1, limit: 1, since: 1 })
    }
  })

  const machine = deps.machine ?? machineIdentity(deps.dataDir)
  const sessions = createSessions({
    machine,
    dataDir: deps.dataDir,
    engine: deps.engine,
    access,
    credentials,
    settings,
    osUser: deps.osUser,
    now,
    emit,
    log,
    progressiveCacheLoad: deps.progressiveCacheLoad === true,
    lookupMapsAtOpen: deps.lookupMapsAtOpen === true
  })
  const loadClient = sessions.loadClient

  const team = createTeamSettings({ keychain: deps.keychain, machine, loadStore: deps.loaders.teamStore })
  const teamSlotOf = (s: Session) => ({ dir: s.ws.dir, keychainAccount: `team:${s.target.dirName}` })

  /** Team starts in progress, per session: one at a time (a second would share one folder). */
  const teamStarts = new WeakMap<Session, Promise<void>>()

  /** Starts the session's team sharing if its account is in a team and it is not running. */
  function startTeam(s: Session): Promise<void> {
    const running = teamStarts.get(s)
    if (running !== undefined) return running
    if (s.team !== null || s.closed) return Promise.resolve()
    const start = startTeamNow(s).finally(() => teamStarts.delete(s))
    teamStarts.set(s, start)
    return start
  }

  /** A failure to start is the team's status (and its claims refuse: team-session.ts). */
  async function startTeamNow(s: Session): Promise<void> {
    try {
      const sync = await startTeamSession(
        {
          settings: team,
          machine,
          osUser: deps.osUser,
          now,
          pollMs: deps.teamPollMs === undefined ? 5_000 : deps.teamPollMs,
          onStatus: (status) => {
            if (!s.closed) emit('teamStatus', status)
          },
          // Teammates' ticks change what the review shows: the window re-reads it on this event.
          onReviewTicks: () => {
            if (!s.closed && s.team !== null) emit('teamStatus', s.team.status())
          },
          loaders: deps.loaders,
          ...(deps.openTeamStore ? { openStore: deps.openTeamStore } : {}),
          outbox: deps.teamOutbox ?? 'file'
        },
        teamSlotOf(s),
        s.ws
      )
      if (s.closed) {
        await sync?.close()
        return
      }
      s.team = sync
      s.teamError = null
    } catch (error) {
      s.teamError = error instanceof Error ? error.message : String(error)
      log(`team sharing could not start: ${s.teamError}`)
    }
  }

  async function stopTeam(s: Session): Promise<void> {
    await teamStarts.get(s)
    const sync = s.team
    s.team = null
    s.teamError = null
    await sync?.close()
  }

  const first = initialTarget()
  await askKeyAhead(first)
  let session: Session = sessions.open(first)
  // Files set aside at start are said once, with the first account's notices.
  session.ws.sync.addNotices([...settings.notices, ...directory.notices])
  await loadClient(session)
  await startTeam(session)
  // Environment switches run one after another, never interleaved.
  let switching: Promise<unknown> = Promise.resolve()

  /**
   * Sends the first account's keychain read before its cache is read: the keychain answers over
   * D-Bus (or its OS service) on keytar's worker thread while main reads and indexes the cache,
   * so the session's client is ready without waiting for that round trip afterwards. The turn
   * lets the read get on its way (its first steps are promise callbacks); `loadClient` then joins
   * it (credentials-service.ts reads a slot once at a time). Its failure is `loadClient`'s to report.
   */
  async function askKeyAhead(target: AccountTarget): Promise<void> {
    if (target.env === 'demo') return
    credentials.getKey(target.keySlot).catch(() => undefined)
    await new Promise<void>((resolve) => setImmediate(resolve))
  }

  function initialTarget(): AccountTarget {
    if (deps.forceAccount !== undefined) {
      const found = isBuiltInAccountId(deps.forceAccount) ? deps.forceAccount : directory.find(deps.forceAccount)?.id
      const target = found === undefined ? null : targets.resolve(found)
      if (target === null) throw new AppError('not_found', `There is no account "${deps.forceAccount}" (or its environment is not available).`, 'account_unknown')
      return target
    }
    if (deps.forceEnvironment !== undefined) {
      const target = targets.resolve(deps.forceEnvironment)
      if (target === null) throw new AppError('invalid_argument', `The ${deps.forceEnvironment} environment is not available (custom needs SECPAID_API_BASE).`)
      return target
    }
    const chosen = settings.get()
    const remembered = chosen.activeAccount === null ? null : targets.resolve(chosen.activeAccount)
    // The demo built-in account is always available: the fallback when nothing else opens.
    return remembered ?? targets.resolve(chosen.environment ?? 'demo') ?? (targets.resolve('demo') as AccountTarget)
  }

  function environmentInfo(): EnvironmentInfo {
    const { env, target } = session
    return {
      account: { id: target.id, name: target.name },
      active: env,
      available: access.available(),
      baseUrl: access.knownBaseUrl(env),
      isProduction: env === 'production'
    }
  }

  async function credentialStatus(): Promise<CredentialStatus> {
    const env = session.env
    if (env === 'demo') {
      const key = await access.demoKey()
      return { env, hasKey: true, last4: key.slice(-4), storage: 'demo', keychainAvailable: true, keychainMessage: null, keychainProblem: null }
    }
    const status = await credentials.status(session.target.keySlot)
    // The keychain answered now, but the client was left without a key by an earlier failure (a
    // keyring locked at start, since unlocked): read the key again, so Settings stops reporting a
    // problem that is gone, and the next sync has its client.
    if (status.keychainError === undefined && session.keychainError !== null) await loadClient(session)
    const problem = status.keychainError ?? session.keychainError
    return {
      env,
      hasKey: status.hasKey,
      last4: status.last4,
      storage: status.storage,
      keychainAvailable: problem === null,
      keychainMessage: problem?.message ?? null,
      keychainProblem: problem === null ? null : { reason: problem.reason, platform: advicePlatform(process.platform) }
    }
  }

  function switchAccount(id: string): Promise<EnvironmentInfo> {
    const run = switching.then(async () => {
      const target = targets.resolve(id)
      if (target === null) throw new AppError('not_found', 'There is no such account (or its environment is not available).', 'account_unknown')
      settings.update({ environment: target.env, activeAccount: target.builtIn ? null : target.id })
      if (target.id !== session.target.id) {
        const old = session
        old.closed = true
        old.ws.close()
        await stopTeam(old)
        await askKeyAhead(target)
        session = sessions.open(target)
        await loadClient(session)
        await startTeam(session)
      }
      const info = environmentInfo()
      emit('environmentChanged', info)
      return info
    })
    switching = run.catch(() => undefined)
    return run
  }

  /** An environment switch opens that environment's built-in account. */
  function switchEnvironment(env: EnvironmentId): Promise<EnvironmentInfo> {
    if (!access.available().includes(env)) {
      return Promise.reject(new AppError('invalid_argument', `The ${env} environment is not available (custom needs SECPAID_API_BASE).`))
    }
    return switchAccount(env)
  }

  /** The open account's workspace, or one opened just for `work` (read from disk, no client) and closed after. */
  async function visit<T>(target: AccountTarget, work: (ws: Workspace) => T): Promise<T> {
    if (target.id === session.target.id) {
      const ws = session.ws
      // Its load stopped (another account opened meanwhile): read the account from disk like any other.
      if (await ws.whenLoaded().then(() => true, () => false)) return work(ws)
    }
    const ws = openWorkspace({
      env: target.env,
      dirName: target.dirName,
      dataDir: deps.dataDir,
      engine: deps.engine,
      getClient: () => null,
      now,
      osUser: deps.osUser,
      historyWindowMonths: () => settings.get().historyWindowMonths
    })
    try {
      await ws.cacheLoaded
      return work(ws)
    } finally {
      ws.close()
    }
  }

  const accountApi = createAccountUseCases({
    dataDir: deps.dataDir,
    directory,
    targets,
    credentials,
    now,
    activeTarget: () => session.target,
    switchAccount,
    visit
  })

  const teamSlot = () => teamSlotOf(session)
  async function teamStatus(): Promise<TeamStatus> {
    if (session.team !== null) return session.team.status()
    const view = await team.view(teamSlot())
    return idleTeamStatus(view.configured ? { teamName: view.teamName } : null, machine, session.teamError)
  }
  async function syncTeamNow(): Promise<TeamStatus> {
    if (session.team === null) await startTeam(session)
    return session.team === null ? teamStatus() : session.team.cycle()
  }
  /** Settings → Team: a new connection restarts the sharing; leaving the team stops it. */
  const teamSettings: typeof team = {
    ...team,
    async save(slot, input) {
      const saved = await team.save(slot, input)
      await stopTeam(session)
      await startTeam(session)
      if (session.team !== null) emit('teamStatus', session.team.status())
      return saved
    },
    async remove(slot) {
      await stopTeam(session)
      const view = await team.remove(slot)
      emit('teamStatus', idleTeamStatus(null, machine, null))
      return view
    }
  }

  const api = createUseCases({
    settings,
    credentials,
    now,
    accounts: accountApi,
    team: teamSettings,
    // The folder is the account's identity on this PC (a custom server's folder differs per URL).
    teamSlot,
    teamStatus,
    syncTeamNow,
    activeEnv: () => session.env,
    keySlot: () => session.target.keySlot,
    workspace: () => session.ws,
    hasClient: () => session.client !== null,
    reloadClient: () => loadClient(session),
    dropClient: () => {
      session.client = null
    },
    environmentInfo,
    credentialStatus,
    switchEnvironment,
    loadBankCheck: deps.loaders.bankCheck
  })

  return {
    api,
    handlers: api,
    settings,
    credentials,
    workspace: () => session.ws,
    activeEnv: () => session.env,
    activeAccount: () => session.target,
    findAddedAccount: (idOrName) => directory.find(idOrName)?.id ?? null,
    client: () => (session.closed ? null : session.client),
    switchEnvironment,
    switchAccount,
    async close() {
      session.closed = true
      session.ws.close()
      await stopTeam(session)
      await access.close()
    }
  }
}

/** The platforms whose keychain advice differs (every other Unix gets the Linux advice). */
function advicePlatform(platform: NodeJS.Platform): KeychainProblem['platform'] {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}
