/**
 * `npm start`: builds, then runs SecPaid Desk.
 *  - With an Electron binary: the real desktop app (electron-vite preview).
 *  - Without one (our Linux build machines: the binary cannot be downloaded here;
 *    docs/architecture.md#testing): the same renderer and main-process core in Debian's Chromium — a window when a display exists,
 *    otherwise headless with a screenshot, so a newcomer can still see it run.
 * Data lives in the app's normal data directory (shared with the `secpaid-desk` CLI) unless
 * SECPAID_DATA_DIR is set.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { installedElectronBinary } from '../src/browser-host/electron-binary'
import { startHostApp } from '../src/browser-host/host-app'
import { defaultDataDir } from '../src/main/cli/data-dir'

const ROOT = resolve(__dirname, '..')

async function main(): Promise<void> {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)

  if (installedElectronBinary() !== null) {
    const child = spawn('npx', ['electron-vite', 'preview'], { cwd: ROOT, stdio: 'inherit' })
    child.on('exit', (code) => process.exit(code ?? 0))
    return
  }

  const dataDir = process.env['SECPAID_DATA_DIR'] ?? defaultDataDir()
  mkdirSync(dataDir, { recursive: true })
  const hasDisplay = Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])
  console.log('No Electron binary here: running SecPaid Desk in Chromium with the real main-process core.')
  const app = await startHostApp({
    dataDir,
    apiBase: process.env['SECPAID_API_BASE'] ?? null,
    locale: (process.env['LANG'] ?? '').startsWith('de') ? 'de' : 'en',
    headless: !hasDisplay
  })
  console.log(`Data directory: ${dataDir}`)
  if (!hasDisplay) {
    await app.page.waitForTimeout(2500)
    const shot = join(ROOT, 'secpaid-desk-preview.png')
    await app.page.screenshot({ path: shot })
    console.log(`No display found, so Chromium runs headless. A screenshot of the start screen is in ${shot}.`)
    console.log('Tip: run under a desktop session (or `xvfb-run npm start`) to get a window. Ctrl+C quits.')
  }
  const stop = async (): Promise<void> => {
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
  app.page.on('close', () => void stop())
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
