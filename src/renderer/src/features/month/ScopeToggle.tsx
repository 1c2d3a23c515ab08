/** This account / all accounts: the month of the open shop, or every shop's month side by side. */
import { useTranslation } from 'react-i18next'
import { Button } from '../../components'

export const MONTH_SCOPES = ['account', 'all'] as const
export type MonthScope = (typeof MONTH_SCOPES)[number]

export function ScopeToggle({ value, onChange }: { value: MonthScope; onChange: (v: MonthScope) => void }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  return (
    <div className="row" role="group" aria-label={t('month.scope')}>
      {MONTH_SCOPES.map((s) => (
        <Button key={s} size="sm" aria-pressed={value === s} onClick={() => onChange(s)}>
          {s === 'account' ? t('month.thisAccount') : t('month.all')}
        </Button>
      ))}
    </div>
  )
}
