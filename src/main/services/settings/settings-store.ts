/**
 * App settings (open environment and account, language, theme, last filter, history window) in
 * `<dataDir>/settings.json`.
 * Settings are not precious: an unreadable file is set aside and defaults are used, with a notice.
 */
import type { AppNotice } from '@shared/notices'
import { z } from 'zod'
import { ADDED_ACCOUNT_ID_PATTERN } from '@shared/accounts'
import { ENVIRONMENTS } from '@shared/domain'
import type { Settings } from '@shared/ipc-channels'
import { transactionFilterSchema } from '@shared/ipc-contract'
import type { JsonFileStoreFactory } from '../storage/json-file-engine'
import { openOrSetAside } from './open-or-set-aside'

export const DEFAULT_SETTINGS: Settings = {
  environment: null,
  activeAccount: null,
  language: null,
  theme: 'system',
  transactionFilter: null,
  historyWindowMonths: 13
}

const settingsSchema = z.object({
  environment: z.enum(ENVIRONMENTS).nullable().catch(null),
  activeAccount: z.string().regex(ADDED_ACCOUNT_ID_PATTERN).nullable().catch(null),
  language: z.enum(['de', 'en']).nullable().catch(null),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  transactionFilter: transactionFilterSchema.nullable().catch(null),
  historyWindowMonths: z.number().int().min(1).max(60).catch(13)
})

export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  readonly notices: AppNotice[]
}

export function openSettingsStore(opts: { dir: string; engine: JsonFileStoreFactory; now?: () => Date }): SettingsStore {
  const now = opts.now ?? (() => new Date())
  const { file, notices } = openOrSetAside({ dir: opts.dir, name: 'settings', engine: opts.engine, now })
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...file.store })
  let current: Settings = parsed.success ? parsed.data : { ...DEFAULT_SETTINGS }

  return {
    notices,
    get: () => current,
    update(patch) {
      current = settingsSchema.parse({ ...current, ...patch })
      file.store = { ...current }
      return current
    }
  }
}
