/**
 * Opens a small JSON store; if its file is unreadable (corrupt JSON), the file is renamed aside —
 * never deleted — and a fresh store is opened, with a notice saying where the old file went.
 * For stores whose loss is an inconvenience, not data loss (settings, review ticks).
 */
import { renameSync } from 'node:fs'
import { join } from 'node:path'
import type { AppNotice } from '@shared/notices'
import type { JsonFileStore, JsonFileStoreFactory } from '../storage/json-file-engine'

export function openOrSetAside(opts: {
  dir: string
  name: 'settings' | 'reviews' | 'payouts'
  engine: JsonFileStoreFactory
  now: () => Date
}): { file: JsonFileStore; notices: AppNotice[] } {
  try {
    return { file: opts.engine({ cwd: opts.dir, name: opts.name }), notices: [] }
  } catch {
    const aside = join(opts.dir, `${opts.name}.corrupt-${opts.now().getTime()}.json`)
    renameSync(join(opts.dir, `${opts.name}.json`), aside)
    const file = opts.engine({ cwd: opts.dir, name: opts.name })
    return { file, notices: [{ code: 'file_set_aside', params: { file: opts.name, setAsideAs: aside } }] }
  }
}
