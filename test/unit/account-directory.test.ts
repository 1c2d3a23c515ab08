/**
 * The added accounts are their folders: names unique ignoring case, a damaged account file costs
 * only its own entry (said in a notice, folder untouched), removal moves the folder aside.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AccountNameTakenError, openAccountDirectory, UnknownAccountError } from '../../src/main/services/accounts/account-directory'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'account-dir-'))
  dirs.push(d)
  return d
}
const now = () => new Date('2026-11-30T10:00:00Z')

describe('account directory', () => {
  it('adds, finds by name ignoring case, renames, and reopens the same list from disk', () => {
    const dir = dataDir()
    const accounts = openAccountDirectory({ dataDir: dir, now })
    const b = accounts.add('Radladen Nord', 'production')
    const a = accounts.add('Café Müller', 'development')
    expect(a.id).toMatch(/^acc-[0-9a-f]{8}$/)
    expect(accounts.list().map((x) => x.name)).toEqual(['Café Müller', 'Radladen Nord'])
    expect(accounts.find('CAFÉ MÜLLER')?.id).toBe(a.id)
    expect(accounts.find(b.id)?.name).toBe('Radladen Nord')
    expect(() => accounts.add('radladen nord', 'custom')).toThrow(AccountNameTakenError)
    // Different accents are different names (Cafe ≠ Café): a bookkeeper may have both shops.
    expect(accounts.add('Cafe Muller', 'production').name).toBe('Cafe Muller')
    accounts.rename(b.id, 'Bike shop')
    expect(() => accounts.rename(a.id, 'BIKE SHOP')).toThrow(AccountNameTakenError)
    const reopened = openAccountDirectory({ dataDir: dir, now })
    expect(reopened.list().map((x) => [x.name, x.env])).toEqual([
      ['Bike shop', 'production'],
      ['Cafe Muller', 'production'],
      ['Café Müller', 'development']
    ])
    expect(reopened.notices).toEqual([])
  })

  it('lists the other accounts when one account file is damaged, and says which folder', () => {
    const dir = dataDir()
    const accounts = openAccountDirectory({ dataDir: dir, now })
    const good = accounts.add('Good', 'production')
    const bad = accounts.add('Bad', 'production')
    writeFileSync(join(dir, 'accounts', bad.id, 'account.json'), '{"v":1,"id":')
    writeFileSync(join(dir, 'accounts', bad.id, 'refund-ledger.jsonl'), 'kept\n')
    mkdirSync(join(dir, 'accounts', 'not-an-account'))
    const reopened = openAccountDirectory({ dataDir: dir, now })
    expect(reopened.list().map((x) => x.id)).toEqual([good.id])
    expect(reopened.notices).toEqual([{ code: 'account_unreadable', params: { folder: join(dir, 'accounts', bad.id) } }])
    expect(readFileSync(join(dir, 'accounts', bad.id, 'refund-ledger.jsonl'), 'utf8')).toBe('kept\n')
  })

  it('refuses an account file that names another folder', () => {
    const dir = dataDir()
    const accounts = openAccountDirectory({ dataDir: dir, now })
    const one = accounts.add('One', 'production')
    mkdirSync(join(dir, 'accounts', 'acc-00000000'))
    writeFileSync(join(dir, 'accounts', 'acc-00000000', 'account.json'), readFileSync(join(dir, 'accounts', one.id, 'account.json')))
    const reopened = openAccountDirectory({ dataDir: dir, now })
    expect(reopened.list().map((x) => x.id)).toEqual([one.id])
    expect(reopened.notices).toHaveLength(1)
  })

  it('moves a removed account aside with its data, never deletes it', () => {
    const dir = dataDir()
    const accounts = openAccountDirectory({ dataDir: dir, now })
    const gone = accounts.add('Gone', 'production')
    writeFileSync(join(accounts.folderOf(gone.id), 'refund-ledger.jsonl'), 'money sent\n')
    const aside = accounts.remove(gone.id)
    expect(existsSync(join(dir, 'accounts', gone.id))).toBe(false)
    expect(readFileSync(join(aside, 'refund-ledger.jsonl'), 'utf8')).toBe('money sent\n')
    expect(readdirSync(join(dir, 'removed-accounts'))).toEqual([`${gone.id}-2026-11-30T10-00-00-000Z`])
    expect(openAccountDirectory({ dataDir: dir, now }).list()).toEqual([])
    expect(() => accounts.remove(gone.id)).toThrow(UnknownAccountError)
  })
})
