/**
 * Every entry of the month with a persistent "reviewed" tick. Virtualised (TanStack Virtual):
 * a month can hold thousands of rows. ARIA table roles with row indexes keep it a table for
 * screen readers although only the visible rows exist in the DOM.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Money } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatBerlinDateTime } from '@shared/berlin-time'
import { formatMoney } from '@shared/money'
import type { ReviewTickOrigin } from '@shared/team'
import type { TransactionView } from '@shared/views'
import { formatInstant } from '../../components/format-instant'
import { originName } from '../../components'
import { useStatusLabel } from '../transactions'

interface Props {
  rows: TransactionView[]
  reviewed: ReadonlySet<string>
  /** Team mode: who set each row's tick (null outside a team). */
  tickOrigins?: ReadonlyMap<string, ReviewTickOrigin> | null
  onToggle: (key: string, reviewed: boolean) => void
}

const ROW_HEIGHT = 34
const MAX_HEIGHT = 560
// Amount, net, fees: the same order as the transactions table.
const COLUMNS = ['reviewed', 'date', 'payId', 'reference', 'kind', 'status', 'amount', 'net', 'fees'] as const
const NUMERIC = new Set<string>(['amount', 'fees', 'net'])

function fees(row: TransactionView): number | null {
  if (row.serviceFee === null && row.serviceFeePsp === null) return null
  return (row.serviceFee ?? 0) + (row.serviceFeePsp ?? 0)
}

export function ReviewList({ rows, reviewed, tickOrigins = null, onToggle }: Props): React.JSX.Element {
  const { t } = useTranslation('month')
  const { t: tTeam } = useTranslation('team')
  const lang = useUiLanguage()
  const statusLabel = useStatusLabel()
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12
  })
  const height = Math.min(virtualizer.getTotalSize(), MAX_HEIGHT)

  return (
    <div className={`mr-list${tickOrigins ? ' mr-list--team' : ''}`} role="table" aria-label={t('review.heading')} aria-rowcount={rows.length + 1}>
      <div className="mr-list__row mr-list__head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <span key={c} role="columnheader" className={NUMERIC.has(c) ? 'num' : undefined}>
            {t(`col.${c}`)}
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="mr-list__scroll" style={{ height }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]
            if (!row) return null
            const done = reviewed.has(row.key)
            const date = formatBerlinDateTime(row.createdAt, lang)
            // Who ticked it, for the checkbox's description; visible only for a teammate's tick
            // (this PC's own ticks are the usual case and need no name).
            const origin = tickOrigins?.get(row.key)
            const said = origin && origin.reviewed === done ? origin : undefined
            const who = said ? originName(said, tTeam) : null
            const originText = said && who ? tTeam(said.reviewed ? 'review.ticked' : 'review.cleared', { who, time: formatInstant(said.at, lang) }) : null
            const originId = originText ? `mr-tick-origin-${item.index}` : undefined
            return (
              <div
                key={row.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`mr-list__row${done ? ' mr-list__row--done' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="mr-tick">
                  <input
                    type="checkbox"
                    checked={done}
                    onChange={(e) => onToggle(row.key, e.target.checked)}
                    aria-label={t('review.rowLabel', { date, reference: row.recipientNote || row.payId, amount: formatMoney(row.amount, lang) })}
                    aria-describedby={originId}
                  />
                  {said && done && !said.thisPc ? (
                    <span className="mr-tick__by" aria-hidden="true" title={originText ?? undefined}>
                      {tTeam('review.by', { user: said.osUser })}
                    </span>
                  ) : null}
                  {originText ? (
                    <span id={originId} className="visually-hidden">
                      {originText}
                    </span>
                  ) : null}
                </span>
                <span role="cell" className="mr-nowrap">
                  {date}
                </span>
                <span role="cell" className="mono">
                  {row.payId}
                </span>
                <span role="cell" className="mr-ellipsis" title={row.recipientNote}>
                  {row.recipientNote}
                </span>
                <span role="cell" className="mr-ellipsis" title={t(`kind.${row.kind}`)}>
                  {t(`kind.${row.kind}`)}
                </span>
                <span role="cell" className="mr-ellipsis" title={statusLabel(row.status)}>
                  {statusLabel(row.status)}
                </span>
                <span role="cell" className="num">
                  <Money cents={row.amount} />
                </span>
                <span role="cell" className="num">
                  <Money cents={row.netAmount} />
                </span>
                <span role="cell" className="num">
                  <Money cents={fees(row)} />
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
