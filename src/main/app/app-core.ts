/**
 * The main process's application core: settings, credentials, the active environment's
 * workspace, and the IPC handlers over them. Plain Node — the Electron shell, the Chromium test
 * backend and the headless CLI all run this same code with different plumbing around it.
 */
import { createHash } from 'node:crypto'
import type { EnvironmentId } from '../../shared/domain'
import type { IpcEventName, IpcEventPayloads } from '../../shared/ipc-channels'
import type { CredentialStatus, EnvironmentInfo } from '../../shared/views'
import { AppError } from '../ipc/ipc-errors'
import type { IpcHandlers } from '../ipc/ipc-router'
import { createCredentialsService, KeychainUnavailableError, type CredentialsService, type SecretStore } from '../services/credentials'
import { exportTransactions } from '../services/export'
import type { SecpaidClient } from '../services/secpaid'
import { openSettingsStore, type SettingsStore } from '../services/settings/settings-store'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import type { EnvironmentAccess } from './environment-access'
import { openWorkspace, type Workspace } from './workspace'

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
}

export interface AppCore {
  readonly handlers: IpcHandlers
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
    // A cheap authenticated call proves the key before anything is stored (issue 3).
    validateKey: async (env, key) => {
      const client = await access.createClient(env, key)
      await client.getPayInTransactions({ page: 1, limit: 1, since: 1 })
    }
  })

  /**
   * The active environment with its own workspace and client. A workspace only ever uses the
   * client of its own session: after a switch the old session is closed and its getClient()
   * returns null, so nothing running late in it can use another environment's key (or write
   * another server's rows into its cache).
   */
  interface Session {
    readonly env: EnvironmentId
    ws: Workspace
    client: SecpaidClient | null
    keychainError: string | null
    closed: boolean
    generation: number
  }

  function openSession(target: EnvironmentId): Session {
    const session: Session = { env: target, client: null, keychainError: null, closed: false, generation: 0, ws: null as unknown as Workspace }
    session.ws = openWorkspace({
      env: target,
      dirName: workspaceDirName(target),
      dataDir: deps.dataDir,
      engine: deps.engine,
      getClient: () => (session.closed ? null : session.client),
      now,
      osUser: deps.osUser,
      historyWindowMonths: () => settings.get().historyWindowMonths,
      onSyncProgress: (p) => emit('syncProgress', p),
      onSyncState: (st) => emit('syncState', st),
      onLedgerChange: (requests) => emit('ledgerChanged', { requests })
    })
    return session
  }

  /** Custom servers each get their own folder: pay_ids of different servers must never mix. */
  function workspaceDirName(target: EnvironmentId): string {
    if (target !== 'custom') return target
    const base = access.knownBaseUrl('custom') ?? ''
    return `custom-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`
  }

  /** Builds the session's client from ITS environment's key; a stale result is dropped. */
  async function loadClient(session: Session): Promise<void> {
    const generation = ++session.generation
    let client: SecpaidClient | null = null
    let keychainError: string | null = null
    try {
      const key = session.env === 'demo' ? await access.demoKey() : await credentials.getKey(session.env)
      client = key === null ? null : await access.createClient(session.env, key)
    } catch (error) {
      if (error instanceof KeychainUnavailableError) keychainError = error.message
      else log(`could not prepare the SecPaid client: ${error instanceof Error ? error.name : 'error'}`)
    }
    if (session.closed || generation !== session.generation) return
    session.client = client
    session.keychainError = keychainError
  }

  let session = openSession(deps.forceEnvironment ?? settings.get().environment ?? 'demo')
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
      return { env, hasKey: true, last4: key.slice(-4), storage: 'demo', keychainAvailable: true, keychainMessage: null }
    }
    const status = await credentials.status(env)
    const message = status.keychainError?.message ?? session.keychainError
    return {
      env,
      hasKey: status.hasKey,
      last4: status.last4,
      storage: status.storage,
      keychainAvailable: message === null,
      keychainMessage: message
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
        session = openSession(target)
        await loadClient(session)
      }
      const info = environmentInfo()
      emit('environmentChanged', info)
      return info
    })
    switching = run.catch(() => undefined)
    return run
  }

  function requireRow(key: string): NonNullable<ReturnType<Workspace['index']['get']>> {
    const row = session.ws.index.get(key)
    if (!row) throw new AppError('not_found', 'This transaction is not in the local cache (any more).')
    return row
  }

  const handlers: IpcHandlers = {
    getEnvironment: async () => environmentInfo(),
    setEnvironment: async ({ env: target }) => switchEnvironment(target),
    getCredentialStatus: () => credentialStatus(),
    saveApiKey: async ({ key, sessionOnly }) => {
      if (session.env === 'demo') throw new AppError('precondition', 'The Demo environment needs no key.')
      await credentials.saveKey(session.env, key, { sessionOnly })
      await loadClient(session)
      return credentialStatus()
    },
    signOut: async () => {
      if (session.env === 'demo') throw new AppError('precondition', 'The Demo environment has no key to remove.')
      await credentials.signOut(session.env)
      session.client = null
      return credentialStatus()
    },
    getSyncState: async () => session.ws.sync.state(),
    runSync: async ({ full }) => {
      if (session.client === null) await loadClient(session)
      return session.ws.sync.run({ full })
    },
    dismissSyncNotices: async () => {
      session.ws.sync.dismissNotices()
      return session.ws.sync.state()
    },
    queryTransactions: async (q) => session.ws.engine.query(q),
    getTransaction: async ({ key }) => {
      const row = requireRow(key)
      const related = session.ws.index.byPayId(row.payId).filter((r) => r.key !== row.key)
      const requests = session.ws.refunds.list().filter((r) => r.payId === row.payId)
      return { row, related, requests, eligibility: row.kind === 'payment' ? session.ws.refunds.eligibility(row.payId) : null }
    },
    listStatuses: async () => session.ws.engine.distinctStatuses(),
    getRefundEligibility: async ({ payId }) => session.ws.refunds.eligibility(payId),
    submitRefund: async (input) => session.ws.refunds.submit(input),
    listRefundRequests: async () => session.ws.refunds.list(),
    checkRefundRequest: async ({ requestId }) => session.ws.refunds.checkAgain(requestId),
    markRefundDenied: async ({ requestId, reason }) => session.ws.refunds.markDenied(requestId, reason),
    exportTransactions: async ({ filter, format, language }) => {
      const { rows, totals } = session.ws.engine.selectAll(filter)
      return exportTransactions({
        rows,
        totals,
        filter,
        format,
        language,
        dataAsOf: session.ws.cache.getMeta().lastSuccessfulSyncAt,
        now: now()
      })
    },
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      return settings.update(clean)
    },
    getReviewState: async ({ month }) => ({ month, reviewedKeys: session.ws.reviews.reviewedKeys(month) }),
    setReviewed: async ({ month, keys, reviewed }) => ({ month, reviewedKeys: session.ws.reviews.setReviewed(month, keys, reviewed) })
  }

  return {
    handlers,
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
