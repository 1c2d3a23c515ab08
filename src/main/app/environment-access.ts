/**
 * Per-environment access to SecPaid: which base URL an environment uses, and a client built from
 * the key in the keychain. The key is read in main only and handed to the client; nothing here
 * returns it to a caller outside main.
 */
import { createHash } from 'node:crypto'
import type { EnvironmentId } from '@shared/domain'
import type { SecpaidClient } from '../services/secpaid/client'
import { resolveBaseUrl } from '../services/secpaid/environments'
import { createRateLimiter, createRateLimiterRegistry, rateLimitFor } from '../services/secpaid/rate-limiter'
import type { FetchLike } from '../services/secpaid/transport'
import type { DemoBackend } from './demo-backend'
import type { ModuleLoaders } from './module-loaders'

export interface EnvironmentAccessDeps {
  /** SECPAID_API_BASE: enables the `custom` environment (https, or http on loopback only). */
  customBaseUrl: string | null
  /** Starts the in-process simulator for `demo` on first use. */
  startDemo: () => Promise<DemoBackend>
  /** The HTTP client's module, loaded when the first client is made (module-loaders.ts). */
  loadClient: ModuleLoaders['client']
  fetch?: FetchLike
  /** Client-side limit for loopback servers (simulator); real SecPaid hosts always get 60/min. */
  loopbackRateLimitPerMinute?: number | null
  appVersion?: string
}

export interface EnvironmentAccess {
  available(): EnvironmentId[]
  /** Base URL for the environment (starts the demo simulator if needed). */
  baseUrl(env: EnvironmentId): Promise<string>
  /** Base URL if already known without side effects (null for a demo not started yet). */
  knownBaseUrl(env: EnvironmentId): string | null
  createClient(env: EnvironmentId, apiKey: string): Promise<SecpaidClient>
  /** The demo simulator's key (demo only), never persisted. */
  demoKey(): Promise<string>
  close(): Promise<void>
}

export function createEnvironmentAccess(deps: EnvironmentAccessDeps): EnvironmentAccess {
  let demo: Promise<DemoBackend> | null = null
  const getDemo = (): Promise<DemoBackend> => (demo ??= deps.startDemo())
  let demoBaseUrl: string | null = null
  const customBase = deps.customBaseUrl !== null ? resolveBaseUrl('custom', { customBase: deps.customBaseUrl }) : null
  const limiters = createRateLimiterRegistry((baseUrl) =>
    createRateLimiter({ maxPerWindow: rateLimitFor(baseUrl, deps.loopbackRateLimitPerMinute) })
  )

  async function baseUrl(env: EnvironmentId): Promise<string> {
    if (env === 'demo') {
      demoBaseUrl ??= resolveBaseUrl('demo', { customBase: (await getDemo()).baseUrl })
      return demoBaseUrl
    }
    if (env === 'custom') {
      if (customBase === null) throw new Error('The custom environment needs SECPAID_API_BASE to be set.')
      return customBase
    }
    return resolveBaseUrl(env)
  }

  return {
    available: () => ['production', 'development', 'demo', ...(customBase !== null ? (['custom'] as const) : [])],
    baseUrl,
    knownBaseUrl: (env) =>
      env === 'demo' ? demoBaseUrl : env === 'custom' ? customBase : resolveBaseUrl(env),
    async createClient(env, apiKey) {
      const url = await baseUrl(env)
      // One limiter per (base URL, key) so switching back and forth never resets the 60/min budget.
      const fingerprint = createHash('sha256').update(apiKey).digest('hex')
      const { createSecpaidClient } = await deps.loadClient()
      return createSecpaidClient({
        baseUrl: url,
        apiKey,
        limiter: limiters.get(url, fingerprint),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.appVersion ? { appVersion: deps.appVersion } : {})
      })
    },
    demoKey: async () => (await getDemo()).apiKey,
    async close() {
      if (demo !== null) await (await demo).close()
    }
  }
}
