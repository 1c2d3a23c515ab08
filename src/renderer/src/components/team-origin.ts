/**
 * Who did something on which PC, in team mode (RefundRequest.origin, ReviewTickOrigin): a
 * teammate by OS user and PC name, this PC as "this PC" (its own user needs no name).
 */
import type { TFunction } from 'i18next'
import type { RequestOrigin } from '@shared/team'

/** "anna on BUERO-PC" / "this PC" (t of namespace "team"). */
export function originName(origin: Pick<RequestOrigin, 'osUser' | 'machine' | 'thisPc'>, t: TFunction<'team'>): string {
  return origin.thisPc ? t('origin.thisPc') : t('origin.person', { user: origin.osUser, machine: origin.machine })
}
