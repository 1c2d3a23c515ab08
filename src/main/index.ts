/**
 * Electron entry: app lifecycle and the one BrowserWindow. Deliberately thin — everything with
 * logic lives in plain modules (app/, services/) that run and are tested without Electron, and the
 * shell's own concerns (app:// scheme, menu, log, single instance, crash handling) in shell/.
 */
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron'
import ElectronStore from 'electron-store'
import { ENVIRONMENTS, type EnvironmentId } from '@shared/domain'
import { IPC_EVENTS } from '@shared/ipc-channels'
import type { AppCore } from './app/app-core'
import { bootstrapCore } from './app/bootstrap'
import { bundledModuleLoaders } from './app/bundled-module-loaders'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'
import { registerIpc, sendToWindow } from './ipc/ipc-electron'
import { toIpcError } from './ipc/ipc-errors'
import { createDeferredRouter, createIpcRouter } from './ipc/ipc-router'
import { createKeytarSecretStore } from './services/credentials'
import { jsonFileStoreOptions, type JsonFileStore } from './services/storage/json-file-engine'
import { installAppMenu } from './shell/app-menu'
import { handleAppScheme, registerAppSchemePrivileges } from './shell/app-scheme'
import { closeCoreOnQuit } from './shell/close-on-quit'
import { installCrashHandling } from './shell/crash-handling'
import { createMainLog, watchSecrets } from './shell/main-log'
import { mainWindowOptions } from './shell/main-window-options'
import { rendererUrl as resolveRendererUrl } from './shell/renderer-location'
import { claimSingleInstance } from './shell/single-instance'
import { isAppUrl, lockDownWebContents } from './window-security'

let mainWindow: BrowserWindow | null = null
let core: AppCore | null = null

const dataDir = process.env['SECPAID_DATA_DIR'] ?? app.getPath('userData')
// An explicit data dir also gets its own Chromium profile, and with it its own single-instance
// lock (the lock is per userData folder): two test runs or portable copies do not collide.
if (process.env['SECPAID_DATA_DIR']) app.setPath('userData', join(dataDir, 'electron'))
// With an explicit data dir (tests, portable use) the log goes with it; otherwise the OS's place.
const logDir = process.env['SECPAID_DATA_DIR'] ? join(dataDir, 'logs') : app.getPath('logs')
const mainLog = createMainLog({ dir: logDir, console: !app.isPackaged })
installCrashHandling({
  on: (event, listener) => process.on(event, listener),
  log: mainLog,
  showErrorBox: (title, content) => dialog.showErrorBox(title, content),
  logFile: mainLog.file
})

function rendererUrl(): string {
  return resolveRendererUrl(app.isPackaged)
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath: join(__dirname, '../preload/index.js'),
      iconPath: join(__dirname, '../../resources/icon.png'),
      isPackaged: app.isPackaged,
      platform: process.platform
    })
  )
  window.once('ready-to-show', () => window.show())
  lockDownWebContents(window.webContents, rendererUrl())
  void window.loadURL(rendererUrl())
  return window
}

function startCore(): Promise<AppCore> {
  const startEnv = process.env['SECPAID_START_ENV']
  return bootstrapCore({
    dataDir,
    // The HTTP client, Demo, the bank readers and team sharing load when first used (chunks).
    loaders: bundledModuleLoaders,
    // electron-store in Electron; same options and file format as conf in the CLI.
    engine: (o) => new ElectronStore<Record<string, unknown>>(jsonFileStoreOptions(o)) as unknown as JsonFileStore,
    // Every key that passes through the keychain is also cut out of the log.
    keychain: watchSecrets(createKeytarSecretStore(), mainLog),
    osUser: userInfo().username,
    log: (line) => mainLog.info(line),
    emit: (event, payload) => sendToWindow(mainWindow?.webContents ?? null, IPC_EVENTS[event], payload),
    customBaseUrl: process.env['SECPAID_API_BASE'] ?? null,
    appVersion: app.getVersion(),
    // The window shows the newest rows while older months are still being indexed.
    progressiveCacheLoad: true,
    ...(startEnv && (ENVIRONMENTS as readonly string[]).includes(startEnv) ? { forceEnvironment: startEnv as EnvironmentId } : {})
  })
}

// Both must happen before `ready`.
registerAppSchemePrivileges(protocol)
app.enableSandbox()

// A second launch only wakes the first instance's window, then quits.
if (claimSingleInstance(app, () => mainWindow)) void app.whenReady().then(onReady)

function onReady(): void {
  handleAppScheme(protocol, join(__dirname, '../renderer'))
  // Whatever does not come from the app:// handler (the dev server in unpackaged runs) gets the
  // same CSP; app:// responses already carry it.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  installAppMenu(Menu, {
    appName: app.getName(),
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    openDataFolder: () => void shell.openPath(dataDir),
    showLogs: () => void shell.openPath(logDir)
  })
  const logError = (line: string): void => mainLog.error(line)
  // The window opens while the core loads the cache; IPC calls wait for the core (deferred router).
  const ready = startCore().then((started) => {
    core = started
    return createIpcRouter(started.api, {
      // Only our window's top frame, showing our own page, may call main.
      isTrustedSender: (sender) =>
        mainWindow !== null &&
        sender.webContentsId === mainWindow.webContents.id &&
        sender.isMainFrame &&
        isAppUrl(sender.frameUrl, rendererUrl()),
      toIpcError: (error) => toIpcError(error, logError)
    })
  })
  registerIpc(
    createDeferredRouter(ready, (error) => {
      logError(`start-up failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
      return { kind: 'internal', message: 'SecPaid Desk could not open its data. Details are in the log.' }
    })
  )
  mainWindow = createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

closeCoreOnQuit(app, () => core, mainLog)
