/**
 * `npm run dist [-- electron-builder args, e.g. --dir]`: builds the app, then the host OS's
 * installers with electron-builder. electron-builder needs the Electron release zip (from its
 * cache or downloaded from Electron's release host, or ELECTRON_MIRROR). Where neither is
 * possible — our offline build machines — it would fail after a long stack trace deep inside a
 * download, so this checks first and says so in one sentence (exit 1).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const PLATFORM = { darwin: 'darwin', win32: 'win32', linux: 'linux' }[process.platform] ?? process.platform
const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version

/** The cache @electron/get (used by electron-builder) fills, per OS. */
function electronCacheDir() {
  if (process.env.ELECTRON_CACHE) return process.env.ELECTRON_CACHE
  if (process.platform === 'darwin') return join(homedir(), 'Library/Caches/electron')
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData/Local'), 'electron/Cache')
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron')
}

/** True if a release zip of this Electron version for this OS is cached (any arch, any subfolder). */
function cachedZipExists(dir, depth = 2) {
  if (depth < 0 || !existsSync(dir)) return false
  const prefix = `electron-v${electronVersion}-${PLATFORM}-`
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? cachedZipExists(join(dir, entry.name), depth - 1) : entry.name.startsWith(prefix) && entry.name.endsWith('.zip')
  )
}

async function downloadHostReachable() {
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/'
  const url = `${mirror.replace(/\/?$/, '/')}v${electronVersion}/SHASUMS256.txt`
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(10_000) })
    return res.ok
  } catch {
    return false
  }
}

if (!cachedZipExists(electronCacheDir()) && !(await downloadHostReachable())) {
  console.error(
    `npm run dist needs the Electron ${electronVersion} release for ${PLATFORM}, which is neither in the Electron cache (${electronCacheDir()}) nor downloadable from this machine, so no installer can be built here — run it where the internet is reachable, or let the release workflow build it.`
  )
  process.exit(1)
}

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
run('npx', ['electron-vite', 'build'])
run('npx', ['electron-builder', '--publish', 'never', ...process.argv.slice(2)])
