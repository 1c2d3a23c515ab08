/**
 * Where the desktop app keeps its data (Electron's `app.getPath('userData')` for the product name
 * "SecPaid Desk"), so the CLI and the app share cache, ledger and settings by default.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'

export const PRODUCT_NAME = 'SecPaid Desk'

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME)
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), PRODUCT_NAME)
}
