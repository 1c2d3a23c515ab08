/** Turns a failed action into a sentence for the user; the main process's own words are kept. */
import type { TFunction } from 'i18next'
import { IpcCallError } from '../../api/call'

export function errorText(error: unknown, t: TFunction<'requests'>): string {
  if (error instanceof IpcCallError && error.kind === 'offline') return t('error.offline')
  const message = error instanceof Error ? error.message : String(error)
  const server = error instanceof IpcCallError && error.serverMessage ? ` ${t('serverSaid', { message: error.serverMessage })}` : ''
  return t('error.generic', { message }) + server
}
