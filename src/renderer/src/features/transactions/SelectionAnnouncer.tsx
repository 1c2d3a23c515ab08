import { useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '@shared/money'
import type { TransactionView } from '@shared/views'
import { useUiLanguage } from '../../i18n/use-ui-language'

export interface SelectionAnnouncerProps {
  row: TransactionView | null
  index: number | null
  total: number
  gridRef: RefObject<HTMLElement | null>
}

/**
 * A polite live region, mounted with the screen so screen readers know it before it speaks. It
 * names the selected row when the selection moves while the grid itself is not focused (the grid
 * announces its active row through aria-activedescendant when it is).
 */
export function SelectionAnnouncer({ row, index, total, gridRef }: SelectionAnnouncerProps): React.JSX.Element {
  const { t } = useTranslation('transactions')
  const lang = useUiLanguage()
  const [text, setText] = useState('')
  const key = row?.key ?? null
  useEffect(() => {
    if (row === null || index === null || gridRef.current?.contains(document.activeElement)) {
      setText('')
      return
    }
    setText(
      t('announceSelection', { position: index + 1, total, kind: t(`kind.${row.kind}`), payId: row.payId, amount: formatMoney(row.amount, lang) })
    )
    // Announce on a change of the selected row only, not on every page refresh of the same row.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately keyed on the row alone
  }, [key, index])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="selection-announcer">
      {text}
    </div>
  )
}
