/** A PC's name in its team's records: stable per data folder, distinct for two PCs with one host name. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { machineIdentity } from '../../src/main/app/machine-identity'
import { displayMachine } from '../../src/shared/team'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'machine-id-'))
  dirs.push(d)
  return d
}

describe('machine identity', () => {
  it('stays the same for one data folder (the app and the CLI are one PC), differs between two PCs named alike', () => {
    const pcA = tempDir()
    const pcB = tempDir()
    const a = machineIdentity(pcA, 'BUERO-PC')
    expect(a).toMatch(/^BUERO-PC#[0-9a-f]{8}$/)
    expect(machineIdentity(pcA, 'BUERO-PC')).toBe(a)
    const b = machineIdentity(pcB, 'BUERO-PC')
    expect(b).not.toBe(a)
    // People see the host name only.
    expect(displayMachine(a)).toBe('BUERO-PC')
    expect(displayMachine(b)).toBe('BUERO-PC')
    expect(displayMachine('PC-A')).toBe('PC-A')
  })

  it('keeps a host name with a # apart from the id', () => {
    expect(displayMachine(machineIdentity(tempDir(), 'lab#1'))).toBe('lab-1')
  })
})
