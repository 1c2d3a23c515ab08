/**
 * Who did something on which PC, in team mode (RefundRequest.origin, ReviewTickOrigin): a
 * teammate by OS user and PC name, this PC as "this PC" (its own user needs no name).
 */
import type { TFunction } from 'i18next'
import type { RequestOrigin } from '@shared/team'

/**
 * A PC's identity may end in `#` and 8 hex digits: an id that tells apart two computers sharing a
 * host name. People read the host name; the id is shown only where this PC describes itself.
 */
const WITH_ID = /^(.+)#([0-9a-f]{8})$/

export function machineName(machine: string): string {
  return WITH_ID.exec(machine)?.[1] ?? machine
}

export function machineId(machine: string): string | null {
  return WITH_ID.exec(machine)?.[2] ?? null
}

/** "anna on BUERO-PC" / "this PC" (t of namespace "team"). */
export function originName(origin: Pick<RequestOrigin, 'osUser' | 'machine' | 'thisPc'>, t: TFunction<'team'>): string {
  return origin.thisPc ? t('origin.thisPc') : t('origin.person', { user: origin.osUser, machine: machineName(origin.machine) })
}
