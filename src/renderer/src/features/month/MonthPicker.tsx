/** Month choice: last month (what bookkeepers close) and this month one click away, arrows, list. */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components'
import { nextMonth, previousMonth } from './month-view'
import { useMonthLabel } from './month-label'

interface Props {
  month: string
  currentMonth: string
  onChange: (month: string) => void
}

const LISTED_MONTHS = 36

function monthOptions(currentMonth: string, selected: string): string[] {
  const months = [currentMonth]
  while (months.length < LISTED_MONTHS) months.push(previousMonth(months[months.length - 1] ?? currentMonth))
  if (!months.includes(selected)) months.push(selected)
  return months
}

export function MonthPicker({ month, currentMonth, onChange }: Props): React.JSX.Element {
  const { t } = useTranslation('month')
  const label = useMonthLabel()
  const selectId = useId()
  const lastMonth = previousMonth(currentMonth)
  return (
    <div className="row mr-picker">
      <label htmlFor={selectId} className="field__label">
        {t('picker.label')}
      </label>
      <Button size="sm" aria-label={t('picker.previous')} title={t('picker.previous')} onClick={() => onChange(previousMonth(month))}>
        ◀
      </Button>
      <select id={selectId} className="select mr-picker__select" value={month} onChange={(e) => onChange(e.target.value)}>
        {monthOptions(currentMonth, month).map((m) => (
          <option key={m} value={m}>
            {label(m)}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        aria-label={t('picker.next')}
        title={t('picker.next')}
        disabled={month >= currentMonth}
        onClick={() => onChange(nextMonth(month))}
      >
        ▶
      </Button>
      <Button size="sm" aria-pressed={month === lastMonth} onClick={() => onChange(lastMonth)}>
        {t('picker.lastMonth')}
      </Button>
      <Button size="sm" aria-pressed={month === currentMonth} onClick={() => onChange(currentMonth)}>
        {t('picker.thisMonth')}
      </Button>
    </div>
  )
}
