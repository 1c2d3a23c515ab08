/**
 * Runs in main; receives untrusted input from the renderer. Every call passes the sender check,
 * the plain-data check (plain-argument.ts) and its zod schema (app-api.ts) before an operation sees it; every failure becomes a typed IpcError (never a raw
 * exception, never a message with the API key). Plain TS: Electron wiring lives in ipc-electron.ts.
 */
import { IPC_METHODS, type IpcError, type IpcMethod, type IpcResult } from '@shared/ipc-channels'
import { runUseCase, type IpcUseCases } from '../app/app-api'
import { plainArgumentProblem } from './plain-argument'

/** The operations the router dispatches to: the IPC part of the application API. */
export type IpcHandlers = IpcUseCases

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
    // Plain data only, before zod reads it (plain-argument.ts): no getters, proxies or class instances.
    const problem = plainArgumentProblem(arg)
    if (problem !== null) {
      return { ok: false, error: { kind: 'invalid_argument', message: `Invalid argument for ${method}: ${problem}.` } }
    }
    try {
      // Parse → run → map: the same path the CLI takes (app-api.ts, app-errors.ts).
      return { ok: true, value: await runUseCase(handlers, method, arg) }
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
