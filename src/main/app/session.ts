/**
 * A session: one account opened with its own workspace and client. A workspace only ever uses
 * the client of its own session: after a switch the old session is closed and its getClient()
 * returns null, so nothing running late in it can use another account's key (or write another
 * shop's rows into its cache).
 */
import type { EnvironmentId } from '@shared/domain'
import type { IpcEventName, IpcEventPayloads } from '@shared/ipc-channels'
import { KeychainUnavailableError, type CredentialsService, type KeychainFailureReason } from '../services/credentials'
import type { SecpaidClient } from '../services/secpaid'
import type { SettingsStore } from '../services/settings/settings-store'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import type { TeamSync } from '../services/team/team-sync'
import { join } from 'node:path'
import type { AccountTarget } from './account-targets'
import { claimsFor } from './team-session'
import type { EnvironmentAccess } from './environment-access'
import { openWorkspace, type Workspace } from './workspace'

export interface Session {
  readonly target: AccountTarget
  readonly env: EnvironmentId
  readonly ws: Workspace
  client: SecpaidClient | null
  /** Why the keychain could not give this account's key, if it could not. */
  keychainError: { message: string; reason: KeychainFailureReason } | null
  closed: boolean
  /** Counts client loads; a load that finished after a newer one started is dropped. */
  generation: number
  /** The account's team sharing (null: not in a team, or not started). */
  team: TeamSync | null
  /** Why team sharing could not start (e.g. the keychain), if it could not. */
  teamError: string | null
}

export interface SessionDeps {
  dataDir: string
  engine: JsonFileStoreFactory
  access: EnvironmentAccess
  credentials: CredentialsService
  settings: SettingsStore
  osUser: string
  now: () => Date
  emit: <E extends IpcEventName>(event: E, payload: IpcEventPayloads[E]) => void
  log: (line: string) => void
  /** See WorkspaceDeps.progressiveCacheLoad (the window: yes; the CLI: no). */
  progressiveCacheLoad?: boolean
  /** See WorkspaceDeps.lookupMapsAtOpen. */
  lookupMapsAtOpen?: boolean
  /** This PC's name as teammates see it. */
  machine: string
}

export interface Sessions {
  open(target: AccountTarget): Session
  /** Builds the session's client from ITS account's key; a stale result is dropped. */
  loadClient(session: Session): Promise<void>
}

export function createSessions(deps: SessionDeps): Sessions {
  const { access, emit } = deps

  function open(target: AccountTarget): Session {
    // The workspace reads the client through `state`, which becomes the session object itself.
    const state = {
      client: null as SecpaidClient | null,
      keychainError: null as Session['keychainError'],
      closed: false,
      generation: 0,
      team: null as TeamSync | null,
      teamError: null as string | null
    }
    const ws = openWorkspace({
      env: target.env,
      dirName: target.dirName,
      dataDir: deps.dataDir,
      engine: deps.engine,
      getClient: () => (state.closed ? null : state.client),
      now: deps.now,
      osUser: deps.osUser,
      historyWindowMonths: () => deps.settings.get().historyWindowMonths,
      // A closed session's late news (a sync cancelled by the switch, a refund answered after it)
      // would reach the window under the next account's name: only the open session speaks.
      onSyncProgress: (p) => {
        if (!state.closed) emit('syncProgress', p)
      },
      onSyncState: (st) => {
        if (!state.closed) emit('syncState', st)
      },
      onLedgerChange: (change) => {
        if (!state.closed) emit('ledgerChanged', change)
      },
      progressiveCacheLoad: deps.progressiveCacheLoad === true,
      lookupMapsAtOpen: deps.lookupMapsAtOpen === true,
      team: () => (state.closed ? null : state.team),
      claims: () => (state.closed ? null : claimsFor(state.team, join(deps.dataDir, target.dirName), state.teamError)),
      machine: deps.machine
    })
    return Object.assign(state, { target, env: target.env, ws })
  }

  async function loadClient(session: Session): Promise<void> {
    const generation = ++session.generation
    let client: SecpaidClient | null = null
    let keychainError: Session['keychainError'] = null
    try {
      const key = session.env === 'demo' ? await access.demoKey() : await deps.credentials.getKey(session.target.keySlot)
      client = key === null ? null : await access.createClient(session.env, key)
    } catch (error) {
      if (error instanceof KeychainUnavailableError) keychainError = { message: error.message, reason: error.reason }
      else deps.log(`could not prepare the SecPaid client: ${error instanceof Error ? error.name : 'error'}`)
    }
    if (session.closed || generation !== session.generation) return
    session.client = client
    session.keychainError = keychainError
  }

  return { open, loadClient }
}
