/**
 * Electron entry: app lifecycle and the one BrowserWindow. Deliberately thin — everything with
 * logic lives in plain modules (app/, services/) that run and are tested without Electron.
 */
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { app, BrowserWindow, session } from 'electron'
import ElectronStore from 'electron-store'
import { ENVIRONMENTS, type EnvironmentId } from '../shared/domain'
import { IPC_EVENTS } from '../shared/ipc-channels'
import type { AppCore } from './app/app-core'
import { bootstrapCore } from './app/bootstrap'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'
import { registerIpc, sendToWindow } from './ipc/ipc-electron'
import { toIpcError } from './ipc/ipc-errors'
import { createDeferredRouter, createIpcRouter } from './ipc/ipc-router'
import { createKeytarSecretStore } from './services/credentials'
import { jsonFileStoreOptions, type JsonFileStore } from './services/storage/json-file-engine'
import { isAppUrl, lockDownWebContents } from './window-security'

let mainWindow: BrowserWindow | null = null
let core: AppCore | null = null

function rendererUrl(): string {
  return process.env['ELECTRON_RENDERER_URL'] ?? `file://${join(__dirname, '../renderer/index.html')}`
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'SecPaid Desk',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  lockDownWebContents(window.webContents, rendererUrl())
  const devServerUrl = process.env['ELECTRON_RENDERER_URL']
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
  return window
}

function startCore(): Promise<AppCore> {
  const startEnv = process.env['SECPAID_START_ENV']
  return bootstrapCore({
    dataDir: process.env['SECPAID_DATA_DIR'] ?? app.getPath('userData'),
    // electron-store in Electron (DESIGN §5); same options and file format as conf in the CLI.
    engine: (o) => new ElectronStore<Record<string, unknown>>(jsonFileStoreOptions(o)) as unknown as JsonFileStore,
    keychain: createKeytarSecretStore(),
    osUser: userInfo().username,
    log: (line) => console.log(`[secpaid-desk] ${line}`),
    emit: (event, payload) => sendToWindow(mainWindow?.webContents ?? null, IPC_EVENTS[event], payload),
    customBaseUrl: process.env['SECPAID_API_BASE'] ?? null,
    appVersion: app.getVersion(),
    ...(startEnv && (ENVIRONMENTS as readonly string[]).includes(startEnv) ? { forceEnvironment: startEnv as EnvironmentId } : {})
  })
}

app.enableSandbox()

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  const logError = (line: string): void => console.error(`[secpaid-desk] ${line}`)
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
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', () => {
  void core?.close()
})
