/**
 * The accounts a user added, one folder each: `<dataDir>/accounts/<id>/account.json` holds the
 * name and environment, and the account's data (cache, ledger, payouts, reviews, DATEV settings)
 * live beside it. There is no central list to lose: the folders ARE the list, so a damaged
 * `account.json` costs only that account's entry (its folder is left as it is and said in a
 * notice), never the others or anyone's data.
 *
 * Removing an account moves its folder to `<dataDir>/removed-accounts/` — its refund ledger is a
 * record of money sent and is never deleted by the app.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { ADDABLE_ACCOUNT_ENVIRONMENTS, ADDED_ACCOUNT_ID_PATTERN, type AddableAccountEnvironment } from '@shared/accounts'
import type { AppNotice } from '@shared/notices'
import { writeFileAtomic } from '../storage/shard-files'

export interface StoredAccount {
  id: string
  name: string
  env: AddableAccountEnvironment
}

const accountFileSchema = z.object({
  v: z.literal(1),
  id: z.string().regex(ADDED_ACCOUNT_ID_PATTERN),
  name: z.string().min(1),
  env: z.enum(ADDABLE_ACCOUNT_ENVIRONMENTS)
})

export class AccountNameTakenError extends Error {
  constructor(readonly takenName: string) {
    super(`An account named "${takenName}" exists already.`)
  }
}

export class UnknownAccountError extends Error {
  constructor(readonly id: string) {
    super('There is no such account.')
  }
}

export interface AccountDirectory {
  /** Added accounts, by name (case-insensitive). */
  list(): StoredAccount[]
  get(id: string): StoredAccount | null
  /** By id, or by name ignoring case. */
  find(idOrName: string): StoredAccount | null
  add(name: string, env: AddableAccountEnvironment): StoredAccount
  rename(id: string, name: string): StoredAccount
  /** Moves the account's folder to removed-accounts/ and returns where it went. */
  remove(id: string): string
  /** The folder that holds the account's file and its data. */
  folderOf(id: string): string
  /** account.json files that could not be read (said once, at start). */
  readonly notices: AppNotice[]
}

export function openAccountDirectory(opts: { dataDir: string; now: () => Date; randomId?: () => string }): AccountDirectory {
  const root = join(opts.dataDir, 'accounts')
  const randomId = opts.randomId ?? (() => `acc-${randomBytes(4).toString('hex')}`)
  const notices: AppNotice[] = []
  const accounts = new Map<string, StoredAccount>()

  for (const entry of existsSync(root) ? readdirSync(root, { withFileTypes: true }) : []) {
    if (!entry.isDirectory() || !ADDED_ACCOUNT_ID_PATTERN.test(entry.name)) continue
    const file = join(root, entry.name, 'account.json')
    try {
      const parsed = accountFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
      if (parsed.id !== entry.name) throw new Error('id does not match its folder')
      accounts.set(parsed.id, { id: parsed.id, name: parsed.name, env: parsed.env })
    } catch {
      // Left where it is: the folder may hold a ledger; the user can repair or remove it by hand.
      notices.push({ code: 'account_unreadable', params: { folder: join(root, entry.name) } })
    }
  }

  const sameName = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0

  function assertNameFree(name: string, except: string | null): void {
    for (const account of accounts.values()) {
      if (account.id !== except && sameName(account.name, name)) throw new AccountNameTakenError(name)
    }
  }

  function write(account: StoredAccount): void {
    const folder = join(root, account.id)
    mkdirSync(folder, { recursive: true })
    writeFileAtomic(join(folder, 'account.json'), JSON.stringify({ v: 1, ...account }, null, 2) + '\n')
    accounts.set(account.id, account)
  }

  function require(id: string): StoredAccount {
    const account = accounts.get(id)
    if (account === undefined) throw new UnknownAccountError(id)
    return account
  }

  return {
    notices,
    list: () => [...accounts.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
    get: (id) => accounts.get(id) ?? null,
    find(idOrName) {
      return accounts.get(idOrName) ?? [...accounts.values()].find((a) => sameName(a.name, idOrName)) ?? null
    },
    add(name, env) {
      assertNameFree(name, null)
      let id = randomId()
      while (accounts.has(id) || existsSync(join(root, id))) id = randomId()
      const account: StoredAccount = { id, name, env }
      write(account)
      return account
    },
    rename(id, name) {
      const account = require(id)
      assertNameFree(name, id)
      const renamed = { ...account, name }
      write(renamed)
      return renamed
    },
    remove(id) {
      require(id)
      const asideRoot = join(opts.dataDir, 'removed-accounts')
      mkdirSync(asideRoot, { recursive: true })
      const stamp = opts.now().toISOString().replace(/[:.]/g, '-')
      const aside = join(asideRoot, `${id}-${stamp}`)
      renameSync(join(root, id), aside)
      accounts.delete(id)
      return aside
    },
    folderOf: (id) => join(root, require(id).id)
  }
}
