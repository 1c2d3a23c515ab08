/**
 * `secpaid-desk` entry logic: parse → open the app core for the chosen environment and data dir →
 * run the command → map failures to the documented exit codes (through the application's error
 * table). The key is read from stdin only (`login`) and never printed; error messages come from
 * our typed errors, which carry no key.
 */
import { mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import type { AppCore } from '../app/app-core'
import type { SecretStore } from '../services/credentials'
import { type Command, parseCliArgs, USAGE } from './args'
import type { CliIo, CommandIo } from './commands'
import { defaultDataDir } from './data-dir'
import { CliError, EXIT, type ExitCode } from './exit-codes'
import { terminalText } from './terminal-text'

export interface CliDeps {
  env: NodeJS.ProcessEnv
  keychain?: SecretStore
}

/**
 * Commands that look rows up by key or pay_id, or change them (a sync's pages, a refund's
 * payment, a request's check refreshes its payment): see `lookupMapsAtOpen` (bootstrap.ts).
 */
const COMMANDS_USING_LOOKUPS: ReadonlySet<Command> = new Set<Command>(['sync', 'refund', 'check'])

export async function runCli(argv: string[], rawIo: CliIo, deps: CliDeps = { env: process.env }): Promise<ExitCode> {
  // The one place human output is written: everything but `data` is made terminal-safe here,
  // so no command can forget it (server text reaches messages, tables and notices).
  const io: CommandIo = {
    stdout: (text) => rawIo.stdout(terminalText(text)),
    stderr: (text) => rawIo.stderr(terminalText(text)),
    readStdin: rawIo.readStdin,
    data: (text) => rawIo.stdout(text),
    ...(rawIo.stdoutBytes ? { dataBytes: rawIo.stdoutBytes } : {})
  }
  let core: AppCore | null = null
  try {
    const args = parseCliArgs(argv)
    if (args.command === 'help') {
      io.stdout(USAGE + '\n')
      return EXIT.ok
    }
    if (args.env === 'custom' && deps.env['SECPAID_API_BASE'] === undefined) {
      throw new CliError(EXIT.usage, '--env custom needs SECPAID_API_BASE (https URL, or http on loopback).')
    }
    const dataDir = args.dataDir ?? deps.env['SECPAID_DATA_DIR'] ?? defaultDataDir()
    mkdirSync(dataDir, { recursive: true })
    // The application is loaded only now: `help` and usage errors answer without compiling or
    // initialising it (docs/architecture.md#cli-start-up).
    const [{ bootstrapCore }, { bundledModuleLoaders }, { commands }, { createKeytarSecretStore }, { createConfEngine }] = await Promise.all([
      import('../app/bootstrap'),
      import('../app/bundled-module-loaders'),
      import('./commands'),
      import('../services/credentials'),
      import('../services/storage/json-file-engine')
    ])
    let lastProgress = 0
    core = await bootstrapCore({
      dataDir,
      // The HTTP client, Demo, the bank readers and team sharing load when a command uses them.
      loaders: bundledModuleLoaders,
      engine: createConfEngine(),
      keychain: deps.keychain ?? createKeytarSecretStore(),
      osUser: userInfo().username,
      customBaseUrl: deps.env['SECPAID_API_BASE'] ?? null,
      // One team cycle at open (teammates' requests count), what this run wrote is pushed at close.
      teamPollMs: null,
      // The app may be running on this data folder: only it writes the outbox file.
      teamOutbox: 'memory',
      // `accounts add --env X` names the new account's environment; it does not open X.
      ...(args.env && args.command !== 'accounts' ? { forceEnvironment: args.env } : {}),
      ...(args.account !== null && args.command !== 'accounts' ? { forceAccount: args.account } : {}),
      // Commands that look rows up by key or pay_id or change them need the index's lookup maps
      // right after the open: built in the same pass (the others never build them).
      ...(COMMANDS_USING_LOOKUPS.has(args.command) ? { lookupMapsAtOpen: true } : {}),
      emit: (event, payload) => {
        // Long syncs report progress on stderr (at most a few times a second).
        if (event !== 'syncProgress') return
        const now = Date.now()
        if (now - lastProgress < 250) return
        lastProgress = now
        const p = payload as { pages: number; rows: number }
        // Our own words and numbers only: written raw, so its CR can rewrite the line in place.
        rawIo.stderr(`\rsyncing: ${p.rows} rows, ${p.pages} pages`)
      }
    })
    return await commands[args.command](core, args, io)
  } catch (error) {
    const { code, message } = error instanceof CliError ? { code: error.exitCode, message: error.message } : await exitFor(error)
    io.stderr(`secpaid-desk: ${message}\n`)
    return code
  } finally {
    await core?.close()
  }
}

/** The CLI's face of the application's error table (app/app-errors.ts). */
async function exitFor(error: unknown): Promise<{ code: ExitCode; message: string }> {
  const { describeFailure } = await import('../app/app-errors')
  const failure = describeFailure(error)
  return { code: failure.exit, message: failure.cliMessage }
}
