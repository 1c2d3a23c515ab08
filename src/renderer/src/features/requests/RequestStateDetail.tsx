/** The words under a state badge: rejection reason, denial reason, the server's message. */
import { useTranslation } from 'react-i18next'
import { isRefundRejectionCode } from '@shared/refund-rejections'
import type { RefundRequest } from '@shared/views'

export function RequestStateDetail({ request }: { request: RefundRequest }): React.JSX.Element | null {
  const { t } = useTranslation('requests')
  const lines: string[] = []
  if (request.state === 'rejected') {
    // Every code SecPaid's rejections map to has a sentence (typed key); anything else is "unknown".
    const code = request.rejectionCode && isRefundRejectionCode(request.rejectionCode) ? request.rejectionCode : 'unknown'
    lines.push(t(`rejection.${code}`))
  }
  if (request.state === 'denied') {
    lines.push(request.deniedReason ? t('deniedReason', { reason: request.deniedReason }) : t('deniedNoReason'))
  }
  if (request.state === 'outcome_unknown' || request.state === 'submitting') lines.push(t(`stateHint.${request.state}`))
  if (request.serverMessage && (request.state === 'rejected' || request.state === 'outcome_unknown')) {
    lines.push(t('serverSaid', { message: request.serverMessage }))
  }
  if (lines.length === 0) return null
  return (
    <div className="rq-detail">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  )
}
