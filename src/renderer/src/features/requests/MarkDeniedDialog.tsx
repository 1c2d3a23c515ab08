/**
 * "Mark as denied": SecPaid's API never reports denials (docs/secpaid-api.md), so the user records the
 * reason SecPaid gave them; it goes into the audit trail with their OS user.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, Dialog, Field } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatMoney } from '@shared/money'
import { DENIAL_REASON_MAX_LENGTH } from '@shared/text-limits'
import type { RefundRequest } from '@shared/views'
import { errorText } from './request-errors'
import { useMarkDenied } from './use-request-actions'

interface Props {
  request: RefundRequest
  open: boolean
  onOpenChange: (open: boolean) => void
}

const FORM_ID = 'rq-deny-form'

export function MarkDeniedDialog({ request, open, onOpenChange }: Props): React.JSX.Element {
  const { t } = useTranslation('requests')
  const lang = useUiLanguage()
  const mutation = useMarkDenied(request.id)
  const [reason, setReason] = useState('')
  const [touched, setTouched] = useState(false)
  const missing = reason.trim() === ''

  const submit = (e: React.FormEvent): void => {
    e.preventDefault()
    setTouched(true)
    if (missing || mutation.isPending) return
    mutation.mutate(reason.trim(), { onSuccess: () => onOpenChange(false) })
  }

  const footer = (
    <>
      <Button onClick={() => onOpenChange(false)} busy={mutation.isPending}>
        {t('deny.cancel')}
      </Button>
      <Button type="submit" form={FORM_ID} variant="danger" busy={mutation.isPending}>
        {mutation.isPending ? t('deny.submitting') : t('deny.submit')}
      </Button>
    </>
  )

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('deny.title')} description={t('deny.description')} footer={footer} locked={mutation.isPending}>
      <form id={FORM_ID} className="stack" onSubmit={submit} noValidate>
        <p className="rq-deny-summary">
          {t('deny.summary', { payId: request.payId, amount: formatMoney(request.amount, lang) })}
          {request.recipientNote ? ` · ${request.recipientNote}` : ''}
        </p>
        <Field label={t('deny.reasonLabel')} error={touched && missing ? t('deny.reasonRequired') : null}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="textarea"
              rows={3}
              maxLength={DENIAL_REASON_MAX_LENGTH}
              required
              aria-required="true"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onBlur={() => setTouched(true)}
              autoFocus
            />
          )}
        </Field>
        {mutation.isError ? (
          <p className="field__error" role="alert">
            {errorText(mutation.error, t)}
          </p>
        ) : null}
      </form>
    </Dialog>
  )
}
