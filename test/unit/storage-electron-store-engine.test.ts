/**
 * Earlier versions wrote the data folder's JSON documents through electron-store (in the app) and
 * conf (in the CLI); both now go through json-file-engine.ts. A data folder from before must open
 * unchanged, and one written now must still be readable by those libraries (an older version
 * started on it after a downgrade). Checked here without Electron, with the options the app used.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import Conf from 'conf'
import ElectronStore from 'electron-store'
import { createJsonFileEngine, type JsonFileStoreFactory, type JsonFileStoreOptions } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache } from '../../src/main/services/storage/transaction-cache'
import { openSettingsStore } from '../../src/main/services/settings/settings-store'

// Main-process electron-store without an app object: it then needs an absolute cwd, which we pass.
vi.mock('electron', () => ({ default: {}, app: undefined, ipcMain: undefined, shell: undefined }))

let dir = ''
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-estore-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** The options earlier versions gave electron-store and conf (no pretty printing, no reset). */
function previousOptions(o: JsonFileStoreOptions) {
  return {
    cwd: o.cwd,
    name: o.name,
    configName: o.name,
    fileExtension: 'json',
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
    serialize: (value: Record<string, unknown>) => JSON.stringify(value),
    deserialize: (text: string) => JSON.parse(text) as Record<string, unknown>
  }
}
const electronStoreEngine: JsonFileStoreFactory = (o) => new ElectronStore<Record<string, unknown>>(previousOptions(o))
const confEngine: JsonFileStoreFactory = (o) => new Conf<Record<string, unknown>>(previousOptions(o))

const row = {
  payId: '7', transactionId: null, creatorId: null, userId: null, amount: 123456, netAmount: null,
  serviceFee: null, serviceFeePsp: null, status: 'Success', recipientNote: 'Größe „x“', payoutStatus: null,
  createdAt: '2026-05-20 18:56:08', isSplitLink: false, isDispute: false, isRefund: false,
  paymentMethod: null, transactionType: 'Basic'
}

it('a cache written through electron-store opens with the engine, the same files', () => {
  openTransactionCache({ dir, engine: electronStoreEngine }).upsertRows([row])
  expect(fs.readdirSync(dir).sort()).toEqual(['meta.json', 'tx-2026-05.json'])
  expect(openTransactionCache({ dir, engine: createJsonFileEngine() }).loadAll()).toEqual({ rows: [row], notices: [] })
  expect(openTransactionCache({ dir }).loadAll()).toEqual({ rows: [row], notices: [] })
})

it('settings written by conf open with the engine, and conf reads what the engine writes', () => {
  openSettingsStore({ dir, engine: confEngine }).update({ language: 'de', theme: 'dark' })
  const settings = openSettingsStore({ dir, engine: createJsonFileEngine() })
  expect(settings.get()).toMatchObject({ language: 'de', theme: 'dark' })
  settings.update({ theme: 'light' })
  expect(openSettingsStore({ dir, engine: confEngine }).get()).toMatchObject({ language: 'de', theme: 'light' })
  expect(openSettingsStore({ dir, engine: electronStoreEngine }).get()).toMatchObject({ language: 'de', theme: 'light' })
})

it('the engine refuses invalid JSON with a SyntaxError and leaves the file as it was', () => {
  fs.writeFileSync(path.join(dir, 'settings.json'), '{"language": "de",')
  expect(() => createJsonFileEngine()({ cwd: dir, name: 'settings' })).toThrow(SyntaxError)
  expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe('{"language": "de",')
})

it('a missing file reads as {} and creates its folder; a write replaces the file whole', () => {
  const sub = path.join(dir, 'a', 'b')
  const file = createJsonFileEngine()({ cwd: sub, name: 'payouts' })
  expect(file.path).toBe(path.join(sub, 'payouts.json'))
  expect(file.store).toEqual({})
  expect(fs.existsSync(sub)).toBe(true)
  file.store = { x: 1 }
  file.store = { y: [2] }
  expect(JSON.parse(fs.readFileSync(file.path, 'utf8'))).toEqual({ y: [2] })
  expect(fs.readdirSync(sub)).toEqual(['payouts.json'])
  // Another process (the app beside the CLI) rewrote it: the next read sees that.
  fs.writeFileSync(file.path, '{"z":3}')
  expect(file.store).toEqual({ z: 3 })
})
