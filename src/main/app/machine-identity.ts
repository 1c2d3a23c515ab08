/**
 * This PC's identity in its team's records: the host name people recognise plus a random id kept
 * in the data folder, so two computers that share a host name (a cloned image, a default name)
 * are never taken for one — a claim, a "sent from this PC" or an orphan rule would otherwise act
 * on the other PC's refund. The app and the CLI on one data folder are one PC.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../services/storage/shard-files'

const ID_FILE = 'machine-id'
const ID = /^[0-9a-f]{8}$/

export function machineIdentity(dataDir: string, host: string = hostname()): string {
  const file = join(dataDir, ID_FILE)
  let id: string | null = null
  try {
    const text = readFileSync(file, 'utf8').trim()
    if (ID.test(text)) id = text
  } catch {
    id = null
  }
  if (id === null) {
    id = randomBytes(4).toString('hex')
    writeFileAtomic(file, id + '\n')
  }
  const name = host.trim().replace(/#/g, '-').slice(0, 200) || 'PC'
  return `${name}#${id}`
}
