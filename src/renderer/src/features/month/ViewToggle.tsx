/** All entries / payments only / refunds only — the export follows this choice. */
import { useTranslation } from 'react-i18next'
import { Button } from '../../components'
import { MONTH_VIEWS, type MonthView } from './month-view'

export function ViewToggle({ value, onChange }: { value: MonthView; onChange: (v: MonthView) => void }): React.JSX.Element {
  const { t } = useTranslation('month')
  return (
    <div className="row" role="group" aria-label={t('kinds.label')}>
      {MONTH_VIEWS.map((v) => (
        <Button key={v} size="sm" aria-pressed={value === v} onClick={() => onChange(v)}>
          {t(`kinds.${v}`)}
        </Button>
      ))}
    </div>
  )
}
