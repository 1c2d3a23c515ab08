import { formatMoney } from '@shared/money'
import type { Cents } from '@shared/domain'
import { useUiLanguage } from '../i18n/use-ui-language'

export interface MoneyProps {
  cents: Cents | null
  className?: string
  /** Shown for null amounts (optional fields such as fees). */
  empty?: string
}

/** Right-aligned, tabular amount. Negative amounts keep their minus sign and get a distinct colour. */
export function Money({ cents, className, empty = '–' }: MoneyProps): React.JSX.Element {
  const lang = useUiLanguage()
  if (cents === null) return <span className={['num muted', className].filter(Boolean).join(' ')}>{empty}</span>
  const negative = cents < 0
  return (
    <span className={['num', negative && 'money--negative', className].filter(Boolean).join(' ')}>{formatMoney(cents, lang)}</span>
  )
}
