/**
 * The IPC face of the application's error table (app/app-errors.ts): any error thrown behind the
 * router becomes the IpcError the renderer sees, never a raw exception.
 */
import type { IpcError } from '@shared/ipc-channels'
import { describeFailure } from '../app/app-errors'

export { AppError } from '../app/app-errors'

export function toIpcError(error: unknown, log: (line: string) => void = () => {}): IpcError {
  return describeFailure(error, log).ipc
}
