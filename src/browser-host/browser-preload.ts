/**
 * The Chromium backend's stand-in for src/preload/index.ts: builds the very same `window.secpaid`
 * object (createSecpaidApi) but over a Playwright binding instead of Electron's ipcRenderer.
 * Bundled with esbuild into an init script; runs in the page before the app's own scripts.
 */
import { createSecpaidApi } from '../preload/create-api'

interface HostBridge {
  __secpaidInvoke(channel: string, arg: unknown): Promise<unknown>
  __secpaidListeners?: Map<string, Set<(payload: unknown) => void>>
  __secpaidEmit?: (channel: string, payload: unknown) => void
  secpaid?: unknown
}

const host = globalThis as unknown as HostBridge
const listeners = new Map<string, Set<(payload: unknown) => void>>()
host.__secpaidEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

const api = createSecpaidApi({
  invoke: (channel, arg) => host.__secpaidInvoke(channel, arg),
  subscribe: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  }
})
Object.defineProperty(host, 'secpaid', { value: api, writable: false, configurable: false })
