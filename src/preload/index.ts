/**
 * Preload (sandboxed, bundled to one CommonJS file). Exposes only named, typed functions on
 * `window.secpaid`; never ipcRenderer itself, never the IPC event object, never the API key.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createSecpaidApi } from './create-api'

const api = createSecpaidApi({
  invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
  subscribe: (channel, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => ipcRenderer.removeListener(channel, wrapped)
  }
})

contextBridge.exposeInMainWorld('secpaid', api)
