/**
 * launchApp(): the one end-to-end fixture (docs/architecture.md#testing). Two backends:
 *  - 'electron': the real app through Playwright's _electron, when an Electron binary exists;
 *  - 'chromium': otherwise (our machines) — the built renderer in Debian's Chromium, with the real
 *    preload API (createSecpaidApi) bridged to the real main-process IPC router and services.
 * Tests print which backend ran. See test/e2e/README.md.
 */
import { resolve } from 'node:path'
import { _electron, type Page } from 'playwright-core'
import type { EnvironmentId } from '../../src/shared/domain'
import { installedElectronBinary } from '../../src/browser-host/electron-binary'
import { startHostApp, type HostApp } from '../../src/browser-host/host-app'
import { createCredentialsService, createKeytarSecretStore, keychainAccount } from '../../src/main/services/credentials'

export interface LaunchOptions {
  env: Extract<EnvironmentId, 'demo' | 'custom'>
  /** Base URL for env 'custom' (a simulator's baseUrl). */
  apiBase?: string
  /** Stored through the real credentials service (keychain) before the page opens. */
  apiKey?: string
  dataDir: string
  locale?: 'de' | 'en'
  colorScheme?: 'light' | 'dark'
  /** Chromium backend only: the demo simulator's settings. */
  demo?: { rows?: number; seed?: number; decisionDelayMs?: number }
  /** Chromium backend only: this "PC"'s name and OS user (two PCs in one test, team mode). */
  machine?: string
  osUser?: string
  /** Chromium backend only: team pull interval (default 5 s). */
  teamPollMs?: number
}

export interface LaunchedApp {
  page: Page
  backend: 'electron' | 'chromium'
  /** Chromium backend only: the in-process core (for assertions on main-process state). */
  host: HostApp | null
  close(): Promise<void>
}

const ROOT = resolve(__dirname, '../..')

function electronBinary(): string | null {
  if (process.env['SECPAID_E2E_BACKEND'] === 'chromium') return null
  return installedElectronBinary()
}

export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  const binary = electronBinary()
  if (binary !== null) return launchElectron(binary, options)
  const host = await startHostApp({
    dataDir: options.dataDir,
    env: options.env,
    apiBase: options.apiBase ?? null,
    locale: options.locale ?? 'en',
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.demo ? { demo: options.demo } : {}),
    loopbackRateLimitPerMinute: null,
    ...(options.machine !== undefined ? { machine: options.machine } : {}),
    ...(options.osUser !== undefined ? { osUser: options.osUser } : {}),
    ...(options.teamPollMs !== undefined ? { teamPollMs: options.teamPollMs } : {}),
    beforeOpen: async (core) => {
      if (options.apiKey !== undefined) await core.handlers.saveApiKey({ key: options.apiKey, sessionOnly: false })
    }
  })
  return { page: host.page, backend: 'chromium', host, close: () => host.close() }
}

async function launchElectron(binary: string, options: LaunchOptions): Promise<LaunchedApp> {
  if (options.apiKey !== undefined && options.apiBase !== undefined) {
    // Same keychain slot the app reads (service "SecPaid Desk"; the custom slot is bound to its URL).
    const credentials = createCredentialsService({
      keychain: createKeytarSecretStore(),
      accountFor: (env) => keychainAccount(env, options.apiBase ?? null),
      validateKey: async () => undefined
    })
    await credentials.saveKey(options.env, options.apiKey)
  }
  const app = await _electron.launch({
    executablePath: binary,
    args: [resolve(ROOT, 'out/main/index.js'), `--lang=${options.locale === 'de' ? 'de-DE' : 'en-GB'}`],
    env: {
      ...process.env,
      SECPAID_DATA_DIR: options.dataDir,
      SECPAID_START_ENV: options.env,
      ...(options.apiBase ? { SECPAID_API_BASE: options.apiBase } : {})
    }
  })
  const page = await app.firstWindow()
  return { page, backend: 'electron', host: null, close: () => app.close() }
}
