import { formatMoney } from '@shared/money'
import type { Cents } from '@shared/domain'
import type { Language } from '@shared/views'
import { useUiLanguage } from '../i18n/use-ui-language'

export interface MoneyProps {
  cents: Cents | null
  className?: string
  /** Shown for null amounts (optional fields such as fees). */
  empty?: string
}

/** Right-aligned, tabular amount. Negative amounts keep their minus sign and get a distinct colour. */
export function Money(props: MoneyProps): React.JSX.Element {
  return moneyText(props, useUiLanguage())
}

/**
 * `Money` for a caller that already knows the language: a plain function, no hook. The
 * transactions grid renders three amounts per row on every keystroke; a language hook per amount
 * was a measurable share of that render.
 */
export function moneyText({ cents, className, empty = '–' }: MoneyProps, lang: Language): React.JSX.Element {
  if (cents === null) return <span className={['num muted', className].filter(Boolean).join(' ')}>{empty}</span>
  const negative = cents < 0
  return (
    <span className={['num', negative && 'money--negative', className].filter(Boolean).join(' ')}>{formatMoney(cents, lang)}</span>
  )
}
