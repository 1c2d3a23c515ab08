import { useEffect, useRef, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'

export interface SearchBoxProps {
  value: string
  onChange: (value: string) => void
  /** ↓ or Enter: the typed text applies at once and focus moves into the results. */
  onEnterResults: () => void
  inputRef?: Ref<HTMLInputElement>
}

/**
 * Instant search: every keystroke applies the typed text (no debounce: main answers a query in
 * a few milliseconds, and an answer for an older text never replaces a newer one, because each
 * text is its own query key). Esc clears it; ↓/Enter go to the results.
 */
export function SearchBox({ value, onChange, onEnterResults, inputRef }: SearchBoxProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const [text, setText] = useState(value)
  const changeRef = useRef(onChange)
  changeRef.current = onChange

  // The box shows what was typed; the filter follows at once. A filter set from elsewhere (a deep
  // link searching a pay_id) shows up in the box.
  useEffect(() => setText(value), [value])

  return (
    <div className="tx-search">
      <label className="visually-hidden" htmlFor="tx-search">
        {t('toolbar.search')}
      </label>
      <span className="tx-search__icon" aria-hidden="true">
        ⌕
      </span>
      <input
        id="tx-search"
        ref={inputRef}
        type="search"
        className="input tx-search__input"
        placeholder={t('toolbar.searchPlaceholder')}
        value={text}
        maxLength={200}
        onChange={(e) => {
          setText(e.target.value)
          changeRef.current(e.target.value)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault()
            if (text !== value) {
              // Apply what was typed first; the grid moves to the new results' first row.
              changeRef.current(text)
              window.setTimeout(onEnterResults, 0)
            } else onEnterResults()
            return
          }
          if (e.key === 'Escape' && (text !== '' || value !== '')) {
            // Clear box and filter at once, so rows and totals come back immediately.
            e.preventDefault()
            e.stopPropagation()
            setText('')
            if (value !== '') changeRef.current('')
          }
        }}
      />
      {text === '' ? (
        <kbd className="tx-search__key" aria-hidden="true">
          /
        </kbd>
      ) : null}
    </div>
  )
}
