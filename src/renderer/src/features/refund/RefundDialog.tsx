import { useQuery } from '@tanstack/react-query'
import { useEffect, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, IpcCallError } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import { routeHref } from '../../app/router'
import { Button, Dialog, ErrorState, Notice, Spinner } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { TransactionView } from '@shared/views'
import { checkRefundForm, money, type RefundFormState } from './refund-form'
import { INITIAL_DIALOG, isDirty, refundDialogReducer } from './refund-steps'
import { RefundFormStep } from './RefundFormStep'
import { RefundResultStep } from './RefundResultStep'
import { RefundReviewStep } from './RefundReviewStep'
import { isTeamRefusal, TeamRefusal } from './TeamRefusal'
import { useKeyOriginGuard } from './use-key-origin-guard'
import { useRefundSubmission } from './use-refund-submission'

export interface RefundDialogProps {
  payment: TransactionView
  onClose: () => void
}

/** Form → review → result. Esc and the close button are locked while the request is in flight. */
export function RefundDialog({ payment, onClose }: RefundDialogProps): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  const [state, dispatch] = useReducer(refundDialogReducer, INITIAL_DIALOG)
  const { step, form, showErrors } = state
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
  const titleRef = useRef<HTMLHeadingElement>(null)
  const firstStep = useRef(true)
  const guard = useKeyOriginGuard()
  // A refusal because of the team stays on screen while the user's choice is being sent (the
  // mutation forgets its error when it starts again), so the buttons keep focus, busy.
  const [teamRefusal, setTeamRefusal] = useState<IpcCallError | null>(null)

  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false
      return
    }
    // The button that was pressed is gone: put focus on the new step's heading, so a second
    // Enter can't land on the next step's primary button.
    titleRef.current?.focus()
  }, [step])
  // A choice after a team refusal ends in the same step: once a request exists, start at its result.
  const requestId = request?.id ?? null
  useEffect(() => {
    if (requestId !== null && teamRefusal === null) titleRef.current?.focus()
  }, [requestId, teamRefusal])

  const close = (): void => {
    if (!sending) onClose()
  }
  const setForm = (next: RefundFormState): void => dispatch({ type: 'edit', form: next })
  const next = (): void => dispatch({ type: 'continue', valid: Boolean(formCheck?.valid) })
  const onSubmitClick = (e: React.MouseEvent<HTMLButtonElement>): void => {
    if (guard.allowsClick(e)) send()
  }
  const send = (withoutTeam = false): void => {
    // A choice after a refusal sends exactly the form that was reviewed and refused.
    const form = submit.variables?.form ?? formCheck?.valid
    if (!form || sending) return
    submit.mutate(
      { form, ...(withoutTeam ? { withoutTeam: true } : {}) },
      {
        onSettled: (_request, error) => {
          setTeamRefusal(isTeamRefusal(error) ? error : null)
          dispatch({ type: 'settled' })
        }
      }
    )
  }
  const onTeamChoice = (withoutTeam: boolean) => (e: React.MouseEvent<HTMLButtonElement>): void => {
    if (guard.allowsClick(e)) send(withoutTeam)
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
      if (teamRefusal) {
        return (
          <TeamRefusal
            error={teamRefusal}
            busy={sending}
            sendingAlone={sending && submit.variables?.withoutTeam === true}
            onRetry={onTeamChoice(false)}
            onSendAlone={onTeamChoice(true)}
            onSendKeyDown={guard.onKeyDown}
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
            <a key="view-requests" className="btn" href={routeHref('requests')} onClick={onClose}>
              {t('dialog.viewRequests')}
            </a>
          ) : null}
          <Button key="result-close" variant="primary" onClick={close}>
            {t('dialog.close')}
          </Button>
        </>
      )
    }
    if (!elig?.allowed) {
      return (
        <Button key="not-eligible-close" onClick={close}>
          {t('dialog.close')}
        </Button>
      )
    }
    if (step === 'review' && formCheck?.valid) {
      return (
        <>
          <Button key="review-back" onClick={() => dispatch({ type: 'back' })} busy={sending}>
            {t('dialog.back')}
          </Button>
          <Button
            key="review-submit"
            variant="primary"
            onKeyDown={guard.onKeyDown}
            onClick={onSubmitClick}
            busy={sending}
          >
            {sending ? t('dialog.sending') : t('dialog.submit', { amount: money(formCheck.valid.amount, lang) })}
          </Button>
        </>
      )
    }
    return (
      <>
        <Button key="form-cancel" onClick={close}>
          {t('dialog.cancel')}
        </Button>
        <Button key="form-continue" variant="primary" onClick={next}>
          {t('dialog.continue')}
        </Button>
      </>
    )
  })()

  // Said by a live region that exists from the dialog's first render, so screen readers hear it.
  const announcement = (() => {
    if (step !== 'result') return ''
    if (!request) return t('dialog.announce.failed')
    if (request.state === 'rejected') return t('dialog.announce.rejected')
    if (request.state === 'outcome_unknown' || request.state === 'submitting') return t('dialog.announce.unknown')
    return t('dialog.announce.submitted', { amount: money(request.amount, lang) })
  })()

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && close()}
      title={step === 'review' ? t('dialog.reviewTitle') : t('dialog.title')}
      description={t('dialog.subtitle', { payId: payment.payId, note: payment.recipientNote || '–' })}
      footer={footer}
      locked={sending}
      // Outside clicks must not throw away what was typed (Esc and Cancel still close).
      dismissOnOutside={!isDirty(state)}
      titleRef={titleRef}
    >
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="refund-announcer">
        {announcement}
      </div>
      {body}
    </Dialog>
  )
}
