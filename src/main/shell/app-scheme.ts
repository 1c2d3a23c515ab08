/**
 * Electron wiring for the app:// scheme. The privilege registration must happen before the app is
 * ready; the handler afterwards. Electron's protocol module is passed in so this file has no
 * electron import of its own and the contract test can hand in its recording stand-in.
 */
import type { Protocol } from 'electron'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol'

export function registerAppSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])
}

export function handleAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir))
}
