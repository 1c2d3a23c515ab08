import { useTranslation } from 'react-i18next'
import type { RefundRequest } from '@shared/views'
import { Button, ErrorState, Notice } from '../../components'
import { isKeyOf } from '../../i18n'
import { en } from '../../i18n/resources'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { money } from './refund-form'

export interface RefundResultStepProps {
  request: RefundRequest
  onCheckAgain: () => void
  checking: boolean
  checkError: unknown
  checkedOnce: boolean
}

/** Submitted, rejected (with SecPaid's words) or unknown — each said plainly. */
export function RefundResultStep({ request, onCheckAgain, checking, checkError, checkedOnce }: RefundResultStepProps): React.JSX.Element {
  const { t } = useTranslation('refund')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const amount = money(request.amount, lang)
  const server = request.serverMessage ? <p>{tUi('serverSaid', { message: request.serverMessage })}</p> : null

  if (request.state === 'rejected') {
    const code = request.rejectionCode ?? 'unknown'
    return (
      <Notice tone="danger" role="alert" title={t('dialog.rejectedTitle')}>
        <p>{isKeyOf(en.refund.rejection, code) ? t(`rejection.${code}`) : t('rejection.unknown')}</p>
        {server}
      </Notice>
    )
  }
  if (request.state === 'outcome_unknown' || request.state === 'submitting') {
    return (
      <div className="stack">
        <Notice
          tone="warning"
          role="alert"
          title={t('dialog.unknownTitle')}
          actions={
            <Button onClick={onCheckAgain} busy={checking}>
              {checking ? t('dialog.checking') : t('dialog.checkAgain')}
            </Button>
          }
        >
          <p>{t('dialog.unknownBody')}</p>
          {checkedOnce && !checking && !checkError ? <p><strong>{t('dialog.stillUnknown')}</strong></p> : null}
        </Notice>
        {checkError ? <ErrorState variant="inline" error={checkError} /> : null}
      </div>
    )
  }
  return (
    <Notice tone="success" title={request.state === 'refunded' ? t('state.refunded') : t('dialog.submittedTitle')}>
      <p>{t('dialog.submittedBody', { amount })}</p>
      {server}
    </Notice>
  )
}
