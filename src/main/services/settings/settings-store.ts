/**
 * App settings (language, theme, last filter, history window) in `<dataDir>/settings.json`.
 * Settings are not precious: an unreadable file is set aside and defaults are used, with a notice.
 */
import { renameSync } from 'node:fs'
import { z } from 'zod'
import { ENVIRONMENTS } from '../../../shared/domain'
import type { Settings } from '../../../shared/ipc-channels'
import { transactionFilterSchema } from '../../../shared/ipc-contract'
import type { JsonFileStore, JsonFileStoreFactory } from '../storage/json-file-engine'

export const DEFAULT_SETTINGS: Settings = {
  environment: null,
  language: null,
  theme: 'system',
  transactionFilter: null,
  historyWindowMonths: 13
}

const settingsSchema = z.object({
  environment: z.enum(ENVIRONMENTS).nullable().catch(null),
  language: z.enum(['de', 'en']).nullable().catch(null),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  transactionFilter: transactionFilterSchema.nullable().catch(null),
  historyWindowMonths: z.number().int().min(1).max(60).catch(13)
})

export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  readonly notices: string[]
}

export function openSettingsStore(opts: { dir: string; engine: JsonFileStoreFactory; now?: () => Date }): SettingsStore {
  const now = opts.now ?? (() => new Date())
  const notices: string[] = []
  let file: JsonFileStore
  try {
    file = opts.engine({ cwd: opts.dir, name: 'settings' })
  } catch {
    const path = `${opts.dir}/settings.json`
    const aside = `${opts.dir}/settings.corrupt-${now().getTime()}.json`
    renameSync(path, aside)
    notices.push(`Settings file was unreadable and was set aside as ${aside}; defaults are used.`)
    file = opts.engine({ cwd: opts.dir, name: 'settings' })
  }
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
