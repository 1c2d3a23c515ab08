/**
 * Runs in main; receives untrusted input from the renderer. Every call passes the sender check
 * and its zod schema before a handler sees it; every failure becomes a typed IpcError (never a raw
 * exception, never a message with the API key). Plain TS: Electron wiring lives in ipc-electron.ts.
 */
import type { z } from 'zod'
import { IPC_METHODS, type IpcError, type IpcMethod, type IpcResponses, type IpcResult } from '../../shared/ipc-channels'
import { ipcRequestSchemas } from '../../shared/ipc-contract'

export type IpcHandlers = {
  [M in IpcMethod]: (arg: z.output<(typeof ipcRequestSchemas)[M]>) => Promise<IpcResponses[M]>
}

/** What main knows about who sent a message. */
export interface SenderInfo {
  webContentsId: number
  isMainFrame: boolean
  frameUrl: string
}

export interface IpcRouterOptions {
  isTrustedSender: (sender: SenderInfo) => boolean
  /** Maps any thrown error to a safe IpcError (see ipc-errors.ts). */
  toIpcError: (error: unknown) => IpcError
}

const methodByChannel = new Map<string, IpcMethod>(
  (Object.entries(IPC_METHODS) as [IpcMethod, string][]).map(([method, channel]) => [channel, method])
)

export interface IpcRouter {
  readonly channels: readonly string[]
  dispatch(channel: string, sender: SenderInfo, arg: unknown): Promise<IpcResult<unknown>>
}

export function createIpcRouter(handlers: IpcHandlers, options: IpcRouterOptions): IpcRouter {
  async function dispatch(channel: string, sender: SenderInfo, arg: unknown): Promise<IpcResult<unknown>> {
    const method = methodByChannel.get(channel)
    if (!method) {
      return { ok: false, error: { kind: 'invalid_argument', message: `Unknown IPC channel "${channel.slice(0, 60)}".` } }
    }
    if (!options.isTrustedSender(sender)) {
      return { ok: false, error: { kind: 'forbidden_sender', message: 'This frame may not call SecPaid Desk.' } }
    }
    const parsed = ipcRequestSchemas[method].safeParse(arg)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
      return {
        ok: false,
        error: { kind: 'invalid_argument', message: `Invalid argument for ${method}${where}: ${issue?.message ?? 'invalid'}` }
      }
    }
    try {
      // The map type ties each method to its own schema output; TS cannot correlate the union here.
      const handler = handlers[method] as (a: unknown) => Promise<unknown>
      const value = await handler(parsed.data)
      return { ok: true, value }
    } catch (error) {
      return { ok: false, error: options.toIpcError(error) }
    }
  }
  return { channels: [...methodByChannel.keys()], dispatch }
}

/**
 * A router whose handlers are still being prepared (the app core loads the cache while the window
 * already opens, so the first paint doesn't wait for 200k rows). Calls wait for it; if start-up
 * failed, every call answers with that failure instead of hanging.
 */
export function createDeferredRouter(ready: Promise<IpcRouter>, describeFailure: (error: unknown) => IpcError): IpcRouter {
  return {
    channels: [...methodByChannel.keys()],
    async dispatch(channel, sender, arg) {
      let router: IpcRouter
      try {
        router = await ready
      } catch (error) {
        return { ok: false, error: describeFailure(error) }
      }
      return router.dispatch(channel, sender, arg)
    }
  }
}
