/**
 * The loaders of the bundled composition roots (the CLI and the Electron entry): each `import()`
 * becomes a chunk of its own in `out/main/chunks/`, compiled and initialised only when it is
 * called. Never import this file from code the Chromium test host runs (module-loaders.ts says why).
 */
import type { ModuleLoaders } from './module-loaders'

export const bundledModuleLoaders: ModuleLoaders = {
  client: () => import('../services/secpaid/client'),
  demo: () => import('./demo-backend'),
  bankCheck: () => import('./bank-check'),
  teamStore: () => import('../services/team/team-store'),
  teamSync: () => import('../services/team/team-sync')
}
