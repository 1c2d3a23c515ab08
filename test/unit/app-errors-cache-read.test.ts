/**
 * A cache file that cannot be read (an I/O error) is named where the user can act on it: the CLI's
 * line (with what to check), the window's error detail, and the log.
 */
import { describe, expect, it } from 'vitest'
import { describeFailure } from '../../src/main/app/app-errors'
import { CacheReadError, isSystemError } from '../../src/main/services/storage/cache-read-error'

function denied(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', syscall: 'open', errno: -13 })
}

describe('CacheReadError', () => {
  const file = '/data/production/cache/tx-2026-05.json'

  it('names the file once, with the error code', () => {
    expect(new CacheReadError(file, denied(file)).message).toBe(`Cannot read the cached file ${file} (EACCES)`)
  })

  it('tells the CLI what to check, exits 1, and is written to the log for the window', () => {
    const lines: string[] = []
    const view = describeFailure(new CacheReadError(file, denied(file)), (line) => lines.push(line))
    expect(view.exit).toBe(1)
    expect(view.cliMessage).toBe(`Cannot read the cached file ${file} (EACCES). Check that file's permissions and the disk; SecPaid Desk left it as it is.`)
    expect(view.ipc).toEqual({ kind: 'internal', message: `Cannot read the cached file ${file} (EACCES)` })
    expect(lines).toEqual([`internal error: CacheReadError: Cannot read the cached file ${file} (EACCES)`])
  })

  it('stands for errors of the operating system only (a file too large for a string is not one: no advice about permissions)', () => {
    expect(isSystemError(denied(file))).toBe(true)
    expect(isSystemError(Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' }))).toBe(false)
  })
})
