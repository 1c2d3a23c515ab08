/**
 * Starts the real main-process core (app-core) in this Node process and puts the built renderer
 * in Chromium in front of it — SecPaid Desk without Electron. Only Electron's own plumbing is
 * substituted: the window (a Chromium page), ipcMain/ipcRenderer (a Playwright binding carrying
 * the same channels through the same router), file:// loading (a loopback static server).
 */
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { IPC_EVENTS } from '@shared/ipc-channels'
import type { EnvironmentId } from '@shared/domain'
import type { AppCore } from '../main/app/app-core'
import { bootstrapCore } from '../main/app/bootstrap'
import type { DemoBackendOptions } from '../main/app/demo-backend'
import { staticModuleLoaders } from '../main/app/static-module-loaders'
import { toIpcError } from '../main/ipc/ipc-errors'
import { createDeferredRouter, createIpcRouter, type SenderInfo } from '../main/ipc/ipc-router'
import type { SecretStore } from '../main/services/credentials'
import { createKeytarSecretStore } from '../main/services/credentials'
import { createConfEngine } from '../main/services/storage/json-file-engine'
import { isAppUrl } from '../main/window-security'
import { launchChromiumHost, type ChromiumHost } from './chromium-host'

export interface HostAppOptions {
  dataDir: string
  env?: EnvironmentId
  /** SECPAID_API_BASE equivalent for the custom environment. */
  apiBase?: string | null
  locale?: 'de' | 'en'
  headless?: boolean
  colorScheme?: 'light' | 'dark'
  keychain?: SecretStore
  demo?: DemoBackendOptions
  loopbackRateLimitPerMinute?: number | null
  rendererDir?: string
  viewport?: { width: number; height: number }
  now?: () => Date
  /** Runs after the core exists and before the page opens (e.g. store a key). */
  beforeOpen?: (core: AppCore) => Promise<void>
  /** Two "PCs" in one test process need two names (team mode: who wrote what, on which PC). */
  machine?: string
  osUser?: string
  teamPollMs?: number | null
}

export interface HostApp {
  page: Page
  core: AppCore
  chromium: ChromiumHost
  close(): Promise<void>
}

export const DEFAULT_RENDERER_DIR = resolve(__dirname, '../../out/renderer')

export async function startHostApp(opts: HostAppOptions): Promise<HostApp> {
  let host: ChromiumHost | null = null
  // The core (cache load, index build) and Chromium start in parallel; IPC calls wait for the core.
  const corePromise = bootstrapCore({
    dataDir: opts.dataDir,
    // Static: this host runs the main sources unbundled, where import() of them fails (module-loaders.ts).
    loaders: staticModuleLoaders,
    engine: createConfEngine(),
    keychain: opts.keychain ?? createKeytarSecretStore(),
    osUser: opts.osUser ?? userInfo().username,
    ...(opts.machine !== undefined ? { machine: opts.machine } : {}),
    ...(opts.teamPollMs !== undefined ? { teamPollMs: opts.teamPollMs } : {}),
    emit: (event, payload) => host?.emit(IPC_EVENTS[event], payload),
    customBaseUrl: opts.apiBase ?? null,
    // Like the Electron shell: the newest rows first, older months indexed in the background.
    progressiveCacheLoad: true,
    ...(opts.demo ? { demo: opts.demo } : {}),
    ...(opts.loopbackRateLimitPerMinute !== undefined ? { loopbackRateLimitPerMinute: opts.loopbackRateLimitPerMinute } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.env ? { forceEnvironment: opts.env } : {})
  })
  let origin = ''
  const routerOptions = {
    isTrustedSender: (sender: SenderInfo) => sender.isMainFrame && origin !== '' && isAppUrl(sender.frameUrl, origin + '/'),
    toIpcError: (error: unknown) => toIpcError(error, (line) => console.error(`[secpaid-desk] ${line}`))
  }
  const ready = corePromise.then(async (core) => {
    if (opts.env) await core.switchEnvironment(opts.env)
    await opts.beforeOpen?.(core)
    return createIpcRouter(core.api, routerOptions)
  })
  const chromiumPromise = launchChromiumHost({
    router: createDeferredRouter(ready, (error) => ({
      kind: 'internal',
      message: `SecPaid Desk could not start: ${error instanceof Error ? error.message : String(error)}`
    })),
    rendererDir: opts.rendererDir ?? DEFAULT_RENDERER_DIR,
    locale: opts.locale ?? 'en',
    headless: opts.headless ?? true,
    ...(opts.colorScheme ? { colorScheme: opts.colorScheme } : {}),
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    onOrigin: (o) => {
      origin = o
    }
  })
  let core: AppCore
  try {
    ;[core] = await Promise.all([corePromise, ready])
  } catch (error) {
    await (await chromiumPromise.catch(() => null))?.close()
    throw error
  }
  host = await chromiumPromise
  const started = host
  return {
    page: started.page,
    core,
    chromium: started,
    async close() {
      await started.close()
      await core.close()
    }
  }
}
