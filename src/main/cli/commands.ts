/**
 * The `secpaid-desk` commands, each a thin layer over the application API the desktop app uses
 * (app/app-api.ts): every call is parsed by the same schemas as an IPC call, so the CLI accepts
 * nothing the UI refuses. Output goes to the injected streams.
 */
import { noticeText } from '@shared/notices'
import { readFileSync, writeFileSync } from 'node:fs'
import { BANK_STATEMENT_MAX_BYTES } from '@shared/bookkeeping-views'
import { isValidDate, isValidMonth } from '@shared/berlin-time'
import { formatMoney, parseUserAmount } from '@shared/money'
import { isExportFormat } from '@shared/transaction-filter'
import { OPEN_REQUEST_STATES, REFUND_REASONS, type RefundReason, type TransactionFilter } from '@shared/views'
import type { AppCore } from '../app/app-core'
import { describePreconditionReason } from '../services/refunds/refund-eligibility'
import type { CliArgs } from './args'
import { accountsCommand, exportAllAccounts, monthEndCommand, teamCommand } from './account-commands'
import { call } from './call-use-case'
import { CliError, EXIT, type ExitCode } from './exit-codes'
import { bankCheckText, datevSummaryLines } from './bookkeeping-output'
import { payoutReconciliationText, payoutTable } from './payout-output'
import { requestJson, requestTable, transactionJson, transactionTable } from './output'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<string>
  /** Raw bytes to stdout (a binary export); absent where stdout takes text only. */
  stdoutBytes?: (bytes: Uint8Array) => void
}

/**
 * What a command writes to. `stdout`/`stderr` are for humans and pass through terminalText
 * (run-cli.ts wraps them); `data` writes machine output — `--json`, export content — exactly.
 */
export interface CommandIo extends CliIo {
  data: (text: string) => void
  /** Machine output that is bytes, not text (the Windows-1252 DATEV file). */
  dataBytes?: (bytes: Uint8Array) => void
}

type Command = (core: AppCore, args: CliArgs, io: CommandIo) => Promise<ExitCode>


