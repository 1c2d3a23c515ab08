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
  /** What the notice calls the file. */
  name: 'settings' | 'reviews' | 'payouts'
  /** The file's name without `.json`, when it is not `name` (a second file of the same store). */
  fileName?: string
  engine: JsonFileStoreFactory
  now: () => Date
}): { file: JsonFileStore; notices: AppNotice[] } {
  const fileName = opts.fileName ?? opts.name
  try {
    return { file: opts.engine({ cwd: opts.dir, name: fileName }), notices: [] }
  } catch {
    const aside = join(opts.dir, `${fileName}.corrupt-${opts.now().getTime()}.json`)
    renameSync(join(opts.dir, `${fileName}.json`), aside)
    const file = opts.engine({ cwd: opts.dir, name: fileName })
    return { file, notices: [{ code: 'file_set_aside', params: { file: opts.name, setAsideAs: aside } }] }
  }
}
