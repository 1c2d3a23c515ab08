import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemorySecretStore } from '../../src/main/services/credentials'
import { createMainLog, watchSecrets } from '../../src/main/shell/main-log'

const KEY = 'sp_live_4f9a1c2e7b3d8e5f'
const dirs: string[] = []
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'main-log-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('main log file', () => {
  it('writes lines synchronously to <dir>/main.log', () => {
    const dir = freshDir()
    const log = createMainLog({ dir })
    log.error('start-up failed: boom')
    expect(log.file).toBe(join(dir, 'main.log'))
    expect(readFileSync(log.file, 'utf8')).toMatch(/\[error\] start-up failed: boom/)
  })

  it('never writes a key learnt from the keychain: not in strings, URLs, JSON, errors or causes', async () => {
    const dir = freshDir()
    const log = createMainLog({ dir })
    const store = watchSecrets(createMemorySecretStore(), log)
    await store.set('production', KEY)
    log.error(`request failed with token ${KEY}`)
    log.warn(`GET https://x.example/?token=${encodeURIComponent(KEY)}`)
    log.info({ body: JSON.stringify({ token: KEY }) })
    log.error(new Error(`auth ${KEY}`, { cause: new Error(`inner ${KEY}`) }))
    const text = readFileSync(log.file, 'utf8')
    expect(text).not.toContain(KEY)
    expect(text.match(/\[REDACTED\]/g)?.length ?? 0).toBeGreaterThanOrEqual(5)
    expect(text).toContain('request failed with token [REDACTED]')
  })

  it('learns keys read from the keychain as well (a key stored by an earlier run)', async () => {
    const dir = freshDir()
    const log = createMainLog({ dir })
    const inner = createMemorySecretStore()
    await inner.set('development', KEY)
    const store = watchSecrets(inner, log)
    expect(await store.get('development')).toBe(KEY)
    log.error(`oops ${KEY}`)
    expect(readFileSync(log.file, 'utf8')).toContain('oops [REDACTED]')
    // Without ever having seen the key, the log cannot know it: the line would go out as is.
    const other = createMainLog({ dir: freshDir() })
    other.error(`oops ${KEY}`)
    expect(readFileSync(other.file, 'utf8')).toContain(KEY)
  })

  it('rotates to main.old.log once the file is over its size', () => {
    const dir = freshDir()
    const log = createMainLog({ dir, maxBytes: 2000 })
    for (let i = 0; i < 60; i++) log.info(`line ${i} ${'x'.repeat(60)}`)
    expect(existsSync(join(dir, 'main.old.log'))).toBe(true)
    expect(readFileSync(log.file, 'utf8').length).toBeLessThan(2000 + 200)
    expect(readFileSync(log.file, 'utf8')).toContain('line 59')
  })
})
