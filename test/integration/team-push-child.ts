/**
 * A PC that queues events and pushes them, to be killed with SIGKILL mid-push
 * (team-outbox.test.ts). argv: dataDir connectionString count batchSize.
 * Queues `count` events (the same ones on every start: content ids) unless its outbox already has
 * them, then flushes, printing "pushed <n>" after each batch the database confirmed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { openTeamOutbox } from '../../src/main/services/team/team-outbox'
import { openTeamStore } from '../../src/main/services/team/team-store'
import { teamTestEvents } from './team-test-events'

const [dir, url, count, batch] = process.argv.slice(2) as [string, string, string, string]
const store = openTeamStore({ connection: url, team: 'kill-9', machine: 'child-pc' })
let pushed = 0
const outbox = openTeamOutbox({
  dir,
  batchSize: Number(batch),
  pusher: {
    async push(events) {
      await store.push(events)
      pushed += events.length
      process.stdout.write(`pushed ${pushed}\n`)
    }
  }
})
async function main(): Promise<void> {
  const marker = path.join(dir, 'queued')
  if (!fs.existsSync(marker)) {
    outbox.enqueue(teamTestEvents(Number(count), 'child-pc'))
    fs.writeFileSync(marker, '')
    process.stdout.write('queued\n')
  }
  const result = await outbox.flush()
  process.stdout.write(`done ${JSON.stringify(result)}\n`)
  await store.close()
}

void main()
