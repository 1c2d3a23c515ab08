import { describe, expect, it } from 'vitest'
import {
  BaseUrlError,
  DEVELOPMENT_BASE_URL,
  PRODUCTION_BASE_URL,
  isLoopbackHost,
  resolveBaseUrl,
  validateBaseUrl
} from '../../src/main/services/secpaid'

describe('validateBaseUrl', () => {
  it.each([
    ['https://app.secpaid.com/api/v2/', 'https://app.secpaid.com/api/v2/'],
    ['https://app.secpaid.com/api/v2', 'https://app.secpaid.com/api/v2/'],
    ['HTTPS://App.SecPaid.com/api/v2/', 'https://app.secpaid.com/api/v2/'],
    ['https://example.org:8443/prefix/api/v2/', 'https://example.org:8443/prefix/api/v2/'],
    ['http://127.0.0.1:4010/api/v2/', 'http://127.0.0.1:4010/api/v2/'],
    ['http://127.5.6.7/api/v2', 'http://127.5.6.7/api/v2/'],
    ['http://localhost:3000/api/v2/', 'http://localhost:3000/api/v2/'],
    ['http://[::1]:3000/api/v2/', 'http://[::1]:3000/api/v2/'],
    ['  https://app.dev.secpaid.com/api/v2/  ', 'https://app.dev.secpaid.com/api/v2/']
  ])('accepts %s', (input, expected) => {
    expect(validateBaseUrl(input)).toBe(expected)
  })

  it.each([
    'http://app.secpaid.com/api/v2/', // plain http off loopback
    'http://10.0.0.1/api/v2/',
    'http://128.0.0.1/api/v2/',
    'http://localhost.evil.com/api/v2/',
    'http://127.0.0.1.nip.io/api/v2/',
    'ftp://127.0.0.1/api/v2/',
    'file:///api/v2/',
    'javascript:alert(1)//api/v2/',
    'https://user:pw@app.secpaid.com/api/v2/',
    'https://user@app.secpaid.com/api/v2/',
    'https://app.secpaid.com/api/v2/?x=1',
    'https://app.secpaid.com/api/v2/?',
    'https://app.secpaid.com/api/v2/#frag',
    'https://app.secpaid.com/api/v2/#',
    'https://app.secpaid.com/api/v1/',
    'https://app.secpaid.com/',
    'https://app.secpaid.com/api/v2/getPayInTransactions',
    'app.secpaid.com/api/v2/',
    ''
  ])('rejects %s', (input) => {
    expect(() => validateBaseUrl(input)).toThrow(BaseUrlError)
  })

  it('loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.255.255.254')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('LOCALHOST')).toBe(true)
    expect(isLoopbackHost('0.0.0.0')).toBe(false)
    expect(isLoopbackHost('[::ffff:7f00:1]')).toBe(false)
  })
})

describe('resolveBaseUrl', () => {
  it('maps production and development to the documented URLs (environments and base URLs)', () => {
    expect(resolveBaseUrl('production')).toBe('https://app.secpaid.com/api/v2/')
    expect(resolveBaseUrl('development')).toBe('https://app.dev.secpaid.com/api/v2/')
    expect(PRODUCTION_BASE_URL).toBe('https://app.secpaid.com/api/v2/')
    expect(DEVELOPMENT_BASE_URL).toBe('https://app.dev.secpaid.com/api/v2/')
  })

  it('refuses a custom base for production/development', () => {
    expect(() => resolveBaseUrl('production', { customBase: 'https://evil.example/api/v2/' })).toThrow(BaseUrlError)
  })

  it('needs a validated custom base for custom and a loopback one for demo', () => {
    expect(resolveBaseUrl('custom', { customBase: 'https://staging.example/api/v2' })).toBe('https://staging.example/api/v2/')
    expect(resolveBaseUrl('demo', { customBase: 'http://127.0.0.1:5000/api/v2/' })).toBe('http://127.0.0.1:5000/api/v2/')
    expect(() => resolveBaseUrl('custom')).toThrow(BaseUrlError)
    expect(() => resolveBaseUrl('demo', { customBase: 'https://staging.example/api/v2/' })).toThrow(BaseUrlError)
    expect(() => resolveBaseUrl('custom', { customBase: 'http://staging.example/api/v2/' })).toThrow(BaseUrlError)
  })
})
