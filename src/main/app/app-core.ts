/**
 * The main process's application core: settings, credentials and the current session (the active
 * environment's workspace and client, session.ts) with the application API (use-cases.ts) over
 * them; environment switches replace the session one after another. Plain
 * Node — the Electron shell, the Chromium test backend and the headless CLI all run this same code
 * with different plumbing around it.
 */
import type { EnvironmentId } from '@shared/domain'
import type { IpcEventName, IpcEventPayloads } from '@shared/ipc-channels'
import type { CredentialStatus, EnvironmentInfo, KeychainProblem } from '@shared/views'
import { createCredentialsService, keychainAccount, type CredentialsService, type SecretStore } from '../services/credentials'
import type { SecpaidClient } from '../services/secpaid'
import { openSettingsStore, type SettingsStore } from '../services/settings/settings-store'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import type { UseCases } from './app-api'
import { AppError } from './app-errors'
import type { EnvironmentAccess } from './environment-access'
import { createSessions, type Session } from './session'
import { createUseCases } from './use-cases'
import type { Workspace } from './workspace'

export interface AppCoreDeps {
  dataDir: string
  engine: JsonFileStoreFactory
  keychain: SecretStore
  access: EnvironmentAccess
  now?: () => Date
  osUser: string
  emit?: <E extends IpcEventName>(event: E, payload: IpcEventPayloads[E]) => void
  log?: (line: string) => void
  /** Environment to open regardless of settings (CLI --env, tests). */
  forceEnvironment?: EnvironmentId
  /** Index the cache newest month first, older months in the background (the window). */
  progressiveCacheLoad?: boolean
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
  /** A client for the active environment, or null when no key is available. */
  client(): SecpaidClient | null
  switchEnvironment(env: EnvironmentId): Promise<EnvironmentInfo>
  close(): Promise<void>
}

export async function createAppCore(deps: AppCoreDeps): Promise<AppCore> {
  const now = deps.now ?? (() => new Date())
  const emit = deps.emit ?? (() => undefined)
  const log = deps.log ?? (() => undefined)
  const { access } = deps
  const settings = openSettingsStore({ dir: deps.dataDir, engine: deps.engine, now })

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

  const sessions = createSessions({
    dataDir: deps.dataDir,
    engine: deps.engine,
    access,
    credentials,
    settings,
    osUser: deps.osUser,
    now,
    emit,
    log,
    progressiveCacheLoad: deps.progressiveCacheLoad === true
  })
  const loadClient = sessions.loadClient

  let session: Session = sessions.open(deps.forceEnvironment ?? settings.get().environment ?? 'demo')
  // A settings file set aside at start is said once, with the first environment's notices.
  session.ws.sync.addNotices(settings.notices)
  await loadClient(session)
  // Environment switches run one after another, never interleaved.
  let switching: Promise<unknown> = Promise.resolve()

  function environmentInfo(): EnvironmentInfo {
    const env = session.env
    return { active: env, available: access.available(), baseUrl: access.knownBaseUrl(env), isProduction: env === 'production' }
  }

  async function credentialStatus(): Promise<CredentialStatus> {
    const env = session.env
    if (env === 'demo') {
      const key = await access.demoKey()
      return { env, hasKey: true, last4: key.slice(-4), storage: 'demo', keychainAvailable: true, keychainMessage: null, keychainProblem: null }
    }
    const status = await credentials.status(env)
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

  function switchEnvironment(target: EnvironmentId): Promise<EnvironmentInfo> {
    const run = switching.then(async () => {
      if (!access.available().includes(target)) {
        throw new AppError('invalid_argument', `The ${target} environment is not available (custom needs SECPAID_API_BASE).`)
      }
      settings.update({ environment: target })
      if (target !== session.env) {
        session.closed = true
        session.ws.close()
        session = sessions.open(target)
        await loadClient(session)
      }
      const info = environmentInfo()
      emit('environmentChanged', info)
      return info
    })
    switching = run.catch(() => undefined)
    return run
  }

  const api = createUseCases({
    settings,
    credentials,
    now,
    activeEnv: () => session.env,
    workspace: () => session.ws,
    hasClient: () => session.client !== null,
    reloadClient: () => loadClient(session),
    dropClient: () => {
      session.client = null
    },
    environmentInfo,
    credentialStatus,
    switchEnvironment
  })

  return {
    api,
    handlers: api,
    settings,
    credentials,
    workspace: () => session.ws,
    activeEnv: () => session.env,
    client: () => (session.closed ? null : session.client),
    switchEnvironment,
    async close() {
      session.closed = true
      session.ws.close()
      await access.close()
    }
  }
}

/** The platforms whose keychain advice differs (every other Unix gets the Linux advice). */
function advicePlatform(platform: NodeJS.Platform): KeychainProblem['platform'] {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}
