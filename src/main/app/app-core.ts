/**
 * The main process's application core: settings, credentials, the active environment's
 * workspace, and the IPC handlers over them. Plain Node — the Electron shell, the Chromium test
 * backend and the headless CLI all run this same code with different plumbing around it.
 */
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

  let env: EnvironmentId = deps.forceEnvironment ?? settings.get().environment ?? 'demo'
  let currentClient: SecpaidClient | null = null
  let keychainError: string | null = null
  let ws: Workspace = open(env)

  function open(target: EnvironmentId): Workspace {
    return openWorkspace({
      env: target,
      dataDir: deps.dataDir,
      engine: deps.engine,
      getClient: () => currentClient,
      now,
      osUser: deps.osUser,
      historyWindowMonths: () => settings.get().historyWindowMonths,
      onSyncProgress: (p) => emit('syncProgress', p),
      onSyncState: (s) => emit('syncState', s),
      onLedgerChange: (requests) => emit('ledgerChanged', { requests })
    })
  }

  async function loadClient(): Promise<void> {
    keychainError = null
    try {
      const key = env === 'demo' ? await access.demoKey() : await credentials.getKey(env)
      currentClient = key === null ? null : await access.createClient(env, key)
    } catch (error) {
      currentClient = null
      if (error instanceof KeychainUnavailableError) keychainError = error.message
      else log(`could not prepare the SecPaid client: ${error instanceof Error ? error.name : 'error'}`)
    }
  }
  await loadClient()

  function environmentInfo(): EnvironmentInfo {
    return { active: env, available: access.available(), baseUrl: access.knownBaseUrl(env), isProduction: env === 'production' }
  }

  async function credentialStatus(): Promise<CredentialStatus> {
    if (env === 'demo') {
      const key = await access.demoKey()
      return { env, hasKey: true, last4: key.slice(-4), storage: 'demo', keychainAvailable: true, keychainMessage: null }
    }
    const status = await credentials.status(env)
    const message = status.keychainError?.message ?? keychainError
    return {
      env,
      hasKey: status.hasKey,
      last4: status.last4,
      storage: status.storage,
      keychainAvailable: message === null,
      keychainMessage: message
    }
  }

  async function switchEnvironment(target: EnvironmentId): Promise<EnvironmentInfo> {
    if (!access.available().includes(target)) {
      throw new AppError('invalid_argument', `The ${target} environment is not available (custom needs SECPAID_API_BASE).`)
    }
    settings.update({ environment: target })
    if (target !== env) {
      ws.close()
      env = target
      currentClient = null
      ws = open(target)
      await loadClient()
    }
    const info = environmentInfo()
    emit('environmentChanged', info)
    return info
  }

  function requireRow(key: string): NonNullable<ReturnType<Workspace['index']['get']>> {
    const row = ws.index.get(key)
    if (!row) throw new AppError('not_found', 'This transaction is not in the local cache (any more).')
    return row
  }

  const handlers: IpcHandlers = {
    getEnvironment: async () => environmentInfo(),
    setEnvironment: async ({ env: target }) => switchEnvironment(target),
    getCredentialStatus: () => credentialStatus(),
    saveApiKey: async ({ key, sessionOnly }) => {
      if (env === 'demo') throw new AppError('precondition', 'The Demo environment needs no key.')
      await credentials.saveKey(env, key, { sessionOnly })
      await loadClient()
      return credentialStatus()
    },
    signOut: async () => {
      if (env === 'demo') throw new AppError('precondition', 'The Demo environment has no key to remove.')
      await credentials.signOut(env)
      currentClient = null
      return credentialStatus()
    },
    getSyncState: async () => ws.sync.state(),
    runSync: async ({ full }) => {
      if (currentClient === null) await loadClient()
      return ws.sync.run({ full })
    },
    queryTransactions: async (q) => ws.engine.query(q),
    getTransaction: async ({ key }) => {
      const row = requireRow(key)
      const related = ws.index.byPayId(row.payId).filter((r) => r.key !== row.key)
      const requests = ws.refunds.list().filter((r) => r.payId === row.payId)
      return { row, related, requests, eligibility: row.kind === 'payment' ? ws.refunds.eligibility(row.payId) : null }
    },
    listStatuses: async () => ws.engine.distinctStatuses(),
    getRefundEligibility: async ({ payId }) => ws.refunds.eligibility(payId),
    submitRefund: async (input) => ws.refunds.submit(input),
    listRefundRequests: async () => ws.refunds.list(),
    checkRefundRequest: async ({ requestId }) => ws.refunds.checkAgain(requestId),
    markRefundDenied: async ({ requestId, reason }) => ws.refunds.markDenied(requestId, reason),
    exportTransactions: async ({ filter, format, language }) => {
      const { rows, totals } = ws.engine.selectAll(filter)
      return exportTransactions({
        rows,
        totals,
        filter,
        format,
        language,
        dataAsOf: ws.cache.getMeta().lastSuccessfulSyncAt,
        now: now()
      })
    },
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      return settings.update(clean)
    },
    getReviewState: async ({ month }) => ({ month, reviewedKeys: ws.reviews.reviewedKeys(month) }),
    setReviewed: async ({ month, keys, reviewed }) => ({ month, reviewedKeys: ws.reviews.setReviewed(month, keys, reviewed) })
  }

  return {
    handlers,
    settings,
    credentials,
    workspace: () => ws,
    activeEnv: () => env,
    client: () => currentClient,
    switchEnvironment,
    async close() {
      ws.close()
      await access.close()
    }
  }
}
