import { useId, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { useStatuses } from '../../api/hooks'
import { Button } from '../../components'
import type { RowKind, TransactionFilter } from '@shared/views'
import { AmountInput } from './AmountInput'
import { DEFAULT_FILTER, isDefaultFilter, isRefundsOnly, ROW_KINDS } from './filter-model'
import { PeriodControl } from './PeriodControl'
import { useStatusLabel } from './RowBadges'
import { SearchBox } from './SearchBox'

export interface FilterToolbarProps {
  filter: TransactionFilter
  onChange: (filter: TransactionFilter) => void
  searchRef?: Ref<HTMLInputElement>
  /** ↓ or Enter in the search box: move into the results. */
  onEnterResults: () => void
  onExport: () => void
  exporting: boolean
}

export function FilterToolbar({ filter, onChange, searchRef, onEnterResults, onExport, exporting }: FilterToolbarProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const id = useId()
  const statuses = useStatuses()
  const statusLabel = useStatusLabel()
  const set = (patch: Partial<TransactionFilter>): void => onChange({ ...filter, ...patch })
  const refundsOnly = isRefundsOnly(filter)
  const kindValue = filter.kinds.length === 1 ? (filter.kinds[0] ?? '') : ''
  const statusValue = filter.statuses.length === 1 ? (filter.statuses[0] ?? '') : ''

  return (
    <div className="tx-toolbar" role="search" aria-label={t('toolbar.label')}>
      <div className="tx-toolbar__line">
        <SearchBox value={filter.search} onChange={(search) => set({ search })} onEnterResults={onEnterResults} inputRef={searchRef} />
        <Button aria-pressed={refundsOnly} onClick={() => set({ kinds: refundsOnly ? [] : ['refund'] })}>
          <span aria-hidden="true">{refundsOnly ? '✓' : '↺'}</span> {t('toolbar.refundsOnly')}
        </Button>
        <span className="tx-toolbar__spacer" />
        <Button variant="ghost" disabled={isDefaultFilter(filter)} onClick={() => onChange(DEFAULT_FILTER)}>
          {t('toolbar.reset')}
        </Button>
        <Button onClick={onExport} busy={exporting} title={t('toolbar.exportHint')}>
          <span aria-hidden="true">⤓</span> {exporting ? t('toolbar.exporting') : t('toolbar.export')}
        </Button>
      </div>
      <div className="tx-toolbar__line tx-toolbar__line--fields">
        <PeriodControl value={filter.period} onChange={(period) => set({ period })} />
        <div className="tx-field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('toolbar.type')}
          </label>
          <select
            id={`${id}-kind`}
            className="select"
            value={kindValue}
            onChange={(e) => set({ kinds: e.target.value ? [e.target.value as RowKind] : [] })}
          >
            <option value="">{t('toolbar.typeAll')}</option>
            {ROW_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="tx-field">
          <label className="field__label" htmlFor={`${id}-status`}>
            {t('toolbar.status')}
          </label>
          <select
            id={`${id}-status`}
            className="select"
            value={statusValue}
            onChange={(e) => set({ statuses: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">{t('toolbar.statusAll')}</option>
            {(statuses.data ?? []).map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <AmountInput label={t('toolbar.amountMin')} value={filter.amountMinCents} onChange={(amountMinCents) => set({ amountMinCents })} />
        <AmountInput label={t('toolbar.amountMax')} value={filter.amountMaxCents} onChange={(amountMaxCents) => set({ amountMaxCents })} />
      </div>
    </div>
  )
}
