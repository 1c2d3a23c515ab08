/**
 * The Electron shell injects electron-store as the cache engine. Check here, without Electron,
 * that electron-store built from `jsonFileStoreOptions` reads and writes the very files conf
 * does (electron-store renames `name` → `configName`, which once silently produced config.json).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import ElectronStore from 'electron-store'
import { type JsonFileStoreFactory, jsonFileStoreOptions } from '../../src/main/services/storage/json-file-engine'
import { openTransactionCache } from '../../src/main/services/storage/transaction-cache'

// Main-process electron-store without an app object: it then needs an absolute cwd, which we pass.
vi.mock('electron', () => ({ default: {}, app: undefined, ipcMain: undefined, shell: undefined }))

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-estore-'))
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

it('electron-store engine writes the same shard files conf reads', () => {
  const engine: JsonFileStoreFactory = (o) => new ElectronStore<Record<string, unknown>>(jsonFileStoreOptions(o))
  const row = {
    payId: '7', transactionId: null, creatorId: null, userId: null, amount: 123456, netAmount: null,
    serviceFee: null, serviceFeePsp: null, status: 'Success', recipientNote: 'Größe „x“', payoutStatus: null,
    createdAt: '2026-05-20 18:56:08', isSplitLink: false, isDispute: false, isRefund: false,
    paymentMethod: null, transactionType: 'Basic'
  }
  openTransactionCache({ dir, engine }).upsertRows([row])
  expect(fs.readdirSync(dir).sort()).toEqual(['meta.json', 'tx-2026-05.json'])
  expect(openTransactionCache({ dir }).loadAll()).toEqual({ rows: [row], notices: [] })
})
