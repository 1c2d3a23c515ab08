/**
 * Last-resort handling of errors nobody caught in main. Without it, Node's default for an
 * unhandled rejection is to kill the process with nothing in the log and no word to the user.
 * Here every such error is logged, and the user is told once per run (a second dialog for a
 * follow-up error would only bury the first). The process keeps running, like Electron's own
 * default for uncaught exceptions: the refund ledger is append-only and fsync'd per line, so
 * whatever was acknowledged is on disk, and the window can still show it.
 */
export interface CrashHandlingDeps {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown
  log: { error(...data: unknown[]): void }
  /** dialog.showErrorBox; works before `ready` too. */
  showErrorBox(title: string, content: string): void
  logFile: string
}

export const CRASH_DIALOG_TITLE = 'SecPaid Desk ran into an unexpected error'

export function installCrashHandling(deps: CrashHandlingDeps): { readonly reported: number } {
  let reported = 0
  const handle = (kind: string) => (reason: unknown) => {
    try {
      deps.log.error(`${kind}:`, reason)
    } catch {
      // The log itself failed (disk full?): the dialog below is then the only trace, still shown.
    }
    reported += 1
    if (reported > 1) return
    try {
      deps.showErrorBox(
        CRASH_DIALOG_TITLE,
        'Your data and refund requests are saved. If something looks wrong, restart SecPaid Desk.\n\n' +
          `Details are in the log: ${deps.logFile}`
      )
    } catch {
      // No dialog possible (headless, shutting down): the log line is the record.
    }
  }
  deps.on('uncaughtException', handle('uncaught exception'))
  deps.on('unhandledRejection', handle('unhandled rejection'))
  return {
    get reported() {
      return reported
    }
  }
}
