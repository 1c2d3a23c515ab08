/**
 * The DATEV settings of one workspace, in `<workspace dir>/datev-settings.json`.
 *
 * Per workspace, not in the app settings: the Berater-/Mandantennummer and the accounts belong to
 * one client's books, and each environment (and later each merchant account) is its own workspace.
 * The file is parsed with the same schema as the IPC input; an unreadable or invalid file counts
 * as "not configured" (the export then asks for the settings) rather than exporting with guesses.
 */
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { datevSettingsSchema, type DatevSettings } from '@shared/datev-settings'

export const DATEV_SETTINGS_FILE = 'datev-settings.json'

export function readDatevSettings(dir: string): DatevSettings | null {
  let raw: string
  try {
    raw = readFileSync(join(dir, DATEV_SETTINGS_FILE), 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = datevSettingsSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes atomically (temp file + rename), so a crash never leaves half a file. */
export function writeDatevSettings(dir: string, settings: DatevSettings): DatevSettings {
  const clean = datevSettingsSchema.parse(settings)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, DATEV_SETTINGS_FILE)
  const tmp = `${file}.tmp`
  writeFileSync(tmp, `${JSON.stringify(clean, null, 2)}\n`, 'utf8')
  renameSync(tmp, file)
  return clean
}
