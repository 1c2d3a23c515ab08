/**
 * The built CLI in a shell pipeline whose reader stops early (`secpaid-desk list | head`): the
 * closed pipe is the reader's choice, so the command ends quietly with its own exit code instead
 * of dying on an unhandled EPIPE with a stack trace. Demo data (its simulator runs inside the
 * CLI), the real keychain of scripts/with-keyring.sh.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'

const BIN = join(resolve(__dirname, '../..'), 'bin/secpaid-desk.js')
const dir = mkdtempSync(join(tmpdir(), 'cli-pipe-'))
const hasKeyring = Boolean(process.env['DBUS_SESSION_BUS_ADDRESS'])

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[], closeAfterFirstChunk: boolean): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args, '--env', 'demo', '--data-dir', dir])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString()
      // Like `head -1`: read one chunk, then close our end of the pipe.
      if (closeAfterFirstChunk) child.stdout.destroy()
    })
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    child.on('exit', (code) => done({ code, stderr, stdout }))
  })
}

it.skipIf(!hasKeyring && !process.env['CI'])('ends quietly when the reader of its output stops early', async () => {
  const sync = await run(['sync'], false)
  expect(sync.code, sync.stderr).toBe(0)
  // Demo holds ~2,000 rows: far more than a pipe buffer, so the CLI is still writing when we close.
  const list = await run(['list'], true)
  expect(list.stdout).toMatch(/Pay ID/)
  expect(list.stderr).not.toMatch(/EPIPE|Unhandled|at /)
  expect(list.code).toBe(0)
}, 60_000)
