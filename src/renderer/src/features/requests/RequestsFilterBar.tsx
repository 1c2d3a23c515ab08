/** Filter buttons (open / refunded / denied / rejected / all) with counts, as aria-pressed toggles. */
import { useTranslation } from 'react-i18next'
import { Button } from '../../components'
import { REQUEST_FILTERS, type RequestFilter } from './request-filters'

interface Props {
  value: RequestFilter
  counts: Record<RequestFilter, number>
  onChange: (filter: RequestFilter) => void
}

export function RequestsFilterBar({ value, counts, onChange }: Props): React.JSX.Element {
  const { t } = useTranslation('requests')
  return (
    <div className="row rq-filters" role="group" aria-label={t('filter.label')}>
      {REQUEST_FILTERS.map((f) => (
        <Button key={f} size="sm" aria-pressed={value === f} onClick={() => onChange(f)}>
          {t(`filter.${f}`)}
          <span className="rq-count">{counts[f]}</span>
        </Button>
      ))}
    </div>
  )
}
