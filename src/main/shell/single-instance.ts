/**
 * One SecPaid Desk per user: two instances would write the same cache shards and refund ledger.
 * The ledger survives that (append-only, one in-flight request per payment), but two windows
 * showing diverging states would confuse the user, so a second launch focuses the first window.
 */
import type { App, BrowserWindow } from 'electron'

type LockApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>

/** Returns false when another instance holds the lock; this one then quits and must do nothing else. */
export function claimSingleInstance(app: LockApp, currentWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    const window = currentWindow()
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
  return true
}
