/**
 * The one composition root of the main-process core. The Electron shell, the CLI and the
 * Chromium test host differ only in what they pass as `platform`: where data lives, which JSON
 * store engine and secret store they use, where events and log lines go. Everything behind it —
 * environment access, demo simulator, settings, credentials, workspaces, the application API — is
 * wired here once.
 */
import { join } from 'node:path'
import type { EnvironmentId } from '@shared/domain'
import type { IpcEventName, IpcEventPayloads } from '@shared/ipc-channels'
import type { SecretStore } from '../services/credentials'
import type { FetchLike } from '../services/secpaid/transport'
import type { JsonFileStoreFactory } from '../services/storage/json-file-engine'
import { createAppCore, type AppCore } from './app-core'
import type { DemoBackendOptions } from './demo-backend'
import { createEnvironmentAccess } from './environment-access'
import type { ModuleLoaders } from './module-loaders'

export interface CorePlatform {
  dataDir: string
  /**
   * How the heavy modules are loaded: `import()` chunks in the bundled CLI and Electron entry,
   * static imports in the Chromium test host and tests (module-loaders.ts says why).
   */
  loaders: ModuleLoaders
  /** electron-store in Electron, conf elsewhere: same options, same file format. */
  engine: JsonFileStoreFactory
  /** The OS keychain (keytar), or a memory store in tests. */
  keychain: SecretStore
  /** Recorded in the refund ledger's audit trail. */
  osUser: string
  /** Where events for the renderer go (the window, a Chromium page, the CLI's progress line). */
  emit?: <E extends IpcEventName>(event: E, payload: IpcEventPayloads[E]) => void
  /** Diagnostics of the core and the demo simulator (the CLI passes none: its output stays clean). */
  log?: (line: string) => void
  /** SECPAID_API_BASE: enables the `custom` environment. */
  customBaseUrl?: string | null
  /** Environment to open regardless of settings (CLI --env, SECPAID_START_ENV, tests). */
  forceEnvironment?: EnvironmentId
  /** CLI --account: an added account's name or id. */
  forceAccount?: string
  /** Settings of the Demo simulator; its state lives in `<dataDir>/demo` unless given. */
  demo?: DemoBackendOptions
  appVersion?: string
  loopbackRateLimitPerMinute?: number | null
  fetch?: FetchLike
  now?: () => Date
  /**
   * Open the cache newest month first and index older months in the background (the window shows
   * its first rows at once). The CLI leaves it off: it wants every row before it answers.
   */
  progressiveCacheLoad?: boolean
  /**
   * Build the index's lookup maps (by key, by pay_id) while reading the cache: for a CLI command
   * that will look rows up or change them (a sync, a refund), which would build them right after
   * the open anyway. Off: built when first needed (the window: in the background after the load).
   */
  lookupMapsAtOpen?: boolean
  /** This PC's name as teammates see it (default: the host name). */
  machine?: string
  /** Team pull interval; null = one cycle at open and a flush at close (the CLI). Default 5 s. */
  teamPollMs?: number | null
  /** 'memory': this process must not own the team outbox file (the CLI beside a running app). */
  teamOutbox?: 'file' | 'memory'
}

export function bootstrapCore(platform: CorePlatform): Promise<AppCore> {
  const { log } = platform
  const access = createEnvironmentAccess({
    customBaseUrl: platform.customBaseUrl ?? null,
    startDemo: async () =>
      (await platform.loaders.demo()).startDemoBackend({
        ...(log ? { log } : {}),
        stateDir: join(platform.dataDir, 'demo'),
        ...platform.demo
      }),
    loadClient: platform.loaders.client,
    ...(platform.fetch ? { fetch: platform.fetch } : {}),
    ...(platform.loopbackRateLimitPerMinute !== undefined ? { loopbackRateLimitPerMinute: platform.loopbackRateLimitPerMinute } : {}),
    ...(platform.appVersion ? { appVersion: platform.appVersion } : {})
  })
  return createAppCore({
    dataDir: platform.dataDir,
    loaders: platform.loaders,
    engine: platform.engine,
    keychain: platform.keychain,
    access,
    osUser: platform.osUser,
    ...(platform.now ? { now: platform.now } : {}),
    ...(platform.emit ? { emit: platform.emit } : {}),
    ...(log ? { log } : {}),
    ...(platform.forceEnvironment ? { forceEnvironment: platform.forceEnvironment } : {}),
    ...(platform.forceAccount !== undefined ? { forceAccount: platform.forceAccount } : {}),
    ...(platform.progressiveCacheLoad === true ? { progressiveCacheLoad: true } : {}),
    ...(platform.lookupMapsAtOpen === true ? { lookupMapsAtOpen: true } : {}),
    ...(platform.machine !== undefined ? { machine: platform.machine } : {}),
    ...(platform.teamPollMs !== undefined ? { teamPollMs: platform.teamPollMs } : {}),
    ...(platform.teamOutbox !== undefined ? { teamOutbox: platform.teamOutbox } : {})
  })
}
