/**
 * Cross-platform part of the set-up (called by scripts/setup.sh after its apt step; runs alone on
 * macOS and Windows): installs the npm packages and tries to get the real Electron binary.
 *
 * Electron's own install script is switched off for npm (package.json `allowScripts`): npm would
 * run it without a time limit and, where the download host is unreachable, fail the whole
 * `npm ci`. Instead it runs here, after `npm ci`, under a timeout; if the download fails, the app
 * and the tests fall back to Debian's Chromium, and this says so in one line.
 *
 *   node scripts/setup.mjs                      install; Electron if it can be downloaded
 *   node scripts/setup.mjs --require-electron   same, but a failed Electron download fails (CI)
 *
 * SECPAID_ELECTRON_DOWNLOAD_TIMEOUT_S (default 600) bounds the download; ELECTRON_SKIP_BINARY_DOWNLOAD=1
 * skips it, as with Electron's own installer.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const requireElectron = process.argv.includes('--require-electron')
const isWindows = process.platform === 'win32'

function run(command, args, options = {}) {
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: isWindows, ...options })
}

// 1. npm packages. Older npm versions ignore `allowScripts` and run Electron's download inside
//    npm ci; if that is what failed, install once more without it.
let ci = run('npm', ['ci', '--no-audit', '--no-fund'])
if (ci.status !== 0 && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !requireElectron) {
  console.log('setup: npm ci failed (Electron\'s download, on npm versions that run its install script) — retrying with ELECTRON_SKIP_BINARY_DOWNLOAD=1.')
  ci = run('npm', ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } })
}
if (ci.status !== 0) process.exit(ci.status ?? 1)

// 2. The Electron binary.
function electronInstalled() {
  const pkg = join(ROOT, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  return existsSync(pathFile) && existsSync(join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()))
}

if (electronInstalled()) {
  console.log('setup: Electron binary present — `npm start` runs the desktop app.')
} else if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !requireElectron) {
  console.log('setup: ELECTRON_SKIP_BINARY_DOWNLOAD is set — no Electron binary; `npm start` and the tests use Chromium.')
} else {
  const timeoutS = Number(process.env.SECPAID_ELECTRON_DOWNLOAD_TIMEOUT_S ?? 600)
  const env = { ...process.env }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  const install = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL'
  })
  if (install.status === 0 && electronInstalled()) {
    console.log('setup: Electron binary downloaded — `npm start` runs the desktop app.')
  } else {
    const output = `${install.stderr ?? ''}\n${install.stdout ?? ''}`
    const reason = install.error?.code === 'ETIMEDOUT'
      ? `no answer within ${timeoutS} s`
      : (output.trim().split('\n')[0] || `exit code ${install.status ?? 'none'}`).slice(0, 120)
    console.log(`setup: the Electron binary could not be downloaded (${reason}), so \`npm start\` and the tests run the app in Chromium instead.`)
    if (requireElectron) process.exit(1)
  }
}
