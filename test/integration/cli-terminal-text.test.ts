/**
 * Server text in the CLI's human output cannot drive the terminal: a note with OSC (window
 * title), CSI (clear screen) and an 8-bit CSI arrives from the real simulator over loopback,
 * goes through sync into the cache, and `list` prints it without ESC, BEL or CSI — while
 * `list --json` keeps the exact note.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/run-cli'
import { createKeytarSecretStore } from '../../src/main/services/credentials'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'

const hasKeyring = Boolean(process.env['DBUS_SESSION_BUS_ADDRESS'])
const needsKeyring = it.skipIf(!hasKeyring && !process.env['CI'])
if (!hasKeyring) console.warn('[cli-terminal-text] SKIPPING: no D-Bus session (run via scripts/with-keyring.sh)')

const HOSTILE_NOTE = 'pay \x1b]0;pwned\x07 then \x1b[2J and \x9b31m red\rFAKE\x7f'
// ESC, BEL, the 8-bit CSI (U+009B) and any other C0/C1 control except LF.
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/

let sim: RunningSimulator
let dir: string
let payId: string
const keychain = createKeytarSecretStore({ service: `SecPaid Desk CLI Terminal Test ${process.pid}-${Date.now()}` })

async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: async () => stdin },
    { env: { SECPAID_API_BASE: sim.baseUrl }, keychain }
  )
  return { code, out, err }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, rows: 40, rateLimitPerMinute: null })
  payId = sim.admin.addPayment({ amount: '12.50', recipient_note: HOSTILE_NOTE }).pay_id
  dir = mkdtempSync(join(tmpdir(), 'cli-term-'))
})

afterAll(async () => {
  await sim.close()
  await keychain.delete('custom').catch(() => false)
  rmSync(dir, { recursive: true, force: true })
})

describe('CLI human output is terminal-safe', () => {
  needsKeyring('list shows the hostile note without control characters; --json keeps it exactly', async () => {
    const base = ['--env', 'custom', '--data-dir', dir]
    expect((await cli(['login', ...base], sim.apiKey)).code).toBe(0)
    const sync = await cli(['sync', ...base])
    expect(sync.code, sync.err).toBe(0)
    // The progress line is our own: it keeps its CR (rewrites the line), never a replacement mark.
    expect(sync.err).toContain('\rsyncing: ')
    expect(sync.err).not.toContain('\uFFFD')

    const human = await cli(['list', ...base, '--search', payId])
    expect(human.code, human.err).toBe(0)
    expect(human.out).toContain(payId)
    expect(human.out).toContain('pwned') // still readable, only the controls are gone
    expect(human.out).not.toMatch(TERMINAL_CONTROLS)
    expect(human.err).not.toMatch(TERMINAL_CONTROLS)

    const json = await cli(['list', ...base, '--search', payId, '--json'])
    expect(json.code, json.err).toBe(0)
    const rows = (JSON.parse(json.out) as { rows: { payId: string; recipientNote: string }[] }).rows
    expect(rows.find((r) => r.payId === payId)?.recipientNote).toBe(HOSTILE_NOTE)
  })
})
