/**
 * Closes the app core before the process ends. `will-quit` listeners cannot be awaited, so the
 * first quit is held back (preventDefault), the core closes (pending cache writes flush, the
 * simulator of the Demo environment stops), and then the quit is repeated.
 */
import type { App } from 'electron'

export function closeCoreOnQuit(
  app: Pick<App, 'on' | 'quit'>,
  currentCore: () => { close(): Promise<void> } | null,
  log: { info(...data: unknown[]): void; error(...data: unknown[]): void }
): void {
  let state: 'open' | 'closing' | 'closed' = 'open'
  app.on('will-quit', (event) => {
    const core = currentCore()
    if (state === 'closed' || core === null) return
    event.preventDefault()
    if (state === 'closing') return
    state = 'closing'
    core
      .close()
      .then(() => log.info('core closed'))
      .catch((error: unknown) => log.error('closing the core failed:', error))
      .finally(() => {
        state = 'closed'
        app.quit()
      })
  })
}
