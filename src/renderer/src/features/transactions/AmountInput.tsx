import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMoneyPlain } from '@shared/money'
import type { Cents } from '@shared/domain'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { parseFilterAmount } from './amount-input'

export interface AmountInputProps {
  label: string
  value: Cents | null
  onChange: (cents: Cents | null) => void
}

/** Amount bound for the filter; accepts "12,50" and "12.50"; unreadable input is flagged, not applied. */
export function AmountInput({ label, value, onChange }: AmountInputProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const lang = useUiLanguage()
  const id = useId()
  const [text, setText] = useState(value === null ? '' : formatMoneyPlain(value, lang))
  const [invalid, setInvalid] = useState(false)

  useEffect(() => {
    const parsed = parseFilterAmount(text, lang)
    if (!(parsed.ok && parsed.cents === value)) setText(value === null ? '' : formatMoneyPlain(value, lang))
    // Only an outside change of `value` (reset, restore) rewrites the text, not typing or a language switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately keyed on value alone
  }, [value])

  const update = (next: string): void => {
    setText(next)
    const parsed = parseFilterAmount(next, lang)
    setInvalid(!parsed.ok)
    if (parsed.ok && parsed.cents !== value) onChange(parsed.cents)
  }

  return (
    <div className="tx-field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input tx-amount"
        inputMode="decimal"
        value={text}
        placeholder={t('toolbar.amountPlaceholder')}
        aria-invalid={invalid}
        title={invalid ? t('toolbar.amountInvalid') : undefined}
        onChange={(e) => update(e.target.value)}
      />
      {invalid ? <span className="visually-hidden" role="alert">{t('toolbar.amountInvalid')}</span> : null}
    </div>
  )
}
