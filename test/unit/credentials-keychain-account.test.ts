import { describe, expect, it } from 'vitest'
import { keychainAccount, UNBOUND_CUSTOM_ACCOUNT } from '../../src/main/services/credentials'

describe('keychainAccount', () => {
  it('names fixed environments by their id', () => {
    expect(keychainAccount('production', 'http://127.0.0.1:4010/api/v2/')).toBe('production')
    expect(keychainAccount('development', null)).toBe('development')
  })

  it('binds custom to the normalised base URL, never the shared bare slot', () => {
    const a = keychainAccount('custom', 'http://127.0.0.1:4010/api/v2')
    expect(a).toBe('custom:http://127.0.0.1:4010/api/v2/')
    expect(keychainAccount('custom', ' HTTP://LOCALHOST:4010/api/v2/ ')).toBe('custom:http://localhost:4010/api/v2/')
    expect(keychainAccount('custom', 'http://127.0.0.1:4011/api/v2/')).not.toBe(a)
    expect(a).not.toBe(UNBOUND_CUSTOM_ACCOUNT)
  })

  it('has no custom slot without a base URL', () => {
    expect(() => keychainAccount('custom', null)).toThrow(/base URL/)
  })
})
