import { describe, expect, it } from 'vitest'
import { chromiumFlags } from '../../src/browser-host/chromium-host'

describe('Chromium host sandbox flag', () => {
  it('keeps the sandbox for a normal user outside CI', () => {
    expect(chromiumFlags({ uid: 1000, ci: undefined })).not.toContain('--no-sandbox')
    expect(chromiumFlags({ uid: 1000, ci: '' })).not.toContain('--no-sandbox')
    expect(chromiumFlags({ uid: 1000, ci: 'false' })).not.toContain('--no-sandbox')
    // Windows has no getuid.
    expect(chromiumFlags({ uid: undefined, ci: undefined })).not.toContain('--no-sandbox')
  })

  it('drops the sandbox only as root or in CI', () => {
    expect(chromiumFlags({ uid: 0, ci: undefined })).toContain('--no-sandbox')
    expect(chromiumFlags({ uid: 1000, ci: 'true' })).toContain('--no-sandbox')
    expect(chromiumFlags({ uid: 1000, ci: '1' })).toContain('--no-sandbox')
  })

  it('always keeps the other flags', () => {
    for (const flags of [chromiumFlags({ uid: 1000, ci: undefined }), chromiumFlags({ uid: 0, ci: 'true' })]) {
      expect(flags).toEqual(expect.arrayContaining(['--disable-gpu', '--disable-background-networking', '--disable-quic']))
    }
  })
})
