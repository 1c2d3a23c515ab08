/**
 * `accounts`, `month-end`, `export --all-accounts` and `team`: the several-shops and several-PCs
 * side of the CLI, over the same application API as the app's switcher, Settings → Accounts, the
 * month across accounts and Settings → Team.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ACROSS_ACCOUNTS_EXPORT_FORMATS, ADDABLE_ACCOUNT_ENVIRONMENTS, type AcrossAccountsExportFormat } from '@shared/accounts'
import { isValidMonth } from '@shared/berlin-time'
import type { AppCore } from '../app/app-core'
import type { CliArgs } from './args'
import { accountLabel, accountTable, monthAcrossAccountsTable } from './account-output'
import { call } from './call-use-case'
import type { CommandIo } from './commands'
import { CliError, EXIT, type ExitCode } from './exit-codes'

/** The same name matching as `--account` (the account directory's). */
function accountIdByName(core: AppCore, name: string): string {
  const found = core.findAddedAccount(name)
  if (found === null) throw new CliError(EXIT.usage, `There is no added account "${name}" (see \`secpaid-desk accounts\`).`)
  return found
}

export async function accountsCommand(core: AppCore, args: CliArgs, io: CommandIo): Promise<ExitCode> {
  const [action, first, second] = args.accountArgs
  if (action === undefined) {
    const state = await call(core, 'listAccounts', {})
    if (args.json) io.data(JSON.stringify(state, null, 2) + '\n')
    else io.stdout(accountTable(state.accounts) + '\n')
    return EXIT.ok
  }
  if (action === 'add') {
    if (first === undefined || args.env === null) throw new CliError(EXIT.usage, `accounts add NAME --env ${ADDABLE_ACCOUNT_ENVIRONMENTS.join('|')}`)
    const added = await call(core, 'addAccount', { name: first, env: args.env })
    io.stdout(`Added account "${first}" (${args.env}, id ${added.id}). Store its key: secpaid-desk login --account ${added.id} < key.txt\n`)
    return EXIT.ok
  }
  if (action === 'rename') {
    if (first === undefined || second === undefined) throw new CliError(EXIT.usage, 'accounts rename NAME NEW-NAME')
    await call(core, 'renameAccount', { id: accountIdByName(core, first), name: second })
    io.stdout(`Renamed "${first}" to "${second}".\n`)
    return EXIT.ok
  }
  if (action === 'remove') {
    if (first === undefined) throw new CliError(EXIT.usage, 'accounts remove NAME --yes')
    if (!args.yes) throw new CliError(EXIT.usage, `Removing "${first}" deletes its API key from this PC's keychain and moves its data folder aside. Add --yes to confirm.`)
    await call(core, 'removeAccount', { id: accountIdByName(core, first) })
    io.stdout(`Removed "${first}" (its key is deleted from the keychain; its data folder was moved to removed-accounts/).\n`)
    return EXIT.ok
  }
  throw new CliError(EXIT.usage, `Unknown accounts action "${action}": use add, rename or remove.`)
}

export async function monthEndCommand(core: AppCore, args: CliArgs, io: CommandIo): Promise<ExitCode> {
  if (args.month === null || !isValidMonth(args.month)) throw new CliError(EXIT.usage, 'month-end needs --month YYYY-MM.')
  const result = await call(core, 'getMonthAcrossAccounts', { month: args.month })
  if (args.json) io.data(JSON.stringify(result, null, 2) + '\n')
  else io.stdout(monthAcrossAccountsTable(result.accounts) + '\n')
  return EXIT.ok
}

export async function exportAllAccounts(core: AppCore, args: CliArgs, io: CommandIo): Promise<ExitCode> {
  const { month, format, out } = args
  if (month === null || !isValidMonth(month)) throw new CliError(EXIT.usage, 'export needs --month YYYY-MM.')
  if (format === null || !(ACROSS_ACCOUNTS_EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(EXIT.usage, `export --all-accounts needs --format ${ACROSS_ACCOUNTS_EXPORT_FORMATS.join('|')}.`)
  }
  if (out === null) throw new CliError(EXIT.usage, 'export --all-accounts writes one file per account: give --out DIR.')
  const result = await call(core, 'exportMonthAcrossAccounts', {
    month,
    format: format as AcrossAccountsExportFormat,
    language: format === 'csv-de' ? 'de' : 'en'
  })
  let failed = 0
  for (const item of result.exports) {
    if (item.file === null) {
      failed++
      io.stderr(`${accountLabel(item)}: not exported — ${item.problem?.message ?? 'unknown problem'}\n`)
      continue
    }
    const path = join(out, item.file.fileName)
    writeFileSync(path, Buffer.from(item.file.base64, 'base64'))
    io.stderr(`${accountLabel(item)}: ${item.file.entryCount} entries → ${path}\n`)
  }
  return failed > 0 ? EXIT.failure : EXIT.ok
}

export async function teamCommand(core: AppCore, args: CliArgs, io: CommandIo): Promise<ExitCode> {
  const [action, teamName] = args.accountArgs
  if (action === undefined) {
    const team = await call(core, 'getTeamSettings', {})
    if (args.json) io.data(JSON.stringify(team, null, 2) + '\n')
    else io.stdout(team.configured ? `Team:     ${team.teamName ?? '?'}\nDatabase: ${team.server ?? '?'}${team.tls ? ' (TLS)' : ' (this computer)'}\n` : 'Team mode is not set up for this account.\n')
    return EXIT.ok
  }
  if (action === 'connect') {
    if (teamName === undefined) throw new CliError(EXIT.usage, 'team connect TEAM-NAME < connection-string.txt')
    const connectionString = (await io.readStdin()).trim()
    if (connectionString === '') throw new CliError(EXIT.usage, 'No connection string on stdin (postgres://user:password@host:5432/database?sslmode=require).')
    const { settings, check } = await call(core, 'saveTeamSettings', { connectionString, teamName })
    io.stdout(`Connected to ${settings.server ?? '?'} as team "${teamName}" (schema version ${check.schemaVersion}); the connection string is in the OS keychain.\n`)
    return EXIT.ok
  }
  if (action === 'test') {
    const check = await call(core, 'testTeamConnection', {})
    io.stdout(`The team database answers (schema version ${check.schemaVersion}; ${check.serverVersion}).\n`)
    return EXIT.ok
  }
  if (action === 'disconnect') {
    await call(core, 'removeTeamSettings', {})
    io.stdout('Team mode is off for this account; its connection string was removed from the keychain.\n')
    return EXIT.ok
  }
  if (action === 'sync') {
    const status = await call(core, 'syncTeamNow', {})
    if (args.json) io.data(JSON.stringify(status, null, 2) + '\n')
    if (!status.configured) throw new CliError(EXIT.usage, 'Team mode is not set up for this account (team connect TEAM-NAME).')
    if (status.link !== 'online') throw new CliError(EXIT.offline, `The team database did not answer: ${status.lastError ?? 'unknown error'}. ${status.pending} events wait on this PC.`)
    if (!args.json) io.stdout(`Team "${status.teamName ?? '?'}": in sync (${status.pending} events waiting on this PC).\n`)
    return EXIT.ok
  }
  throw new CliError(EXIT.usage, `Unknown team action "${action}": use connect, test, sync or disconnect.`)
}
