/** Spawning measured children and the statistics the table is built from. */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

export const ROOT = resolve(__dirname, '..', '..')
const PROBE = pathToFileURL(join(__dirname, 'probe.mjs')).href

export interface Probe {
  userUs: number
  sysUs: number
  maxRssKb: number
  io: Record<string, number> | null
}

export interface ChildRun {
  code: number | null
  /** spawn → exit, ms (measured by the parent). */
  wallMs: number
  /** spawn → the first stdout line equal to `mark`, ms (null if it never came). */
  markMs: number | null
  stdout: string
  stderr: string
  probe: Probe | null
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv
  mark?: string
  stdin?: string
  timeoutMs?: number
}

/** Runs `node --import probe script args…` in the repo root and measures it from outside. */
export function runNode(script: string, args: string[], opts: ChildOptions = {}): Promise<ChildRun> {
  const probeDir = mkdtempSync(join(tmpdir(), 'bench-probe-'))
  const probeFile = join(probeDir, 'probe.json')
  const nodeArgs = ['--import', PROBE, script, ...args]
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      env: { ...process.env, ...opts.env, BENCH_PROBE_OUT: probeFile },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let markMs: number | null = null
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15 * 60_000)
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString()
      if (markMs === null && opts.mark !== undefined && stdout.split('\n').includes(opts.mark)) markMs = performance.now() - t0
    })
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0
      clearTimeout(timer)
      let probe: Probe | null = null
      if (existsSync(probeFile)) probe = JSON.parse(readFileSync(probeFile, 'utf8')) as Probe
      rmSync(probeDir, { recursive: true, force: true })
      resolvePromise({ code, wallMs, markMs, stdout, stderr, probe })
    })
    child.stdin.end(opts.stdin ?? '')
  })
}

/** A child must have succeeded; otherwise the metric reports why instead of a number. */
export function ok(run: ChildRun, what: string): ChildRun {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${firstError(run.stderr || run.stdout)}`)
  return run
}

/** The last JSON line a child printed. */
export function jsonOut<T>(run: ChildRun): T {
  const line = run.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop()
  if (line === undefined) throw new Error(`no JSON from child: ${run.stdout.slice(-200)} ${run.stderr.slice(-300)}`)
  return JSON.parse(line) as T
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number
}

/** The error line of a child's stack trace (not the trace's last frames). */
function firstError(text: string): string {
  const lines = text.trim().split('\n')
  const line = lines.find((l) => /Error\b|error:/i.test(l)) ?? lines.slice(-3).join(' | ')
  return line.trim().slice(0, 400)
}
