/** Command-line parsing for `secpaid-desk` (node:util parseArgs; strict: unknown options are usage errors). */
import { parseArgs } from 'node:util'
import { ENVIRONMENTS, type EnvironmentId } from '@shared/domain'
import { CliError, EXIT } from './exit-codes'

export const COMMANDS = ['login', 'logout', 'status', 'sync', 'list', 'refund', 'refunds', 'check', 'export', 'bank-check', 'payouts', 'accounts', 'month-end', 'team', 'help'] as const
export type Command = (typeof COMMANDS)[number]

export interface CliArgs {
  command: Command
  env: EnvironmentId | null
  /** --account: an added account's name or id, or an environment id (its built-in account). */
  account: string | null
  dataDir: string | null
  full: boolean
  month: string | null
  from: string | null
  to: string | null
  refundsOnly: boolean
  search: string | null
  json: boolean
  payId: string | null
  amount: string | null
  reason: string | null
  yes: boolean
  request: string | null
  format: string | null
  out: string | null
  /** The file argument of `bank-check`. */
  file: string | null
  /** `accounts add|rename|remove` / `team connect|test|disconnect` and their arguments (empty: list / status). */
  accountArgs: string[]
  /** `export --all-accounts`: one file per account into the folder --out. */
  allAccounts: boolean
  /** `refund --without-team`: the team database is away and the user sends on this PC alone. */
  withoutTeam: boolean
}

export const USAGE = `Usage: secpaid-desk <command> [options]

Commands:
  login                      read an API key from stdin, validate it, store it in the OS keychain
  logout                     remove the stored key of the environment
  status                     environment, key, cache and sync state, open refund requests
  sync [--full]              fetch transactions from SecPaid into the local cache
  list [--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD] [--refunds-only] [--search TEXT] [--json]
  refund --pay-id ID (--amount 12,50 | --full) [--reason TEXT] [--without-team] --yes
                             (--without-team: only when the team database is unreachable — sends on
                             this PC alone; teammates can neither see nor block it until it is back)
  refunds [--json]           the local refund-request ledger
  check --request ID         re-check a refund request (refreshes the payment from SecPaid)
  export --month YYYY-MM --format csv-de|csv|json|datev [--out FILE]
                             (datev: DATEV Buchungsstapel, Windows-1252; settings from the app's Settings → DATEV)
  export --all-accounts --month YYYY-MM --format csv-de|csv|json|datev --out DIR
                             one file per account (with data on this PC) into DIR
  month-end --month YYYY-MM [--json]
                             the month of every account: entries, reviewed, net, fees, payouts, open requests
  accounts                   the accounts (shops) of this desk; the open one is marked *
  accounts add NAME --env production|development|custom
  accounts rename NAME NEW-NAME
  accounts remove NAME --yes (removes its key from the keychain; its data folder is moved aside)
  team                       team mode of the account: team name and database server (never the password)
  team connect TEAM-NAME     read a PostgreSQL connection string from stdin, prove it (connect, create
                             or migrate the schema), store it in the OS keychain
  team test | team disconnect
  team sync                  push what this PC wrote, pull what teammates wrote; status of the link
  payouts [--month YYYY-MM] [--json]
                             stored payouts (newest first), or a month's payouts against the days they cover
  payouts --month YYYY-MM --format csv-de|csv [--out FILE]
                             that month's payouts against the days they cover, as a CSV file
  bank-check --month YYYY-MM FILE
                             match the month's payouts against a bank statement (camt.053 .xml or bank .csv)

Global options:
  --env production|development|demo|custom   (custom: base URL from SECPAID_API_BASE)
  --account NAME                             an added account (by name or id) instead of --env
  --data-dir DIR                             (default: the desktop app's data directory)

Exit codes: 0 ok, 2 usage, 3 auth, 4 refund/request rejected, 5 network/offline, 6 keychain unavailable.`

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        env: { type: 'string' },
        account: { type: 'string' },
        'all-accounts': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        full: { type: 'boolean', default: false },
        month: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'refunds-only': { type: 'boolean', default: false },
        search: { type: 'string' },
        json: { type: 'boolean', default: false },
        'pay-id': { type: 'string' },
        amount: { type: 'string' },
        reason: { type: 'string' },
        yes: { type: 'boolean', default: false },
        'without-team': { type: 'boolean', default: false },
        request: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    })
  } catch (error) {
    throw new CliError(EXIT.usage, `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
  }
  const { values, positionals } = parsed
  const name = values.help ? 'help' : (positionals[0] ?? 'help')
  if (!(COMMANDS as readonly string[]).includes(name)) throw new CliError(EXIT.usage, `Unknown command "${name}".\n\n${USAGE}`)
  const maxPositionals = name === 'bank-check' ? 2 : name === 'accounts' ? 4 : name === 'team' ? 3 : 1
  if (positionals.length > maxPositionals) throw new CliError(EXIT.usage, `Unexpected argument "${positionals[maxPositionals]}".\n\n${USAGE}`)
  const env = values.env ?? null
  if (env !== null && !(ENVIRONMENTS as readonly string[]).includes(env)) {
    throw new CliError(EXIT.usage, `--env must be one of ${ENVIRONMENTS.join(', ')}.`)
  }
  // Which shop a command acts on must never be a guess: one of the two, not both.
  if (values.account !== undefined && values.env !== undefined && name !== 'accounts') {
    throw new CliError(EXIT.usage, '--account already names its environment: give --account or --env, not both.')
  }
  return {
    command: name as Command,
    env: env as EnvironmentId | null,
    account: values.account ?? null,
    dataDir: values['data-dir'] ?? null,
    full: values.full,
    month: values.month ?? null,
    from: values.from ?? null,
    to: values.to ?? null,
    refundsOnly: values['refunds-only'],
    search: values.search ?? null,
    json: values.json,
    payId: values['pay-id'] ?? null,
    amount: values.amount ?? null,
    reason: values.reason ?? null,
    yes: values.yes,
    withoutTeam: values['without-team'],
    request: values.request ?? null,
    format: values.format ?? null,
    out: values.out ?? null,
    file: name === 'bank-check' ? (positionals[1] ?? null) : null,
    accountArgs: name === 'accounts' || name === 'team' ? positionals.slice(1) : [],
    allAccounts: values['all-accounts']
  }
}
