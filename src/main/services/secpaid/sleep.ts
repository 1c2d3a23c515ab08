import { RequestAborted } from './errors'

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** Real timer sleep; rejects with RequestAborted when the signal fires. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new RequestAborted())
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new RequestAborted())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, Math.max(0, ms))
    signal?.addEventListener('abort', onAbort, { once: true })
  })

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RequestAborted()
}
