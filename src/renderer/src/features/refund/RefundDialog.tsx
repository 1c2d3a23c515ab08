import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, IpcCallError } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import { routeHref } from '../../app/router'
import { Button, Dialog, ErrorState, Notice, Spinner } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { TransactionView } from '../../../../shared/views'
import { checkRefundForm, INITIAL_FORM, money, type RefundFormState } from './refund-form'
import { RefundFormStep } from './RefundFormStep'
import { RefundResultStep } from './RefundResultStep'
import { RefundReviewStep } from './RefundReviewStep'
import { useRefundSubmission } from './use-refund-submission'
import './strings'

export interface RefundDialogProps {
  payment: TransactionView
  onClose: () => void
}

/** Form → review → result. Esc and the close button are locked while the request is in flight. */
export function RefundDialog({ payment, onClose }: RefundDialogProps): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  const [step, setStep] = useState<'form' | 'review' | 'result'>('form')
  const [form, setForm] = useState<RefundFormState>(INITIAL_FORM)
  const [showErrors, setShowErrors] = useState(false)
  const eligibility = useQuery({
    queryKey: queryKeys.eligibility(payment.payId),
    queryFn: () => call('getRefundEligibility', { payId: payment.payId }),
    staleTime: 0,
    enabled: step !== 'result'
  })
  const { submit, check, request } = useRefundSubmission(payment.payId)
  const elig = eligibility.data
  const formCheck = elig ? checkRefundForm(form, elig, lang) : null
  const sending = submit.isPending

  const close = (): void => {
    if (!sending) onClose()
  }
  const next = (): void => {
    setShowErrors(true)
    if (formCheck?.valid) setStep('review')
  }
  const send = (): void => {
    if (!formCheck?.valid || sending) return
    submit.mutate(formCheck.valid, { onSettled: () => setStep('result') })
  }

  const body = (() => {
    if (step === 'result') {
      if (request) {
        return (
          <RefundResultStep
            request={request}
            onCheckAgain={() => check.mutate(request.id)}
            checking={check.isPending}
            checkError={check.error}
            checkedOnce={check.isSuccess}
          />
        )
      }
      const err = submit.error
      const title = err instanceof IpcCallError && err.kind === 'precondition' ? t('dialog.preconditionTitle') : t('dialog.failedTitle')
      return <ErrorState variant="inline" error={err} title={title} />
    }
    if (eligibility.isLoading) return <Spinner label={t('dialog.loading')} />
    if (eligibility.isError) return <ErrorState variant="inline" error={eligibility.error} onRetry={() => void eligibility.refetch()} />
    if (!elig || !formCheck) return null
    if (!elig.allowed) {
      return (
        <Notice tone="warning" title={t('dialog.notEligibleTitle')}>
          <ul className="refund-what">
            {elig.reasons.map((r) => (
              <li key={r}>{t(`reasons.${r}`)}</li>
            ))}
          </ul>
        </Notice>
      )
    }
    if (step === 'review' && formCheck.valid) return <RefundReviewStep payId={payment.payId} form={formCheck.valid} />
    return <RefundFormStep eligibility={elig} form={form} onChange={setForm} check={formCheck} showErrors={showErrors} />
  })()

  const footer = (() => {
    if (step === 'result') {
      return (
        <>
          {request && request.state !== 'rejected' ? (
            <a className="btn" href={routeHref('requests')} onClick={onClose}>
              {t('dialog.viewRequests')}
            </a>
          ) : null}
          <Button variant="primary" onClick={close}>
            {t('dialog.close')}
          </Button>
        </>
      )
    }
    if (!elig?.allowed) return <Button onClick={close}>{t('dialog.close')}</Button>
    if (step === 'review' && formCheck?.valid) {
      return (
        <>
          <Button onClick={() => setStep('form')} disabled={sending}>
            {t('dialog.back')}
          </Button>
          <Button variant="primary" onClick={send} disabled={sending} aria-busy={sending}>
            {sending ? t('dialog.sending') : t('dialog.submit', { amount: money(formCheck.valid.amount, lang) })}
          </Button>
        </>
      )
    }
    return (
      <>
        <Button onClick={close}>{t('dialog.cancel')}</Button>
        <Button variant="primary" onClick={next}>
          {t('dialog.continue')}
        </Button>
      </>
    )
  })()

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && close()}
      title={step === 'review' ? t('dialog.reviewTitle') : t('dialog.title')}
      description={t('dialog.subtitle', { payId: payment.payId, note: payment.recipientNote || '–' })}
      footer={footer}
      locked={sending}
    >
      {body}
    </Dialog>
  )
}
