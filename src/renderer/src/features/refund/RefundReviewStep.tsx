import { useTranslation } from 'react-i18next'
import { useAccountLabel } from '../../api/accounts'
import { useEnvironment } from '../../api/hooks'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { money, type ValidForm } from './refund-form'

/** States plainly what the final button will do, before it is pressed. */
export function RefundReviewStep({ payId, form }: { payId: string; form: ValidForm }): React.JSX.Element {
  const { t } = useTranslation('refund')
  const { t: tAccounts } = useTranslation('accounts')
  const lang = useUiLanguage()
  const env = useEnvironment()
  const label = useAccountLabel()
  // With several shops in one desk, the request is confirmed for a named shop.
  const account = env.data ? { account: label({ name: env.data.account.name, env: env.data.active }), env: tAccounts(`env.${env.data.active}`) } : null
  return (
    <div className="stack">
      <div className="refund-review">
        {account ? <p className="refund-review__account">{t('dialog.reviewAccount', account)}</p> : null}
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
