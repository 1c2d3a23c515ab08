/**
 * What a command loads before it answers (docs/architecture.md#cli-start-up): `status` opens the
 * app but never makes a request, opens Demo, checks a bank statement or talks to a team database,
 * so the built CLI must not load the HTTP client (and with it Node's fetch stack), the simulator,
 * the bank readers or the PostgreSQL driver for it. A static import of one of them anywhere in
 * the application puts it back on every command's path; this test fails then.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '../..')
const BIN = join(ROOT, 'bin/secpaid-desk.js')
const CHUNKS = join(ROOT, 'out/main/chunks')
const built = existsSync(join(ROOT, 'out/main/cli.js'))
/** The chunks the bundler makes of the modules behind the app's loaders (app/bundled-module-loaders.ts). */
const DEFERRED = ['client-', 'demo-backend-', 'bank-check-', 'team-store-', 'team-sync-']
const MARK = 'LOADED-MODULES:'

// Runs the built CLI in a child and reports, after it finished, every file it required and the
// Node internals it loaded (undici is one of them: Node loads it on the first touch of fetch).
// With -e, process.argv is [node, BIN, ...args], exactly as when BIN itself is run.
// It also counts the Intl.Segmenters made (each loads ICU's break rules, ~7 ms).
const PROBE = `
const bin = process.argv[1]
let segmenters = 0
const Segmenter = Intl.Segmenter
Intl.Segmenter = class extends Segmenter { constructor(...args) { super(...args); segmenters++ } }
process.on('exit', () => {
  process.stderr.write('${MARK}' + JSON.stringify({ files: Object.keys(require.cache), internals: process.moduleLoadList, segmenters }) + '\\n')
})
require(bin)
`

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe.skipIf(!built)('CLI start-up (needs `npm run build`)', () => {
  it('every deferred module is a chunk of its own in the build', () => {
    const names = readdirSync(CHUNKS)
    for (const prefix of DEFERRED) expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true)
  })

  it('status loads neither the HTTP client nor Demo, the bank readers or team sharing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-start-'))
    dirs.push(dir)
    const { stdout, stderr } = await run(process.execPath, ['-e', PROBE, BIN, 'status', '--env', 'custom', '--data-dir', dir], {
      env: { ...process.env, SECPAID_API_BASE: 'http://127.0.0.1:9/api/v2/' }
    })
    expect(stdout).toMatch(/Cached rows:\s+0/)
    const line = stderr.split('\n').find((l) => l.startsWith(MARK))
    expect(line).toBeDefined()
    const { files, internals, segmenters } = JSON.parse(line!.slice(MARK.length)) as { files: string[]; internals: string[]; segmenters: number }
    // It did open the app (the guard below would pass trivially otherwise).
    expect(files.some((f) => /[\\/]chunks[\\/]bootstrap-/.test(f))).toBe(true)
    const chunkNames = files.filter((f) => f.startsWith(CHUNKS)).map((f) => f.slice(CHUNKS.length + 1))
    for (const prefix of DEFERRED) expect(chunkNames.filter((n) => n.startsWith(prefix)), prefix).toEqual([])
    expect(files.filter((f) => /[\\/]node_modules[\\/]pg[\\/]/.test(f))).toEqual([])
    expect(internals.filter((m) => m.includes('undici'))).toEqual([])
    // conf's schema and migration libraries are not in main's bundles (electron.vite.config.ts);
    // the bundler heads every module it inlines with a `// <path>` comment.
    const bundledFrom = files.filter((f) => f.startsWith(CHUNKS)).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\/\/ \S*node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]))
    expect(bundledFrom).toContain('conf')
    expect(bundledFrom.filter((name) => ['ajv', 'ajv-formats', 'semver'].includes(name as string))).toEqual([])
    expect(segmenters).toBe(0)
  })
})
