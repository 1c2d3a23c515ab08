/**
 * The accounts part of the application API: list, add, rename, remove, open, and the month across
 * all accounts. The session switch itself is the app core's (app-core.ts).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { AccountsState } from '@shared/accounts'
import type { EnvironmentInfo } from '@shared/views'
import { AccountNameTakenError, UnknownAccountError, type AccountDirectory } from '../services/accounts/account-directory'
import type { CredentialsService } from '../services/credentials'
import type { UseCases } from './app-api'
import { AppError } from './app-errors'
import type { AccountTarget, AccountTargets } from './account-targets'
import { exportAccountMonth, summarizeAccountMonth, unreadableAccountExport, unreadableAccountMonth } from './month-across-accounts'
import type { Workspace } from './workspace'

export const ACCOUNT_USE_CASES = [
  'listAccounts',
  'addAccount',
  'renameAccount',
  'removeAccount',
  'switchAccount',
  'getMonthAcrossAccounts',
  'exportMonthAcrossAccounts'
] as const
export type AccountUseCases = Pick<UseCases, (typeof ACCOUNT_USE_CASES)[number]>

export interface AccountUseCaseContext {
  dataDir: string
  directory: AccountDirectory
  targets: AccountTargets
  credentials: CredentialsService
  now: () => Date
  activeTarget(): AccountTarget
  switchAccount(id: string): Promise<EnvironmentInfo>
  /** Runs `work` on the account's workspace once its whole cache is loaded. */
  visit<T>(target: AccountTarget, work: (ws: Workspace) => T): Promise<T>
}

export function createAccountUseCases(ctx: AccountUseCaseContext): AccountUseCases {
  const state = (): AccountsState => {
    const active = ctx.activeTarget().id
    return { active, accounts: ctx.targets.views(active) }
  }

  /** Accounts with data on this PC (and the open one): a built-in environment never used is left out. */
  function accountsWithData(): AccountTarget[] {
    const active = ctx.activeTarget().id
    return ctx.targets.all().filter((t) => t.id === active || existsSync(join(ctx.dataDir, t.dirName)))
  }

  function named<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      if (error instanceof AccountNameTakenError) throw new AppError('invalid_argument', error.message, 'account_name_taken')
      if (error instanceof UnknownAccountError) throw new AppError('not_found', error.message, 'account_unknown')
      throw error
    }
  }

  return {
    listAccounts: async () => state(),
    addAccount: async ({ name, env }) => {
      if (ctx.targets.resolve(env) === null) {
        throw new AppError('invalid_argument', `The ${env} environment is not available (custom needs SECPAID_API_BASE).`)
      }
      const added = named(() => ctx.directory.add(name, env))
      return { id: added.id, accounts: state() }
    },
    renameAccount: async ({ id, name }) => {
      named(() => ctx.directory.rename(id, name))
      return state()
    },
    removeAccount: async ({ id }) => {
      if (ctx.activeTarget().id === id) {
        throw new AppError('precondition', 'The open account cannot be removed; open another account first.', 'account_open')
      }
      const stored = named(() => {
        const found = ctx.directory.get(id)
        if (found === null) throw new UnknownAccountError(id)
        return found
      })
      // The key first: if the keychain cannot delete it, nothing is removed and the user can retry
      // (an account gone from the list with its key left behind could never be cleaned up here).
      await ctx.credentials.signOut({ env: stored.env, accountId: stored.id })
      ctx.directory.remove(id)
      return state()
    },
    switchAccount: ({ id }) => ctx.switchAccount(id),
    getMonthAcrossAccounts: async ({ month }) => {
      const accounts = []
      for (const target of accountsWithData()) {
        // One shop whose files cannot be opened must not hide the others' month.
        accounts.push(await ctx.visit(target, (ws) => summarizeAccountMonth(ws, target, month)).catch((e: unknown) => unreadableAccountMonth(target, e)))
      }
      return { month, accounts }
    },
    exportMonthAcrossAccounts: async ({ month, format, language }) => {
      const exports = []
      for (const target of accountsWithData()) {
        const input = { month, format, language, now: ctx.now() }
        exports.push(await ctx.visit(target, (ws) => exportAccountMonth(ws, target, input)).catch((e: unknown) => unreadableAccountExport(target, e)))
      }
      return { month, exports }
    }
  }
}
