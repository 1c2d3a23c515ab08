/**
 * The application's heavy modules, each loaded through a function its composition root passes in:
 * the SecPaid HTTP client (ky, and with it Node's fetch stack), the Demo simulator, the bank-
 * statement readers (an XML parser) and team sharing (the PostgreSQL driver). Only a command or
 * screen that uses one pays for loading it (docs/architecture.md#cli-start-up).
 *
 * Why injected rather than an `import()` here: the bundled roots (the CLI, the Electron entry) can
 * defer a module with `import()`, which the bundler turns into a chunk of its own
 * (`bundled-module-loaders.ts`); the Chromium test host runs these sources through Playwright's
 * TypeScript loader, where `import()` of one of our `.ts` modules fails, so it and the tests pass
 * modules imported statically (`static-module-loaders.ts`). This file holds types only.
 */
import type * as BankCheckModule from './bank-check'
import type * as DemoBackendModule from './demo-backend'
import type * as ClientModule from '../services/secpaid/client'
import type * as TeamStoreModule from '../services/team/team-store'
import type * as TeamSyncModule from '../services/team/team-sync'

export interface ModuleLoaders {
  /** The SecPaid HTTP client: loaded when the first client is made (a key exists, or one is checked). */
  client: () => Promise<typeof ClientModule>
  /** The in-process SecPaid simulator behind the Demo environment: loaded when Demo is opened. */
  demo: () => Promise<typeof DemoBackendModule>
  /** The bank-statement check with its camt.053 and CSV readers: loaded on the first check. */
  bankCheck: () => Promise<typeof BankCheckModule>
  /** The team database (pg): loaded for an account in a team, or when a connection is tested. */
  teamStore: () => Promise<typeof TeamStoreModule>
  /** Team sharing on top of the store: loaded for an account in a team. */
  teamSync: () => Promise<typeof TeamSyncModule>
}
