import { useTranslation } from 'react-i18next'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { money, type ValidForm } from './refund-form'

/** States plainly what the final button will do, before it is pressed. */
export function RefundReviewStep({ payId, form }: { payId: string; form: ValidForm }): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  return (
    <div className="stack">
      <div className="refund-review">
        <p>
          {t('dialog.reviewSummary', {
            kind: form.isFullRefund ? t('dialog.kindFull') : t('dialog.kindPartial'),
            amount: money(form.amount, lang),
            payId
          })}
        </p>
        <p className="muted">{t('dialog.reviewReason', { reason: t(`reason.${form.reason}`) })}</p>
        {form.note ? <p className="muted">{t('dialog.reviewNote', { note: form.note })}</p> : null}
      </div>
      <div>
        <h3>{t('dialog.whatHappens')}</h3>
        <ul className="refund-what">
          <li>{t('dialog.what1')}</li>
          <li>{t('dialog.what2')}</li>
          <li>{t('dialog.what3')}</li>
          <li>{t('dialog.what4')}</li>
        </ul>
      </div>
    </div>
  )
}
