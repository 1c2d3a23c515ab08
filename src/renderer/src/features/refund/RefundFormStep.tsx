import { useEffect, useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { REFUND_REASONS, type RefundEligibility, type RefundReason } from '@shared/views'
import { Field } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { AmountSummary } from './AmountSummary'
import { money, NOTE_MAX, type FormCheck, type RefundFormState } from './refund-form'

export interface RefundFormStepProps {
  eligibility: RefundEligibility
  form: RefundFormState
  onChange: (form: RefundFormState) => void
  check: FormCheck
  /** Show validation messages (after the first "continue"). */
  showErrors: boolean
}

export function RefundFormStep({ eligibility, form, onChange, check, showErrors }: RefundFormStepProps): React.JSX.Element {
  const { t } = useTranslation('refund')
  const lang = useUiLanguage()
  const id = useId()
  const set = (patch: Partial<RefundFormState>): void => onChange({ ...form, ...patch })
  // A click on "Partial" means "I want to type an amount": focus the field. Arrow keys only move
  // between the two choices (focus stays in the radio group, as keyboard users expect).
  const amountRef = useRef<HTMLInputElement>(null)
  const partialByPointer = useRef(false)
  useEffect(() => {
    if (form.mode === 'partial' && partialByPointer.current) amountRef.current?.focus()
    partialByPointer.current = false
  }, [form.mode])
  const max = money(eligibility.remaining, lang)
  const amountError =
    showErrors && form.mode === 'partial' && check.amountProblem ? t(`dialog.amountErrors.${check.amountProblem}`, { max }) : null

  return (
    <div className="stack">
      <AmountSummary eligibility={eligibility} />
      <fieldset className="refund-mode">
        <legend className="field__label">{t('dialog.mode')}</legend>
        <label className="radio-card">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={form.mode === 'full'}
            autoFocus={form.mode === 'full'}
            onChange={() => set({ mode: 'full' })}
          />
          <span>
            <strong>{t('dialog.full')}</strong>
            <br />
            <span className="muted">{t('dialog.fullHint', { amount: max })}</span>
          </span>
        </label>
        <label className="radio-card" onPointerDown={() => (partialByPointer.current = true)}>
          <input type="radio" name={`${id}-mode`} checked={form.mode === 'partial'} onChange={() => set({ mode: 'partial' })} />
          <span>
            <strong>{t('dialog.partial')}</strong>
            <br />
            <span className="muted">{t('dialog.partialHint')}</span>
          </span>
        </label>
      </fieldset>
      {form.mode === 'partial' ? (
        <Field label={t('dialog.amount')} hint={t('dialog.amountHint', { max })} error={amountError}>
          {({ id: inputId, describedBy, invalid }) => (
            <input
              id={inputId}
              className="input refund-amount"
              ref={amountRef}
              inputMode="decimal"
              autoComplete="off"
              value={form.amountText}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => set({ amountText: e.target.value })}
            />
          )}
        </Field>
      ) : null}
      <Field label={t('dialog.reason')}>
        {({ id: selectId }) => (
          <select id={selectId} className="select" value={form.reason} onChange={(e) => set({ reason: e.target.value as RefundReason })}>
            {REFUND_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={form.reason === 'other' ? t('dialog.noteRequired') : t('dialog.note')}
        error={showErrors && check.noteMissing ? t('dialog.noteMissing') : null}
      >
        {({ id: noteId, describedBy, invalid }) => (
          <textarea
            id={noteId}
            className="textarea"
            maxLength={NOTE_MAX}
            placeholder={t('dialog.notePlaceholder')}
            value={form.note}
            required={form.reason === 'other'}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => set({ note: e.target.value })}
          />
        )}
      </Field>
    </div>
  )
}
