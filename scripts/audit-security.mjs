// npm run audit:security — runs the security and reliability proofs (fault matrix, crash loop, and
// whichever IPC fuzz / secret hygiene / hostile-input proofs exist in test/integration) in one
// Vitest run inside a private keyring session, plus the Electronegativity static scan, then prints ONE table from Vitest's JSON report:
// proof, tests, passed, failed, skipped, duration. Exits non-zero if any proof failed, if a
// proof's file produced no result, or if Vitest itself failed.
//
// Files are matched by pattern, not listed, so proofs added later are picked up without editing
// this script. The CLI is built first if needed: the crash loop's CLI half runs the built binary
// and would otherwise be skipped.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const DIR = join(ROOT, 'test/integration')

const PROOFS = [
  /^fault-matrix\.test\.ts$/,
  /^crash-loop\.test\.ts$/,
  /^ipc-fuzz\.test\.ts$/,
  /^secret-hygiene.*\.test\.ts$/,
  /^.*hostile.*\.test\.ts$/,
  /^.*fuzz.*\.test\.ts$/
]

const files = readdirSync(DIR)
  .filter((name) => PROOFS.some((re) => re.test(name)))
  .sort()
  .map((name) => join(DIR, name))

if (files.length === 0) {
  console.error('audit:security: no proof files found in test/integration')
  process.exit(1)
}

if (!existsSync(join(ROOT, 'out/main/cli.js'))) {
  console.log('audit:security: building the CLI first (npm run build)')
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const reportDir = mkdtempSync(join(tmpdir(), 'audit-security-'))
const reportFile = join(reportDir, 'vitest.json')
const rel = files.map((f) => relative(ROOT, f))
const run = spawnSync(
  'bash',
  [
    join(ROOT, 'scripts/with-keyring.sh'),
    'npx',
    'vitest',
    'run',
    ...rel
  ],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, VITEST_JSON_REPORT: reportFile } }
)

let report = null
try {
  report = JSON.parse(readFileSync(reportFile, 'utf8'))
} catch {
  console.error(`audit:security: Vitest wrote no readable JSON report (exit ${run.status})`)
} finally {
  rmSync(reportDir, { recursive: true, force: true })
}

const rows = []
let failedAny = report === null || run.status !== 0
for (const file of files) {
  const result = report?.testResults?.find((r) => resolve(r.name) === file)
  const tests = result?.assertionResults ?? []
  const count = (status) => tests.filter((t) => t.status === status).length
  const passed = count('passed')
  const failed = count('failed') + (result && result.status === 'failed' && tests.length === 0 ? 1 : 0)
  const skipped = tests.length - passed - count('failed')
  const seconds = result ? ((result.endTime - result.startTime) / 1000).toFixed(1) + ' s' : '—'
  // A file that ran nothing (import error, no tests) proves nothing.
  if (!result || tests.length === 0 || failed > 0) failedAny = true
  rows.push([basename(file, '.test.ts'), String(tests.length), String(passed), String(failed), String(skipped), seconds])
}

// The static scan: Electronegativity over src/ (its findings count as "tests": accepted ones, each
// with a written reason, pass; unexplained or stale ones fail).
const scanStart = Date.now()
const scan = spawnSync('node', [join(ROOT, 'scripts/audit-electronegativity.mjs')], { cwd: ROOT, encoding: 'utf8' })
process.stdout.write(scan.stdout ?? '')
process.stderr.write(scan.stderr ?? '')
const scanCounts = /(\d+) finding\(s\), (\d+) accepted/.exec(scan.stdout ?? '')
const scanTotal = scanCounts ? Number(scanCounts[1]) : 0
const scanAccepted = scanCounts ? Number(scanCounts[2]) : 0
const scanFailed = scan.status === 0 ? 0 : Math.max(1, scanTotal - scanAccepted)
if (scan.status !== 0 || !scanCounts) failedAny = true
rows.push(['electronegativity (static scan)', String(scanTotal), String(scanAccepted), String(scanFailed), '0', `${((Date.now() - scanStart) / 1000).toFixed(1)} s`])

const head = ['proof', 'tests', 'passed', 'failed', 'skipped', 'duration']
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
const sum = (i) => rows.reduce((n, r) => n + Number(r[i]), 0)
console.log('\nSecurity and reliability proofs')
console.log(line(head))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const r of rows) console.log(line(r))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
const total = report ? `${((Date.now() - report.startTime) / 1000).toFixed(1)} s` : '—'
console.log(line(['total', String(sum(1)), String(sum(2)), String(sum(3)), String(sum(4)), total]))
if (sum(4) > 0) console.log('\nNote: skipped tests prove nothing; see the Vitest output above for why they were skipped.')
console.log(failedAny ? '\naudit:security: FAILED' : '\naudit:security: all proofs passed')
process.exit(failedAny ? 1 : 0)
