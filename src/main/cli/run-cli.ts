/**
 * `secpaid-desk` entry logic: parse → open the app core for the chosen environment and data dir →
 * run the command → map failures to the documented exit codes. The key is read from stdin only
 * (`login`) and never printed; error messages come from our typed errors, which carry no key.
 */
import { mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { createAppCore, type AppCore } from '../app/app-core'
import { startDemoBackend } from '../app/demo-backend'
import { createEnvironmentAccess } from '../app/environment-access'
import { AppError } from '../ipc/ipc-errors'
import { createKeytarSecretStore, InvalidKeyFormatError, KeychainUnavailableError, type SecretStore } from '../services/credentials'
import { ApiRejection, AuthError, BaseUrlError, NetworkError, RateLimited } from '../services/secpaid'
import { createConfEngine } from '../services/storage/json-file-engine'
import { parseCliArgs, USAGE } from './args'
import { commands, type CliIo } from './commands'
import { defaultDataDir } from './data-dir'
import { CliError, EXIT, type ExitCode } from './exit-codes'

export interface CliDeps {
  env: NodeJS.ProcessEnv
  keychain?: SecretStore
}

export async function runCli(argv: string[], io: CliIo, deps: CliDeps = { env: process.env }): Promise<ExitCode> {
  let core: AppCore | null = null
  try {
    const args = parseCliArgs(argv)
    if (args.command === 'help') {
      io.stdout(USAGE + '\n')
      return EXIT.ok
    }
    const dataDir = args.dataDir ?? deps.env['SECPAID_DATA_DIR'] ?? defaultDataDir()
    mkdirSync(dataDir, { recursive: true })
    const access = createEnvironmentAccess({
      customBaseUrl: deps.env['SECPAID_API_BASE'] ?? null,
      startDemo: () => startDemoBackend({ stateDir: join(dataDir, 'demo') })
    })
    let lastProgress = 0
    core = await createAppCore({
      dataDir,
      engine: createConfEngine(),
      keychain: deps.keychain ?? createKeytarSecretStore(),
      access,
      osUser: userInfo().username,
      ...(args.env ? { forceEnvironment: args.env } : {}),
      emit: (event, payload) => {
        // Long syncs report progress on stderr (at most a few times a second).
        if (event !== 'syncProgress') return
        const now = Date.now()
        if (now - lastProgress < 250) return
        lastProgress = now
        const p = payload as { pages: number; rows: number }
        io.stderr(`\rsyncing: ${p.rows} rows, ${p.pages} pages`)
      }
    })
    if (args.env === 'custom' && deps.env['SECPAID_API_BASE'] === undefined) {
      throw new CliError(EXIT.usage, '--env custom needs SECPAID_API_BASE (https URL, or http on loopback).')
    }
    return await commands[args.command](core, args, io)
  } catch (error) {
    const { code, message } = describeFailure(error)
    io.stderr(`secpaid-desk: ${message}\n`)
    return code
  } finally {
    await core?.close()
  }
}

function describeFailure(error: unknown): { code: ExitCode; message: string } {
  if (error instanceof CliError) return { code: error.exitCode, message: error.message }
  if (error instanceof AuthError) return { code: EXIT.auth, message: `${error.message}. Check the key and the environment (--env).` }
  if (error instanceof ApiRejection) return { code: EXIT.rejected, message: error.message }
  if (error instanceof NetworkError || error instanceof RateLimited) return { code: EXIT.offline, message: error.message }
  if (error instanceof KeychainUnavailableError) return { code: EXIT.keychain, message: error.message }
  if (error instanceof InvalidKeyFormatError || error instanceof BaseUrlError) return { code: EXIT.usage, message: error.message }
  if (error instanceof AppError) {
    const code = error.kind === 'precondition' || error.kind === 'rejected' ? EXIT.rejected : error.kind === 'invalid_argument' ? EXIT.usage : EXIT.failure
    return { code, message: error.message }
  }
  if (error instanceof Error && error.name === 'RefundPreconditionError') return { code: EXIT.rejected, message: error.message }
  if (error instanceof Error && error.name === 'RefundServiceError') {
    const code = (error as Error & { code?: string }).code
    return { code: code === 'offline' ? EXIT.offline : code === 'no_key' ? EXIT.auth : EXIT.failure, message: error.message }
  }
  return { code: EXIT.failure, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
}
