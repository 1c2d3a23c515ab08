/**
 * A recording stand-in for the `electron` module, for the shell contract test ONLY. Loaded with
 * `node --require` before the built out/main/index.js; it maps the specifier `electron` to this
 * file (out/main is CommonJS, so hooking Module._resolveFilename catches its `require("electron")`
 * and electron-store's too). Nothing else is replaced: the app's own code, keytar, the file system
 * and the network are real.
 *
 * It mocks Electron's plumbing only: it records what the shell asks of Electron (windows,
 * webPreferences, protocol and IPC registrations, lock-down handlers, menu, dialogs) and lets the
 * test, the parent process, drive the app's life over the fork IPC channel: emit `ready`, fetch
 * through the registered app:// handler, invoke an ipcMain handler as a chosen sender, fire
 * navigation events, quit.
 *
 * Environment: STANDIN_PACKAGED=1 → app.isPackaged; STANDIN_LOCK=held → another instance holds
 * the single-instance lock; STANDIN_USER_DATA → app.getPath('userData').
 */
'use strict'
const Module = require('node:module')
const { EventEmitter } = require('node:events')
const { join } = require('node:path')
const { tmpdir } = require('node:os')

const originalResolve = Module._resolveFilename
Module._resolveFilename = function resolveElectron(request, ...rest) {
  if (request === 'electron') return __filename
  return originalResolve.call(this, request, ...rest)
}

const record = {
  sandboxEnabled: false,
  privilegedSchemes: [],
  handledSchemes: [],
  ipcHandle: [],
  ipcOn: [],
  windows: [],
  menuTemplate: null,
  singleInstanceLockRequests: 0,
  errorBoxes: [],
  openedPaths: [],
  quitCalls: 0,
  headersReceivedHandlers: 0,
  permissionRequestHandlers: 0,
  permissionCheckHandlers: 0,
  readyEmitted: false,
  setPaths: {}
}
const protocolHandlers = new Map()
const ipcHandlers = new Map()
const windows = []
let permissionRequestHandler = null
let permissionCheckHandler = null

function menuForRecord(items) {
  return items.map((item) => ({
    ...(item.label ? { label: item.label } : {}),
    ...(item.role ? { role: item.role } : {}),
    ...(item.type ? { type: item.type } : {}),
    ...(item.accelerator ? { accelerator: item.accelerator } : {}),
    ...(typeof item.click === 'function' ? { hasClick: true } : {}),
    ...(Array.isArray(item.submenu) ? { submenu: menuForRecord(item.submenu) } : {})
  }))
}

const defaultSession = {
  webRequest: {
    onHeadersReceived() {
      record.headersReceivedHandlers += 1
    }
  },
  setPermissionRequestHandler(handler) {
    record.permissionRequestHandlers += 1
    permissionRequestHandler = handler
  },
  setPermissionCheckHandler(handler) {
    record.permissionCheckHandlers += 1
    permissionCheckHandler = handler
  }
}

