/** Per-request actions: check again, mark as denied, open the settling refund entry. */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IpcCallError } from '../../api/call'
import { Button, machineName } from '../../components'
import type { RefundRequest } from '@shared/views'
import { MarkDeniedDialog } from './MarkDeniedDialog'
import { canCheckOrDeny } from './request-filters'
import { errorText } from './request-errors'
import { useCheckAgain } from './use-request-actions'

/** The transactions screen opens the detail named in `?detail=` (hash contract with the shell). */
export function refundEntryHref(key: string): string {
  return '#/transactions?detail=' + encodeURIComponent(key)
}

export function RequestActions({ request }: { request: RefundRequest }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const { t: tTeam } = useTranslation('team')
  const check = useCheckAgain(request.id)
  const [denyOpen, setDenyOpen] = useState(false)

  // check.variables is the state when the check started; the row itself already shows the new one.
  const result = check.isSuccess
    ? check.data.state === check.variables
      ? t('checkResult.stillOpen')
      : t('checkResult.changed', { state: t(`state.${check.data.state}`) })
    : null

  return (
    <div className="rq-actions">
      {request.state === 'refunded' && request.refundEntryKey ? (
        <a className="rq-link" href={refundEntryHref(request.refundEntryKey)}>
          {t('action.openRefundEntry')}
        </a>
      ) : null}
      {canCheckOrDeny(request.state) ? (
        <>
          <Button
            size="sm"
            busy={check.isPending}
            title={t(request.state === 'outcome_unknown' ? 'action.checkAgainUnknownHint' : 'action.checkAgainHint')}
            onClick={() => check.mutate(request.state)}
          >
            {check.isPending ? t('action.checking') : t('action.checkAgain')}
          </Button>
          <Button size="sm" onClick={() => setDenyOpen(true)}>
            {t('action.markDenied')}
          </Button>
          {denyOpen ? <MarkDeniedDialog request={request} open={denyOpen} onOpenChange={setDenyOpen} /> : null}
        </>
      ) : null}
      <p className="rq-actions__status" aria-live="polite">
        {check.isError ? (
          <span className="field__error">
            {/* Team mode: an unknown outcome is sent again only by the PC that sent it. */}
            {check.error instanceof IpcCallError && check.error.code === 'other_pc'
              ? tTeam('requests.otherPc', { machine: request.origin ? machineName(request.origin.machine) : '–' })
              : errorText(check.error, t)}
          </span>
        ) : (
          result
        )}
      </p>
    </div>
  )
}
