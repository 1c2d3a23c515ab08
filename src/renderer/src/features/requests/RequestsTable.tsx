/** The ledger as a table; each request can unfold its audit trail in a row below it. */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, machineName, Money } from '../../components'
import type { RefundRequest } from '@shared/views'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { RequestActions } from './RequestActions'
import { RequestHistory } from './RequestHistory'
import { RequestStateBadge } from './RequestStateBadge'
import { RequestStateDetail } from './RequestStateDetail'

const COLUMNS = ['created', 'payId', 'reference', 'amount', 'scope', 'reason', 'state', 'actions'] as const

export function RequestsTable({ requests }: { requests: RefundRequest[] }): React.JSX.Element {
  const { t } = useTranslation('requests')
  return (
    <table className="rq-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c} scope="col" className={c === 'amount' ? 'num' : undefined}>
              {t(`col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      {requests.map((r) => (
        <RequestRows key={r.id} request={r} />
      ))}
    </table>
  )
}

function RequestRows({ request: r }: { request: RefundRequest }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const { t: tTeam } = useTranslation('team')
  const lang = useUiLanguage()
  const [expanded, setExpanded] = useState(false)
  const historyId = `rq-history-${r.id}`
  return (
    <tbody className={`rq-group${expanded ? ' rq-group--expanded' : ''}`}>
      <tr>
        <td>
          <span className="rq-nowrap">{formatInstant(r.createdAt, lang)}</span>
          {r.origin ? (
            <span className="rq-sub rq-origin" data-testid="rq-origin">
              {r.origin.thisPc ? tTeam('origin.byThisPc') : tTeam('origin.byPerson', { user: r.origin.osUser, machine: machineName(r.origin.machine) })}
            </span>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            className="rq-history-toggle"
            aria-expanded={expanded}
            aria-controls={expanded ? historyId : undefined}
            onClick={() => setExpanded((v) => !v)}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
            {t(expanded ? 'action.hideHistory' : 'action.showHistory')}
          </Button>
        </td>
        <td className="mono">{r.payId}</td>
        <td className="rq-ref">
          {r.recipientNote ?? '–'}
          {r.note ? <span className="rq-sub">{t('note', { note: r.note })}</span> : null}
        </td>
        <td className="num">
          <Money cents={r.amount} />
        </td>
        <td>{t(r.isFullRefund ? 'scope.full' : 'scope.partial')}</td>
        <td>{t(`reason.${r.reason}`)}</td>
        <td>
          <RequestStateBadge state={r.state} />
          <RequestStateDetail request={r} />
        </td>
        <td>
          <RequestActions request={r} />
        </td>
      </tr>
      {expanded ? (
        <tr className="rq-history-row">
          <td colSpan={COLUMNS.length}>
            <RequestHistory id={historyId} entries={r.history} origin={r.origin} />
          </td>
        </tr>
      ) : null}
    </tbody>
  )
}
