/**
 * Locks a BrowserWindow's web contents down: no navigation away from the app, no new windows,
 * no permission grants, no <webview>. Kept separate from index.ts so the policy is in one place.
 * The URL predicate is pure so it can be unit-tested without Electron.
 */
import type { WebContents } from 'electron'

/** True when `target` is the app's own page (same origin as the page we loaded). */
export function isAppUrl(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target)
    const a = new URL(appUrl)
    if (t.username || t.password) return false
    if (a.protocol === 'file:') return t.protocol === 'file:' && t.pathname === a.pathname
    // WHATWG gives custom schemes such as app:// the opaque origin "null", equal for every such
    // URL; compare scheme and host instead so app://other or foo://x never pass as ours.
    if (a.origin === 'null') return t.protocol === a.protocol && a.host !== '' && t.host === a.host && t.port === a.port
    return t.origin === a.origin
  } catch {
    return false
  }
}

export function lockDownWebContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  contents.session.setPermissionCheckHandler(() => false)
}
