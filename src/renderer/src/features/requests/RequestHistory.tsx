/**
 * The audit trail of one request: every step with time, what happened in the reader's language,
 * and who did it (the app during a sync, or a person at a PC — the OS account is a detail).
 * The journal's own English notes stay in the ledger and the CLI; here only what people typed is
 * shown as typed, and what SecPaid said is a technical detail.
 */
import { useTranslation } from 'react-i18next'
import { formatMoney } from '@shared/money'
import { isRefundRejectionCode } from '@shared/refund-rejections'
import type { RequestOrigin } from '@shared/team'
import type { HistoryEvent, RefundHistoryEntry } from '@shared/views'
import { machineName } from '../../components'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'

/** Where SecPaid's or the connection's words help (why it failed); a success message does not. */
const SHOWS_DETAIL: ReadonlySet<HistoryEvent['code']> = new Set([
  'rejected', 'resubmit_refused', 'outcome_unknown', 'app_closed', 'sender_silent', 'recheck_failed'
])

function EventText({ event }: { event: HistoryEvent }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const lang = useUiLanguage()
  const headline =
    event.code === 'refund_found_other_amount' && event.requestedCents !== null && event.foundCents !== null
      ? t('history.code.refund_found_other_amount', { requested: formatMoney(event.requestedCents, lang), found: formatMoney(event.foundCents, lang) })
      : t(`history.code.${event.code}`)
  const reason =
    (event.code === 'rejected' || event.code === 'resubmit_refused') && event.rejectionCode !== null
      ? t(`rejection.${isRefundRejectionCode(event.rejectionCode) ? event.rejectionCode : 'unknown'}`)
      : null
  return (
    <>
      <span>{headline}</span>
      {reason !== null ? <span className="rq-history__line">{reason}</span> : null}
      {event.userText !== null && event.userText !== '' ? <span className="rq-history__line">{t('history.typed', { text: event.userText })}</span> : null}
      {event.detail !== null && SHOWS_DETAIL.has(event.code) ? (
        <span className="rq-history__line rq-history__detail">{t('history.detail', { detail: event.detail })}</span>
      ) : null}
    </>
  )
}

export function RequestHistory({ id, entries, origin }: { id: string; entries: RefundHistoryEntry[]; origin?: RequestOrigin | undefined }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const { t: tTeam } = useTranslation('team')
  const lang = useUiLanguage()
  // Team mode: the request may come from another PC; its entries name only the OS account.
  const requestedBy = origin
    ? origin.thisPc
      ? tTeam('origin.requestedHere')
      : tTeam('origin.requestedBy', { user: origin.osUser, machine: machineName(origin.machine) })
    : null
  return (
    <table className="rq-history" id={id}>
      <caption>
        {t('history.title')}
        {requestedBy ? <span className="rq-history__origin">{requestedBy}</span> : null}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('history.time')}</th>
          <th scope="col">{t('history.event')}</th>
          <th scope="col">{t('history.by')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td className="rq-nowrap">{formatInstant(e.at, lang)}</td>
            <td>
              <EventText event={e.event} />
            </td>
            <td>
              {e.event.automatic ? (
                t('history.byApp')
              ) : (
                <>
                  {/* In a team the step may have been written on another PC, which the entry does not name. */}
                  <span>{origin ? tTeam('origin.byUser') : t('history.byPerson')}</span>
                  <span className="rq-history__line rq-history__detail">{t('history.osAccount', { user: e.osUser })}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
