import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../src/main/window-security'

describe('isAppUrl (navigation lock-down)', () => {
  const devApp = 'http://127.0.0.1:5173/'
  const fileApp = 'file:///opt/secpaid/resources/app/out/renderer/index.html'

  it('allows the app page itself', () => {
    expect(isAppUrl('http://127.0.0.1:5173/#/refunds', devApp)).toBe(true)
    expect(isAppUrl(fileApp + '#/month', fileApp)).toBe(true)
  })

  it('refuses other origins, other files, userinfo tricks and junk', () => {
    expect(isAppUrl('https://evil.example/', devApp)).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5174/', devApp)).toBe(false)
    expect(isAppUrl('http://user:pw@127.0.0.1:5173/', devApp)).toBe(false)
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false)
    expect(isAppUrl('javascript:alert(1)', devApp)).toBe(false)
    expect(isAppUrl('not a url', devApp)).toBe(false)
  })
})

describe('isAppUrl with the app:// scheme', () => {
  const app = 'app://secpaid-desk/index.html'
  it('allows our host, refuses other hosts and other custom schemes (whose origins are all "null")', () => {
    expect(isAppUrl('app://secpaid-desk/index.html#/refunds', app)).toBe(true)
    expect(isAppUrl('app://secpaid-desk/assets/x.js', app)).toBe(true)
    expect(isAppUrl('app://evil/index.html', app)).toBe(false)
    expect(isAppUrl('foo://secpaid-desk/index.html', app)).toBe(false)
    expect(isAppUrl('data:text/html,hi', app)).toBe(false)
    expect(isAppUrl('https://secpaid-desk/', app)).toBe(false)
  })
})
