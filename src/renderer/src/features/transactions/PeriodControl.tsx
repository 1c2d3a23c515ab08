import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { berlinToday } from '@shared/berlin-time'
import type { PeriodFilter } from '@shared/views'
import { lastMonth, presetOf, thisMonth, type PeriodPreset } from './filter-model'

export interface PeriodControlProps {
  value: PeriodFilter
  onChange: (period: PeriodFilter) => void
}

/** Period preset select; "pick a month" and "custom range" reveal their own inputs. */
export function PeriodControl({ value, onChange }: PeriodControlProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const id = useId()
  const preset = presetOf(value)

  const choose = (p: PeriodPreset): void => {
    const today = berlinToday(new Date())
    if (p === 'all') onChange({ kind: 'all' })
    else if (p === 'thisMonth') onChange({ kind: 'month', month: thisMonth() })
    else if (p === 'lastMonth') onChange({ kind: 'month', month: lastMonth() })
    else if (p === 'month') onChange({ kind: 'month', month: value.kind === 'month' ? value.month : lastMonth() })
    else onChange({ kind: 'range', from: value.kind === 'range' ? value.from : `${thisMonth()}-01`, to: value.kind === 'range' ? value.to : today })
  }

  return (
    <>
      <div className="tx-field">
        <label className="field__label" htmlFor={id}>
          {t('toolbar.period')}
        </label>
        <select id={id} className="select" value={preset} onChange={(e) => choose(e.target.value as PeriodPreset)}>
          <option value="all">{t('toolbar.periodAll')}</option>
          <option value="thisMonth">{t('toolbar.periodThisMonth')}</option>
          <option value="lastMonth">{t('toolbar.periodLastMonth')}</option>
          <option value="month">{t('toolbar.periodMonth')}</option>
          <option value="range">{t('toolbar.periodRange')}</option>
        </select>
      </div>
      {preset === 'month' && value.kind === 'month' ? (
        <div className="tx-field">
          <label className="field__label" htmlFor={`${id}-m`}>
            {t('toolbar.month')}
          </label>
          <input
            id={`${id}-m`}
            type="month"
            className="input"
            value={value.month}
            onChange={(e) => e.target.value && onChange({ kind: 'month', month: e.target.value })}
          />
        </div>
      ) : null}
      {value.kind === 'range' ? (
        <>
          <div className="tx-field">
            <label className="field__label" htmlFor={`${id}-from`}>
              {t('toolbar.from')}
            </label>
            <input
              id={`${id}-from`}
              type="date"
              className="input"
              value={value.from}
              max={value.to}
              onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })}
            />
          </div>
          <div className="tx-field">
            <label className="field__label" htmlFor={`${id}-to`}>
              {t('toolbar.to')}
            </label>
            <input
              id={`${id}-to`}
              type="date"
              className="input"
              value={value.to}
              min={value.from}
              onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })}
            />
          </div>
        </>
      ) : null}
    </>
  )
}
