/**
 * The Chromium backend's stand-in for src/preload/index.ts: builds the very same `window.secpaid`
 * object (createSecpaidApi) but over a Playwright binding instead of Electron's ipcRenderer.
 * Bundled with esbuild into an init script (bridge.ts); runs in the page before the app's own
 * scripts. Requests, answers and events cross as one JSON string each (wire-json.ts says why), so
 * this is where the page's side is encoded and decoded.
 */
import { createSecpaidApi } from '../preload/create-api'
import { decodeWire, encodeWire } from './wire-json'

interface HostBridge {
  __secpaidInvoke(channel: string, arg: string): Promise<string>
  __secpaidEmit?: (channel: string, payload: string) => void
  secpaid?: unknown
}

const host = globalThis as unknown as HostBridge
const listeners = new Map<string, Set<(payload: unknown) => void>>()
host.__secpaidEmit = (channel, payload) => {
  const set = listeners.get(channel)
  if (set === undefined || set.size === 0) return
  const value = decodeWire(payload)
  for (const listener of set) listener(value)
}

const api = createSecpaidApi({
  invoke: async (channel, arg) => decodeWire(await host.__secpaidInvoke(channel, encodeWire(arg))),
  subscribe: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  }
})
Object.defineProperty(host, 'secpaid', { value: api, writable: false, configurable: false })
