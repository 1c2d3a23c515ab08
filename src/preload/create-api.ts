/**
 * Builds the object exposed as `window.secpaid` from the channel map: one named function per IPC
 * method and a typed event subscription. Transport-agnostic (Electron's ipcRenderer in the real
 * preload, a Playwright binding in the Chromium test backend), so both run the same code.
 */
import {
  IPC_EVENTS,
  IPC_METHODS,
  type IpcEventName,
  type IpcEventPayloads,
  type IpcMethod,
  type IpcResponses,
  type IpcResult
} from '@shared/ipc-channels'
import type { IpcRequests } from '@shared/ipc-contract'

export type SecpaidApi = {
  [M in IpcMethod]: (arg: IpcRequests[M]) => Promise<IpcResult<IpcResponses[M]>>
} & {
  on<E extends IpcEventName>(event: E, listener: (payload: IpcEventPayloads[E]) => void): () => void
}

export interface Transport {
  invoke(channel: string, arg: unknown): Promise<unknown>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

export function createSecpaidApi(transport: Transport): SecpaidApi {
  const methods: Record<string, (arg: unknown) => Promise<unknown>> = {}
  for (const [method, channel] of Object.entries(IPC_METHODS)) {
    methods[method] = (arg: unknown) => transport.invoke(channel, arg)
  }
  const on = (event: IpcEventName, listener: (payload: never) => void): (() => void) => {
    // Own properties only: a plain lookup would find 'constructor', 'toString' … on the prototype.
    if (typeof event !== 'string' || !Object.hasOwn(IPC_EVENTS, event)) throw new Error(`Unknown event ${String(event)}`)
    const channel = IPC_EVENTS[event]
    return transport.subscribe(channel, listener as (payload: unknown) => void)
  }
  return Object.freeze({ ...methods, on }) as unknown as SecpaidApi
}
