/**
 * The renderer's only door to main: typed calls over `window.secpaid` (the preload API). Results
 * arrive as IpcResult; failures become IpcCallError so TanStack Query sees a thrown error with the
 * typed kind/code/serverMessage/params still attached.
 */
import type { IpcError, IpcMethod, IpcResponses } from '@shared/ipc-channels'
import type { IpcRequests } from '@shared/ipc-contract'

export class IpcCallError extends Error {
  readonly kind: IpcError['kind']
  readonly code: string | undefined
  readonly serverMessage: string | undefined
  /** Values the sentence for `code` needs (e.g. who holds a team's refund claim). */
  readonly params: Readonly<Record<string, string>> | undefined
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'IpcCallError'
    this.kind = error.kind
    this.code = error.code
    this.serverMessage = error.serverMessage
    this.params = error.params
  }
}

export async function call<M extends IpcMethod>(method: M, arg: IpcRequests[M]): Promise<IpcResponses[M]> {
  const api = window.secpaid
  if (!api) throw new IpcCallError({ kind: 'internal', message: 'SecPaid Desk bridge missing (preload did not run).' })
  const fn = api[method] as (a: IpcRequests[M]) => Promise<{ ok: true; value: IpcResponses[M] } | { ok: false; error: IpcError }>
  const result = await fn(arg)
  if (!result.ok) throw new IpcCallError(result.error)
  return result.value
}
