/**
 * The local copy of the team's events: survives restarts, never trusts a line it cannot read, and
 * never moves its pull cursor past something it lost (it pulls again from there).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PulledTeamEvent } from '../../src/main/services/team/team-events'
import { openTeamRemoteLog, REMOTE_LOG_FILE } from '../../src/main/services/team/team-remote-log'
import { teamTestEvents } from '../integration/team-test-events'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'team-remote-'))
  dirs.push(d)
  return d
}
const pulled = (from: number, count: number): PulledTeamEvent[] => teamTestEvents(count, 'PC-B', from).map((e, i) => ({ ...e, seq: String(from + i + 1) }))

describe('team remote log', () => {
  it('keeps pulled events across a restart, once each, and resumes after the last seq', () => {
    const dir = tempDir()
    const log = openTeamRemoteLog({ dir })
    expect(log.cursor()).toBe('0')
    expect(log.append(pulled(0, 3), '3')).toHaveLength(3)
    expect(log.append(pulled(1, 3), '4')).toHaveLength(1) // two it has, one new
    const again = openTeamRemoteLog({ dir })
    expect(again.cursor()).toBe('4')
    expect(again.events().map((e) => e.seq)).toEqual(['1', '2', '3', '4'])
  })

  it('pulls again from before a torn or damaged line and loses nothing after it', () => {
    const dir = tempDir()
    const log = openTeamRemoteLog({ dir })
    log.append(pulled(0, 2), '2')
    const file = join(dir, REMOTE_LOG_FILE)
    const text = readFileSync(file, 'utf8')
    // A damaged line in the middle, then a later event, then a torn tail (a crash mid-append).
    writeFileSync(file, text + '{"eventId":"broken\n' + JSON.stringify(pulled(3, 1)[0]) + '\n{"eventId":"torn')
    const reopened = openTeamRemoteLog({ dir })
    expect(reopened.skippedLines).toBe(2)
    expect(reopened.cursor()).toBe('2') // not past the damage: seq 3 comes again
    expect(reopened.events().map((e) => e.seq)).toEqual(['1', '2', '4'])
    // The torn tail got its line end: the next append starts a line of its own.
    reopened.append(pulled(2, 1), '3')
    const last = openTeamRemoteLog({ dir })
    expect(last.events().map((e) => e.seq).sort()).toEqual(['1', '2', '3', '4'])
  })
})