let nextWebContentsId = 1
class WebContents extends EventEmitter {
  constructor() {
    super()
    this.id = nextWebContentsId++
    this.session = defaultSession
    this.mainFrame = { url: '' }
    this.windowOpenHandler = null
    this.sent = []
    this.destroyed = false
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send(channel) {
    this.sent.push(channel)
  }
  isDestroyed() {
    return this.destroyed
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super()
    this.webContents = new WebContents()
    this.minimized = false
    this.calls = []
    this.rec = { options: JSON.parse(JSON.stringify(options ?? {})), loadedUrls: [], calls: this.calls, webContentsId: this.webContents.id }
    record.windows.push(this.rec)
    windows.push(this)
  }
  loadURL(url) {
    this.rec.loadedUrls.push(url)
    this.webContents.mainFrame.url = url
    return Promise.resolve()
  }
  loadFile(file) {
    this.rec.loadedUrls.push(`loadFile:${file}`)
    return Promise.resolve()
  }
  isMinimized() {
    return this.minimized
  }
  restore() {
    this.calls.push('restore')
  }
  show() {
    this.calls.push('show')
  }
  focus() {
    this.calls.push('focus')
  }
  static getAllWindows() {
    return windows.slice()
  }
}

let resolveReady
const readyPromise = new Promise((resolve) => (resolveReady = resolve))
const paths = { userData: process.env.STANDIN_USER_DATA ?? join(tmpdir(), 'secpaid-standin-userdata') }

class App extends EventEmitter {
  constructor() {
    super()
    this.isPackaged = process.env.STANDIN_PACKAGED === '1'
  }
  whenReady() {
    return readyPromise
  }
  isReady() {
    return record.readyEmitted
  }
  enableSandbox() {
    record.sandboxEnabled = true
  }
  getName() {
    return 'SecPaid Desk'
  }
  getVersion() {
    return '0.0.0-contract'
  }
  getPath(name) {
    if (paths[name]) return paths[name]
    if (name === 'logs') return join(paths.userData, 'logs')
    return join(paths.userData, name)
  }
  setPath(name, path) {
    if (record.singleInstanceLockRequests > 0 && name === 'userData') throw new Error('userData changed after the single-instance lock was taken')
    paths[name] = path
    record.setPaths[name] = path
  }
  requestSingleInstanceLock() {
    record.singleInstanceLockRequests += 1
    return process.env.STANDIN_LOCK !== 'held'
  }
  quit() {
    record.quitCalls += 1
    let prevented = false
    const event = { preventDefault: () => (prevented = true) }
    this.emit('before-quit', event)
    if (prevented) return
    this.emit('will-quit', event)
    if (prevented) return
    this.emit('quit')
    // Like Electron: after `quit` the process ends. Give stdout a tick to flush.
    setImmediate(() => process.exit(0))
  }
}
const app = new App()

const electron = {
  app,
  BrowserWindow,
  session: { defaultSession },
  protocol: {
    registerSchemesAsPrivileged(schemes) {
      if (record.readyEmitted) throw new Error('registerSchemesAsPrivileged after ready (Electron ignores it then)')
      record.privilegedSchemes.push(...JSON.parse(JSON.stringify(schemes)))
    },
    handle(scheme, handler) {
      record.handledSchemes.push(scheme)
      protocolHandlers.set(scheme, handler)
    }
  },
  ipcMain: {
    handle(channel, handler) {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      record.ipcHandle.push(channel)
      ipcHandlers.set(channel, handler)
    },
    removeHandler(channel) {
      ipcHandlers.delete(channel)
    },
    on(channel) {
      record.ipcOn.push(channel)
    }
  },
  Menu: {
    buildFromTemplate(template) {
      return { template }
    },
    setApplicationMenu(menu) {
      record.menuTemplate = menu ? menuForRecord(menu.template) : null
    }
  },
  dialog: {
    showErrorBox(title, content) {
      record.errorBoxes.push({ title, content })
    }
  },
  shell: {
    openPath(path) {
      record.openedPaths.push(path)
      return Promise.resolve('')
    }
  }
}
module.exports = electron

// ---- the test's remote control -------------------------------------------------------------

/**
 * The event ipcMain passes to a handler, for a chosen kind of sender: our window's top frame, a
 * subframe of it, another webContents showing the same URL, or our top frame after it navigated
 * to a foreign page.
 */
function invokeEventFor(kind) {
  const win = windows[0]
  if (!win) throw new Error('no window yet')
  const contents = win.webContents
  if (kind === 'trusted') return { sender: contents, senderFrame: contents.mainFrame }
  if (kind === 'subframe') return { sender: contents, senderFrame: { url: contents.mainFrame.url } }
  if (kind === 'foreign') {
    const foreign = new WebContents()
    foreign.mainFrame.url = contents.mainFrame.url
    return { sender: foreign, senderFrame: foreign.mainFrame }
  }
  if (kind === 'foreign-page') {
    const frame = { url: 'https://evil.example/' }
    return { sender: { id: contents.id, mainFrame: frame }, senderFrame: frame }
  }
  throw new Error(`unknown sender kind ${kind}`)
}

function preventable() {
  const event = { prevented: false, preventDefault() { event.prevented = true } }
  return event
}

const commands = {
  async ready() {
    record.readyEmitted = true
    resolveReady()
    app.emit('ready')
    // Let the app's whenReady().then(...) run.
    await new Promise((r) => setTimeout(r, 50))
    return null
  },
  state() {
    return { ...record, ipcHandlerChannels: [...ipcHandlers.keys()], windowCount: windows.length }
  },
  async fetch({ url, method }) {
    const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1))
    if (!handler) throw new Error(`no protocol handler for ${url}`)
    const response = await handler(new Request(url, { method: method ?? 'GET' }))
    const body = await response.text()
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body.slice(0, 4000), length: body.length }
  },
  async invoke({ channel, sender, arg }) {
    const handler = ipcHandlers.get(channel)
    if (!handler) throw new Error(`no ipcMain handler for ${channel}`)
    return handler(invokeEventFor(sender), arg)
  },
  webContentsEvent({ event, url }) {
    const e = preventable()
    windows[0].webContents.emit(event, e, url)
    return { prevented: e.prevented }
  },
  windowOpen({ url }) {
    const handler = windows[0].webContents.windowOpenHandler
    return handler ? handler({ url, frameName: '', features: '', disposition: 'new-window' }) : 'no handler'
  },
  permission({ permission }) {
    let granted = 'no answer'
    if (!permissionRequestHandler) return { request: 'no handler', check: 'no handler' }
    permissionRequestHandler(windows[0].webContents, permission, (answer) => (granted = answer), {})
    const check = permissionCheckHandler ? permissionCheckHandler(windows[0].webContents, permission, 'app://secpaid-desk', {}) : 'no handler'
    return { request: granted, check }
  },
  secondInstance() {
    windows[0].minimized = true
    app.emit('second-instance', {}, ['secpaid-desk'], process.cwd())
    return windows[0].calls.slice()
  },
  clickHelp({ label }) {
    // Menu clicks go to the template's functions; rebuild access through the last template.
    const item = lastMenuTemplate?.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).find((i) => i.label === label)
    if (!item) throw new Error(`no menu item ${label}`)
    item.click()
    return record.openedPaths.slice()
  },
  throwUncaught({ message }) {
    setImmediate(() => {
      throw new Error(message)
    })
    return null
  },
  rejectUnhandled({ message }) {
    void Promise.reject(new Error(message))
    return null
  },
  quit() {
    app.quit()
    return null
  }
}

let lastMenuTemplate = null
const originalSetMenu = electron.Menu.setApplicationMenu
electron.Menu.setApplicationMenu = (menu) => {
  lastMenuTemplate = menu ? menu.template : null
  originalSetMenu(menu)
}

// The record outlives the process (a second instance quits before the test can ask).
if (process.env.STANDIN_RECORD_FILE) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(process.env.STANDIN_RECORD_FILE, JSON.stringify(commands.state()))
  })
}

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    const { id, op, args } = message
    Promise.resolve()
      .then(() => commands[op](args ?? {}))
      .then(
        (result) => process.send({ id, ok: true, result }),
        (error) => process.send({ id, ok: false, error: String(error && error.stack ? error.stack : error) })
      )
  })
  // A real Electron app lives until it quits; so does this one, unless the test goes away.
  process.on('disconnect', () => process.exit(1))
}
