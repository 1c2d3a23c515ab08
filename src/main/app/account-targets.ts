/**
 * Where an account's data and key live. A built-in account (id = its environment) keeps the
 * folder and keychain slot its environment always had, so a desk from before accounts opens
 * unchanged; an added account has `<dataDir>/accounts/<id>/…` and its own slot (credentials).
 * Custom servers get one folder per base URL in both cases: pay_ids of different servers must
 * never mix in one cache.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import type { AccountView } from '@shared/accounts'
import { ENVIRONMENTS, type EnvironmentId } from '@shared/domain'
import type { AccountDirectory } from '../services/accounts/account-directory'
import type { KeySlot } from '../services/credentials'
import type { EnvironmentAccess } from './environment-access'

export interface AccountTarget {
  id: string
  /** null for a built-in account (named by its environment). */
  name: string | null
  env: EnvironmentId
  builtIn: boolean
  /** The data folder, relative to the data directory. */
  dirName: string
  keySlot: KeySlot
}

export function isBuiltInAccountId(id: string): id is EnvironmentId {
  return (ENVIRONMENTS as readonly string[]).includes(id)
}

export interface AccountTargets {
  /** The target for an account id, or null when there is no such account or its environment is not available. */
  resolve(id: string): AccountTarget | null
  /** Every account the user can open: built-ins of the available environments, then added ones by name. */
  all(): AccountTarget[]
  /** For the renderer and the CLI. */
  views(activeId: string): AccountView[]
}

export function createAccountTargets(deps: { directory: AccountDirectory; access: EnvironmentAccess }): AccountTargets {
  const { directory, access } = deps

  function customFolder(): string {
    const base = access.knownBaseUrl('custom') ?? ''
    return `custom-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`
  }

  function resolve(id: string): AccountTarget | null {
    if (isBuiltInAccountId(id)) {
      if (!access.available().includes(id)) return null
      return { id, name: null, env: id, builtIn: true, dirName: id === 'custom' ? customFolder() : id, keySlot: id }
    }
    const stored = directory.get(id)
    if (stored === null || !access.available().includes(stored.env)) return null
    const data = stored.env === 'custom' ? customFolder() : 'data'
    return {
      id,
      name: stored.name,
      env: stored.env,
      builtIn: false,
      dirName: join('accounts', id, data),
      keySlot: { env: stored.env, accountId: id }
    }
  }

  function all(): AccountTarget[] {
    const ids = [...access.available(), ...directory.list().map((a) => a.id)]
    return ids.map(resolve).filter((t): t is AccountTarget => t !== null)
  }

  return {
    resolve,
    all,
    views: (activeId) => all().map((t) => ({ id: t.id, name: t.name, env: t.env, builtIn: t.builtIn, active: t.id === activeId }))
  }
}
