import { useTranslation } from 'react-i18next'
import { formatMoney } from '@shared/money'
import type { RefundEligibility } from '@shared/views'
import { Button } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'

export interface RefundActionProps {
  eligibility: RefundEligibility
  onRequest: () => void
  /** The panel still shows the previous row while the selected one loads: not clickable yet. */
  loading?: boolean
}

/** The "Request refund" button; when it is disabled, the reasons in words right below it. */
export function RefundAction({ eligibility, onRequest, loading = false }: RefundActionProps): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  const reasonsId = `refund-blocked-${eligibility.payId}`
  return (
    <div className="refund-action">
      <div className="row">
        <Button
          variant="primary"
          disabled={!eligibility.allowed}
          busy={loading}
          onClick={onRequest}
          aria-describedby={eligibility.allowed ? undefined : reasonsId}
          aria-keyshortcuts="r"
        >
          {t('requestRefund')}
        </Button>
        {eligibility.allowed ? (
          <span className="muted">
            {t('remainingLine', { amount: formatMoney(eligibility.remaining, lang) })} · {t('detail.refundHint')}
          </span>
        ) : null}
      </div>
      {eligibility.allowed ? null : (
        <div id={reasonsId}>
          <p>{t('blockedTitle')}</p>
          <ul>
            {eligibility.reasons.map((r) => (
              <li key={r}>{t(`reasons.${r}`)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
