/** Subscribe to main → renderer events (sync progress, ledger changes …) for a component's life. */
import { useEffect, useRef } from 'react'
import type { IpcEventName, IpcEventPayloads } from '@shared/ipc-channels'

export function useIpcEvent<E extends IpcEventName>(event: E, handler: (payload: IpcEventPayloads[E]) => void): void {
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => window.secpaid.on(event, (payload) => latest.current(payload)), [event])
}
