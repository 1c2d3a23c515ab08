import { memo, useCallback, useId, useRef, type Ref } from 'react'
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
  // One stable way to change part of the filter, always on top of the latest one: the fields
  // below the search box are memoised on it and skip the re-render of every keystroke.
  const latest = useRef({ filter, onChange })
  latest.current = { filter, onChange }
  const patch = useCallback((p: Partial<TransactionFilter>) => latest.current.onChange({ ...latest.current.filter, ...p }), [])
  const refundsOnly = isRefundsOnly(filter)

  return (
    <div className="tx-toolbar" role="search" aria-label={t('toolbar.label')}>
      <div className="tx-toolbar__line">
        <SearchBox value={filter.search} onChange={(search) => patch({ search })} onEnterResults={onEnterResults} inputRef={searchRef} />
        <Button aria-pressed={refundsOnly} onClick={() => patch({ kinds: refundsOnly ? [] : ['refund'] })}>
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
      <FilterFields
        period={filter.period}
        kinds={filter.kinds}
        statuses={filter.statuses}
        amountMinCents={filter.amountMinCents}
        amountMaxCents={filter.amountMaxCents}
        patch={patch}
      />
    </div>
  )
}

type FilterFieldsProps = Pick<TransactionFilter, 'period' | 'kinds' | 'statuses' | 'amountMinCents' | 'amountMaxCents'> & {
  patch: (p: Partial<TransactionFilter>) => void
}

/** Period, type, status and amount range: unchanged by a keystroke in the search box, so not re-rendered by it. */
const FilterFields = memo(function FilterFields({ period, kinds, statuses, amountMinCents, amountMaxCents, patch }: FilterFieldsProps) {
  const { t } = useTranslation('transactions')
  const id = useId()
  const knownStatuses = useStatuses()
  const statusLabel = useStatusLabel()
  const kindValue = kinds.length === 1 ? (kinds[0] ?? '') : ''
  const statusValue = statuses.length === 1 ? (statuses[0] ?? '') : ''
  return (
    <div className="tx-toolbar__line tx-toolbar__line--fields">
      <PeriodControl value={period} onChange={(p) => patch({ period: p })} />
      <div className="tx-field">
        <label className="field__label" htmlFor={`${id}-kind`}>
          {t('toolbar.type')}
        </label>
        <select
          id={`${id}-kind`}
          className="select"
          value={kindValue}
          onChange={(e) => patch({ kinds: e.target.value ? [e.target.value as RowKind] : [] })}
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
          onChange={(e) => patch({ statuses: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">{t('toolbar.statusAll')}</option>
          {(knownStatuses.data ?? []).map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <AmountInput label={t('toolbar.amountMin')} value={amountMinCents} onChange={(cents) => patch({ amountMinCents: cents })} />
      <AmountInput label={t('toolbar.amountMax')} value={amountMaxCents} onChange={(cents) => patch({ amountMaxCents: cents })} />
    </div>
  )
})
