/**
 * The application menu. Setting our own menu replaces Electron's default one, which carries
 * Reload / Force Reload / Toggle DevTools accelerators: a reload would drop the user's unsaved
 * refund form, so packaged builds get no View menu at all. The Edit roles are needed on macOS,
 * where copy and paste in text inputs only work through menu accelerators.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron'

export interface AppMenuInput {
  appName: string
  isMac: boolean
  isPackaged: boolean
  openDataFolder: () => void
  showLogs: () => void
}

export const HELP_OPEN_DATA_FOLDER = 'Open data folder'
export const HELP_SHOW_LOGS = 'Show logs'

export function appMenuTemplate(input: AppMenuInput): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = []
  if (input.isMac) {
    template.push({
      label: input.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' }
      ]
    })
  } else {
    template.push({ label: 'File', submenu: [{ role: 'quit' }] })
  }
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' }
    ]
  })
  if (!input.isPackaged) {
    template.push({ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] })
  }
  template.push({ role: 'windowMenu' })
  template.push({
    role: 'help',
    submenu: [
      { label: HELP_OPEN_DATA_FOLDER, click: () => input.openDataFolder() },
      { label: HELP_SHOW_LOGS, click: () => input.showLogs() }
    ]
  })
  return template
}

export function installAppMenu(menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>, input: AppMenuInput): void {
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(input)))
}
