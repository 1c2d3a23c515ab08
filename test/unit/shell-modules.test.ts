import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { appMenuTemplate, HELP_OPEN_DATA_FOLDER, HELP_SHOW_LOGS } from '../../src/main/shell/app-menu'
import { closeCoreOnQuit } from '../../src/main/shell/close-on-quit'
import { CRASH_DIALOG_TITLE, installCrashHandling } from '../../src/main/shell/crash-handling'
import { mainWindowOptions } from '../../src/main/shell/main-window-options'
import { rendererUrl } from '../../src/main/shell/renderer-location'
import { claimSingleInstance } from '../../src/main/shell/single-instance'
import { APP_INDEX_URL } from '../../src/main/shell/app-protocol'
import type { MenuItemConstructorOptions } from 'electron'

// The electron objects below are hand-made stand-ins (Electron's own plumbing only): these modules
// take them as parameters precisely so they can be checked without an Electron binary.

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [item.role ?? item.label ?? '', ...roles(Array.isArray(item.submenu) ? item.submenu : [])])

describe('application menu', () => {
  const base = { appName: 'SecPaid Desk', openDataFolder: vi.fn(), showLogs: vi.fn() }

  it('packaged: Edit roles, Help items, no reload or DevTools anywhere', () => {
    for (const isMac of [true, false]) {
      const all = roles(appMenuTemplate({ ...base, isMac, isPackaged: true }))
      expect(all).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', HELP_OPEN_DATA_FOLDER, HELP_SHOW_LOGS]))
      expect(all).not.toContain('reload')
      expect(all).not.toContain('forceReload')
      expect(all).not.toContain('toggleDevTools')
    }
  })

  it('unpackaged keeps reload and DevTools for developers', () => {
    expect(roles(appMenuTemplate({ ...base, isMac: false, isPackaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('Help items call their actions', () => {
    const openDataFolder = vi.fn()
    const showLogs = vi.fn()
    const help = appMenuTemplate({ ...base, openDataFolder, showLogs, isMac: false, isPackaged: true }).find((m) => m.role === 'help')
    const items = help?.submenu as MenuItemConstructorOptions[]
    const click = (label: string): void => (items.find((i) => i.label === label)?.click as () => void)()
    click(HELP_OPEN_DATA_FOLDER)
    click(HELP_SHOW_LOGS)
    expect(openDataFolder).toHaveBeenCalledOnce()
    expect(showLogs).toHaveBeenCalledOnce()
  })
})

describe('window options', () => {
  it('secure webPreferences; DevTools only unpackaged; icon only on Linux', () => {
    const packaged = mainWindowOptions({ preloadPath: '/p.js', iconPath: '/i.png', isPackaged: true, platform: 'linux' })
    expect(packaged.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, preload: '/p.js' })
    expect(packaged.icon).toBe('/i.png')
    expect(mainWindowOptions({ preloadPath: '/p.js', iconPath: '/i.png', isPackaged: false, platform: 'win32' })).not.toHaveProperty('icon')
    expect(mainWindowOptions({ preloadPath: '/p.js', iconPath: '/i.png', isPackaged: false, platform: 'win32' }).webPreferences?.devTools).toBe(true)
  })
})

describe('renderer location', () => {
  it('honours ELECTRON_RENDERER_URL only when not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' }
    expect(rendererUrl(false, env)).toBe('http://localhost:5173/')
    expect(rendererUrl(true, env)).toBe(APP_INDEX_URL)
    expect(rendererUrl(false, {})).toBe(APP_INDEX_URL)
  })
})

function fakeApp(lock: boolean) {
  const emitter = new EventEmitter()
  return Object.assign(emitter, { requestSingleInstanceLock: vi.fn(() => lock), quit: vi.fn() })
}

describe('single instance', () => {
  it('the second instance quits; the first focuses its window on a second launch', () => {
    const second = fakeApp(false)
    expect(claimSingleInstance(second as never, () => null)).toBe(false)
    expect(second.quit).toHaveBeenCalledOnce()

    const first = fakeApp(true)
    const win = { isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn() }
    expect(claimSingleInstance(first as never, () => win as never)).toBe(true)
    expect(first.quit).not.toHaveBeenCalled()
    first.emit('second-instance')
    expect(win.restore).toHaveBeenCalledOnce()
    expect(win.focus).toHaveBeenCalledOnce()
  })
})

describe('crash handling', () => {
  it('logs every uncaught error and rejection, shows one dialog, keeps running', () => {
    const proc = new EventEmitter()
    const log = { error: vi.fn() }
    const showErrorBox = vi.fn()
    const state = installCrashHandling({ on: (e, l) => proc.on(e, l), log, showErrorBox, logFile: '/logs/main.log' })
    proc.emit('uncaughtException', new Error('first'))
    proc.emit('unhandledRejection', new Error('second'))
    proc.emit('uncaughtException', new Error('third'))
    expect(log.error).toHaveBeenCalledTimes(3)
    expect(log.error.mock.calls[1]).toEqual(['unhandled rejection:', new Error('second')])
    expect(showErrorBox).toHaveBeenCalledOnce()
    expect(showErrorBox.mock.calls[0]?.[0]).toBe(CRASH_DIALOG_TITLE)
    expect(showErrorBox.mock.calls[0]?.[1]).toContain('/logs/main.log')
    expect(state.reported).toBe(3)
  })

  it('still shows the dialog when the log itself throws', () => {
    const proc = new EventEmitter()
    const showErrorBox = vi.fn()
    installCrashHandling({ on: (e, l) => proc.on(e, l), log: { error: () => { throw new Error('disk full') } }, showErrorBox, logFile: 'x' })
    proc.emit('uncaughtException', new Error('boom'))
    expect(showErrorBox).toHaveBeenCalledOnce()
  })
})

describe('close on quit', () => {
  it('holds the first quit until the core is closed, then quits again', async () => {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() })
    let release: () => void = () => undefined
    const core = { close: vi.fn(() => new Promise<void>((r) => (release = r))) }
    const log = { info: vi.fn(), error: vi.fn() }
    closeCoreOnQuit(app as never, () => core, log)
    const first = { preventDefault: vi.fn() }
    app.emit('will-quit', first)
    app.emit('will-quit', { preventDefault: vi.fn() })
    expect(first.preventDefault).toHaveBeenCalledOnce()
    expect(core.close).toHaveBeenCalledOnce()
    expect(app.quit).not.toHaveBeenCalled()
    release()
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce())
    expect(log.info).toHaveBeenCalledWith('core closed')
    const last = { preventDefault: vi.fn() }
    app.emit('will-quit', last)
    expect(last.preventDefault).not.toHaveBeenCalled()
  })
})