export const commands: Record<Exclude<CliArgs['command'], 'help'>, Command> = {
  async login(core, _args, io) {
    const key = (await io.readStdin()).trim()
    if (key === '') throw new CliError(EXIT.usage, 'No API key on stdin. Example: secpaid-desk login --env production < key.txt')
    const status = await call(core, 'saveApiKey', { key, sessionOnly: false })
    io.stdout(`Key ending in …${status.last4 ?? '????'} validated and stored in the OS keychain for ${accountName(core)}.\n`)
    return EXIT.ok
  },

  async logout(core, _args, io) {
    await call(core, 'signOut', {})
    io.stdout(`Key for ${accountName(core)} removed.\n`)
    return EXIT.ok
  },

  async status(core, _args, io) {
    const env = await call(core, 'getEnvironment', {})
    const cred = await call(core, 'getCredentialStatus', {})
    const sync = await call(core, 'getSyncState', {})
    const open = (await call(core, 'listRefundRequests', {})).filter((r) => OPEN_REQUEST_STATES.includes(r.state)).length
    io.stdout(
      [
        `Account:       ${env.account.name ?? `${env.active} (built-in)`}`,
        `Environment:   ${env.active}${env.baseUrl ? ` (${env.baseUrl})` : ''}`,
        `API key:       ${cred.hasKey ? `stored (${cred.storage}), ending in …${cred.last4 ?? ''}` : 'none — run `secpaid-desk login`'}`,
        ...(cred.keychainMessage ? [`Keychain:      unavailable — ${cred.keychainMessage}`] : []),
        `Cached rows:   ${sync.cachedRows}`,
        `Last sync:     ${sync.lastSuccessfulSyncAt ?? 'never'}`,
        ...(sync.lastError ? [`Last error:    ${sync.lastError.message}`] : []),
        `Open requests: ${open}`
      ].join('\n') + '\n'
    )
    return EXIT.ok
  },

  async sync(core, args, io) {
    await requireKeychain(core)
    const state = await call(core, 'runSync', { full: args.full })
    io.stderr('\n')
    for (const notice of state.notices) io.stderr(`notice: ${noticeText(notice)}\n`)
    if (state.status === 'offline') throw new CliError(EXIT.offline, `Offline: ${state.lastError?.message ?? 'SecPaid is unreachable'}. The cache is unchanged.`)
    if (state.status === 'needs_key') throw new CliError(EXIT.auth, `No usable API key for ${accountName(core)}: run \`secpaid-desk login\`.`)
    if (state.status === 'error') {
      const code = state.lastError?.kind === 'auth' ? EXIT.auth : EXIT.failure
      throw new CliError(code, `Sync failed: ${state.lastError?.message ?? 'unknown error'}`)
    }
    const d = state.lastDigest
    io.stdout(
      `Synced ${accountName(core)}: ${state.cachedRows} rows cached` +
        (d ? ` (${d.newPayments} new payments, ${d.newRefundEntries} new refund entries, ${d.newDisputeEntries} new dispute entries, ${d.updatedRows} updated, ${d.requestsRefunded} requests refunded)` : '') +
        (d?.teammates ? `; from teammates: ${d.teammates.refundEvents} refund events, ${d.teammates.reviewTicks} review ticks` : '') +
        '\n'
    )
    return EXIT.ok
  },

  async list(core, args, io) {
    const filter = filterFromArgs(args)
    const { rows, totals, dataAsOf } = await call(core, 'selectTransactions', { filter })
    if (args.json) {
      io.data(JSON.stringify({ dataAsOf, totals, rows: rows.map(transactionJson) }, null, 2) + '\n')
      return EXIT.ok
    }
    io.stdout(transactionTable(rows) + '\n')
    io.stdout(
      `\n${totals.count} rows · pay-ins ${formatMoney(totals.grossPayIns, 'en')} · refunds ${formatMoney(totals.refunds, 'en')} · net ${formatMoney(totals.net, 'en')}\n`
    )
    return EXIT.ok
  },

  async refund(core, args, io) {
    if (args.payId === null) throw new CliError(EXIT.usage, 'refund needs --pay-id ID.')
    if ((args.amount === null) === !args.full) throw new CliError(EXIT.usage, 'refund needs exactly one of --amount 12,50 or --full.')
    if (!args.yes) throw new CliError(EXIT.usage, 'A refund request is sent to SecPaid for review. Add --yes to confirm.')
    await requireKeychain(core)
    let eligibility = await call(core, 'getRefundEligibility', { payId: args.payId })
    if (eligibility.reasons.includes('not_found')) {
      await call(core, 'refreshPayment', { payId: args.payId }) // not cached yet: the local pre-checks need the payment
      eligibility = await call(core, 'getRefundEligibility', { payId: args.payId })
    }
    // Nothing left to refund in full: say why, instead of letting the schema refuse an amount of 0.
    if (args.full && eligibility.remaining <= 0) {
      throw new CliError(EXIT.rejected, eligibility.reasons.map(describePreconditionReason).join(' ') || 'Nothing is left to refund.')
    }
    const amount = args.full ? eligibility.remaining : parseAmount(args.amount ?? '')
    const { reason, note } = reasonFromArgs(args.reason)
    const request = await call(core, 'submitRefund', { payId: args.payId, amount, isFullRefund: args.full, reason, note, ...(args.withoutTeam ? { withoutTeam: true as const } : {}) })
    io.stdout(requestTable([request]) + '\n')
    if (request.state === 'rejected') {
      throw new CliError(EXIT.rejected, `SecPaid rejected the request (${request.rejectionCode ?? 'unknown'}): ${request.serverMessage ?? ''}`)
    }
    if (request.state === 'outcome_unknown') {
      throw new CliError(EXIT.offline, `No answer from SecPaid — the outcome is unknown. Do not resend; run: secpaid-desk check --request ${request.id}`)
    }
    io.stdout(`Request ${request.id}: ${request.serverMessage ?? 'submitted'}\n`)
    return EXIT.ok
  },

  async refunds(core, args, io) {
    const requests = await call(core, 'listRefundRequests', {})
    if (args.json) io.data(JSON.stringify(requests.map(requestJson), null, 2) + '\n')
    else io.stdout(requestTable(requests) + '\n')
    return EXIT.ok
  },

  async check(core, args, io) {
    if (args.request === null) throw new CliError(EXIT.usage, 'check needs --request ID (see `secpaid-desk refunds`).')
    await requireKeychain(core)
    const request = await call(core, 'checkRefundRequest', { requestId: args.request })
    io.stdout(requestTable([request]) + '\n')
    return request.state === 'rejected' ? EXIT.rejected : EXIT.ok
  },

  async export(core, args, io) {
    if (args.allAccounts) return exportAllAccounts(core, args, io)
    if (args.month === null || !isValidMonth(args.month)) throw new CliError(EXIT.usage, 'export needs --month YYYY-MM.')
    const format = args.format
    if (format === 'datev') return exportDatev(core, args.month, args.out, io)
    if (!isExportFormat(format)) throw new CliError(EXIT.usage, 'export needs --format csv-de|csv|json|datev.')
    const file = await call(core, 'exportTransactions', {
      filter: { ...filterFromArgs(args), period: { kind: 'month', month: args.month } },
      format,
      language: format === 'csv-de' ? 'de' : 'en'
    })
    if (file.stale) io.stderr('warning: the cached data are older than 24 hours (or were never synced); run `secpaid-desk sync` first for a current export.\n')
    if (args.out !== null) {
      writeFileSync(args.out, file.content)
      io.stderr(`Wrote ${file.rowCount} rows to ${args.out}\n`)
    } else {
      io.data(file.content)
    }
    return EXIT.ok
  },

  async payouts(core, args, io) {
    if (args.month !== null) {
      if (!isValidMonth(args.month)) throw new CliError(EXIT.usage, 'payouts --month needs YYYY-MM.')
      if (args.format !== null) return exportPayouts(core, args.month, args.format, args.out, io)
      const rec = await call(core, 'getPayoutReconciliation', { month: args.month })
      if (args.json) io.data(JSON.stringify(rec, null, 2) + '\n')
      else io.stdout(payoutReconciliationText(rec) + '\n')
      return EXIT.ok
    }
    const list = await call(core, 'listPayouts', {})
    if (args.json) io.data(JSON.stringify(list, null, 2) + '\n')
    else io.stdout(payoutTable(list.payouts) + `\n${list.payouts.length} payouts · fetched ${list.syncedAt ?? 'never (run sync)'}\n`)
    return EXIT.ok
  },

  accounts: accountsCommand,
  'month-end': monthEndCommand,
  team: teamCommand,

  async 'bank-check'(core, args, io) {
    if (args.month === null || !isValidMonth(args.month)) throw new CliError(EXIT.usage, 'bank-check needs --month YYYY-MM.')
    if (args.file === null) throw new CliError(EXIT.usage, 'bank-check needs the statement file: bank-check --month YYYY-MM FILE')
    let bytes: Buffer
    try {
      bytes = readFileSync(args.file)
    } catch (error) {
      throw new CliError(EXIT.usage, `Cannot read ${args.file}: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (bytes.byteLength > BANK_STATEMENT_MAX_BYTES) throw new CliError(EXIT.usage, `${args.file} is larger than 10 MB.`)
    const result = await call(core, 'checkBankStatement', { month: args.month, base64: bytes.toString('base64') })
    // Bank text (names, references) is untrusted: io.stdout makes it terminal-safe, cells lose line breaks.
    io.stdout(bankCheckText(result) + '\n')
    return EXIT.ok
  }
}

/** `payouts --month M --format csv-de|csv`: the reconciliation as its own CSV file. */
async function exportPayouts(core: AppCore, month: string, format: string, out: string | null, io: CommandIo): Promise<ExitCode> {
  if (format !== 'csv-de' && format !== 'csv') throw new CliError(EXIT.usage, 'payouts --format must be csv-de or csv.')
  const file = await call(core, 'exportPayoutReconciliation', { month, format, language: format === 'csv-de' ? 'de' : 'en' })
  if (file.stale) io.stderr('warning: the payouts were fetched more than 24 hours ago (or never); run `secpaid-desk sync` first.\n')
  if (out === null) {
    io.data(file.content)
    return EXIT.ok
  }
  writeFileSync(out, file.content)
  io.stderr(`Wrote ${file.rowCount} payouts to ${out}\n`)
  return EXIT.ok
}

/** `export --format datev`: the same use-case as the app's Month-end button. */
async function exportDatev(core: AppCore, month: string, out: string | null, io: CommandIo): Promise<ExitCode> {
  const file = await call(core, 'exportDatev', { month })
  if (file.stale) io.stderr('warning: the cached data are older than 24 hours (or were never synced); run `secpaid-desk sync` first for a current export.\n')
  const bytes = Buffer.from(file.base64, 'base64')
  if (out !== null) {
    writeFileSync(out, bytes)
    io.stderr(`Wrote ${file.bookingCount} bookings (${file.payoutCount} payouts) to ${out}\n`)
  } else if (io.dataBytes) {
    io.dataBytes(bytes)
  } else {
    throw new CliError(EXIT.usage, 'export --format datev writes a binary file: give --out FILE.')
  }
  for (const line of datevSummaryLines(file)) io.stderr(`${line}\n`)
  return EXIT.ok
}

/** The open account in messages: an added account's name, else the environment. */
function accountName(core: AppCore): string {
  const account = core.activeAccount()
  return account.name === null ? account.env : `"${account.name}" (${account.env})`
}

async function requireKeychain(core: AppCore): Promise<void> {
  const status = await call(core, 'getCredentialStatus', {})
  if (!status.keychainAvailable) throw new CliError(EXIT.keychain, `The OS keychain is unavailable: ${status.keychainMessage ?? ''}`)
}

export function filterFromArgs(args: CliArgs): TransactionFilter {
  if (args.month !== null && (args.from !== null || args.to !== null)) throw new CliError(EXIT.usage, 'Use either --month or --from/--to.')
  let period: TransactionFilter['period'] = { kind: 'all' }
  if (args.month !== null) {
    if (!isValidMonth(args.month)) throw new CliError(EXIT.usage, '--month must be YYYY-MM.')
    period = { kind: 'month', month: args.month }
  } else if (args.from !== null || args.to !== null) {
    if (args.from === null || args.to === null || !isValidDate(args.from) || !isValidDate(args.to)) {
      throw new CliError(EXIT.usage, '--from and --to must both be given as YYYY-MM-DD.')
    }
    period = { kind: 'range', from: args.from, to: args.to }
  }
  return {
    period,
    kinds: args.refundsOnly ? ['refund'] : [],
    statuses: [],
    amountMinCents: null,
    amountMaxCents: null,
    search: args.search ?? ''
  }
}

/** "12,50", "12.50", "1.234,56" and "1,234.56" all work: German reading first, then English. */
export function parseAmount(input: string): number {
  const de = parseUserAmount(input, 'de')
  if (de.ok) return de.cents
  const en = parseUserAmount(input, 'en')
  if (en.ok) return en.cents
  throw new CliError(EXIT.usage, `--amount "${input}" is not a valid amount (${de.reason}). Examples: 12,50 or 12.50`)
}

/** A known reason id is used as is; any other text becomes reason "other" with the text as note. */
export function reasonFromArgs(text: string | null): { reason: RefundReason; note: string | null } {
  if (text === null || text.trim() === '') return { reason: 'requested_by_customer', note: null }
  const t = text.trim()
  return (REFUND_REASONS as readonly string[]).includes(t) ? { reason: t as RefundReason, note: null } : { reason: 'other', note: t }
}
