/**
 * Electron wiring for the IPC router: registers one ipcMain handler per contract channel and turns
 * Electron's event into the SenderInfo the router's trust check needs. The only IPC file that
 * imports electron; the logic it calls is plain and tested in Node.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { IpcRouter, SenderInfo } from './ipc-router'

export function senderInfoOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame
  return {
    webContentsId: event.sender.id,
    // Only the top frame of our window may call; subframes (and detached frames) may not.
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
    frameUrl: frame?.url ?? ''
  }
}

export function registerIpc(router: IpcRouter): () => void {
  for (const channel of router.channels) {
    ipcMain.removeHandler(channel)
    ipcMain.handle(channel, (event, arg: unknown) => router.dispatch(channel, senderInfoOf(event), arg))
  }
  return () => {
    for (const channel of router.channels) ipcMain.removeHandler(channel)
  }
}

/** Sends an event to our window if it is still alive. */
export function sendToWindow(contents: WebContents | null, channel: string, payload: unknown): void {
  if (contents && !contents.isDestroyed()) contents.send(channel, payload)
}
