/**
 * Finds an installed Electron binary WITHOUT requiring the `electron` package: since Electron 4x,
 * `require('electron')` tries to download a missing binary, which on our machines means a network
 * attempt to a host we cannot reach. We read the package's own path.txt and check the file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export function installedElectronBinary(): string | null {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'))
    if (process.env['ELECTRON_OVERRIDE_DIST_PATH']) {
      const candidate = join(process.env['ELECTRON_OVERRIDE_DIST_PATH'], 'electron')
      return existsSync(candidate) ? candidate : null
    }
    const pathFile = join(pkgDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}
