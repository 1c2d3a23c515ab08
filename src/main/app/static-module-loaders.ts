/**
 * The same modules imported statically, for code that does not run from the bundle: the Chromium
 * test host (Playwright's TypeScript loader cannot `import()` our `.ts` modules), the tests and the
 * bench harness. Everything is loaded at start here; that is the price of running unbundled.
 */
import * as bankCheck from './bank-check'
import * as demo from './demo-backend'
import type { ModuleLoaders } from './module-loaders'
import * as client from '../services/secpaid/client'
import * as teamStore from '../services/team/team-store'
import * as teamSync from '../services/team/team-sync'

export const staticModuleLoaders: ModuleLoaders = {
  client: () => Promise.resolve(client),
  demo: () => Promise.resolve(demo),
  bankCheck: () => Promise.resolve(bankCheck),
  teamStore: () => Promise.resolve(teamStore),
  teamSync: () => Promise.resolve(teamSync)
}
