/**
 * The BrowserWindow options, as a pure function so the security-relevant part (webPreferences) is
 * stated once and checked by the contract test against exactly what the shell passes to Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron'

export interface MainWindowOptionsInput {
  preloadPath: string
  isPackaged: boolean
  platform: NodeJS.Platform
  /** The PNG icon; only Linux takes the window icon from here (Windows/macOS use the bundle's). */
  iconPath: string
}

export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'SecPaid Desk',
    autoHideMenuBar: true,
    ...(input.platform === 'linux' ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A shop owner has no use for DevTools, and they would let anyone at the desk call the
      // preload API by hand; developers keep them in unpackaged runs.
      devTools: !input.isPackaged
    }
  }
}
