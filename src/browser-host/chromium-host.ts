/**
 * Hosts the built renderer in Debian's Chromium with the real main-process IPC router behind it —
 * the substitute for Electron's plumbing on machines without an Electron binary
 * (docs/architecture.md#testing). Used by the e2e harness and by `npm start` when Electron cannot
 * run.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { IpcRouter } from '../main/ipc/ipc-router'
import { bundleBrowserPreload, installBridge } from './bridge'
import { serveDirectory, type StaticServer } from './static-server'

/** Flags for every launch: no GPU, and no background traffic to Google. */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
]

/**
 * Chromium refuses to start its sandbox as root, and CI containers often lack the user namespaces
 * it needs; only there do we give up the sandbox. A normal user running `npm start` keeps it: the
 * renderer shows merchant data and talks to the main-process router, so a renderer exploit must
 * stay contained.
 */
export function chromiumFlags(env: { uid: number | undefined; ci: string | undefined }): string[] {
  const ci = env.ci !== undefined && env.ci !== '' && env.ci !== '0' && env.ci.toLowerCase() !== 'false'
  return env.uid === 0 || ci ? ['--no-sandbox', ...CHROMIUM_FLAGS] : [...CHROMIUM_FLAGS]
}

export const CHROMIUM_PATH = process.env['SECPAID_CHROMIUM'] ?? '/usr/bin/chromium'

export interface ChromiumHostOptions {
  router: IpcRouter
  rendererDir: string
  locale: 'de' | 'en'
  headless: boolean
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  /** Told the page origin before the first page load (the router's trust check needs it). */
  onOrigin?: (origin: string) => void
}

export interface ChromiumHost {
  page: Page
  origin: string
  /** Pushes a main → renderer event into the page. */
  emit(channel: string, payload: unknown): void
  close(): Promise<void>
}

export async function launchChromiumHost(options: ChromiumHostOptions): Promise<ChromiumHost> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${options.rendererDir}: run \`npm run build\` first.`)
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`bash scripts/setup.sh\` (installs Debian's chromium).`)
  }
  // The preload shim is bundled while the server and Chromium start (the bridge awaits it).
  bundleBrowserPreload().catch(() => undefined)
  const server: StaticServer = await serveDirectory(options.rendererDir)
  options.onOrigin?.(server.origin)
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless,
    args: [...chromiumFlags({ uid: process.getuid?.(), ci: process.env['CI'] }), ...(options.headless ? [] : [`--app=${server.origin}/`])]
  })
  const context: BrowserContext = await browser.newContext({
    locale: options.locale === 'de' ? 'de-DE' : 'en-GB',
    timezoneId: 'Europe/Berlin',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1360, height: 860 }
  })
  // Like Electron's setWindowOpenHandler(deny) and will-navigate lock-down: only our origin.
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(server.origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  const bridge = await installBridge(page, (channel, arg, frame) =>
    options.router.dispatch(channel, { webContentsId: 1, isMainFrame: frame === page.mainFrame(), frameUrl: frame.url() }, arg)
  )
  await page.goto(server.origin + '/')

  return {
    page,
    origin: server.origin,
    emit: (channel, payload) => bridge.emit(channel, payload),
    async close() {
      await browser.close().catch(() => undefined)
      await server.close()
    }
  }
}
