/**
 * Refund requests: the local ledger with its states, filters, actions, the audit
 * trail per request and a digest of what the last sync changed. Live updates come from the
 * shell's `useLiveUpdates` (ledgerChanged / syncState refresh these queries).
 */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRefundRequests, useSyncState } from '../../api/hooks'
import { useTeamStatus } from '../../api/team'
import { EmptyState, ErrorState, Spinner } from '../../components'
import { countByFilter, matchesFilter, sortNewestFirst, type RequestFilter } from './request-filters'
import { RequestsFilterBar } from './RequestsFilterBar'
import { RequestsTable } from './RequestsTable'
import { SyncDigest } from './SyncDigest'
import './requests.css'

export function RequestsScreen(): React.JSX.Element {
  const { t } = useTranslation('requests')
  const { t: tTeam } = useTranslation('team')
  const team = useTeamStatus()
  const requests = useRefundRequests()
  const sync = useSyncState()
  const [filter, setFilter] = useState<RequestFilter>('all')

  const all = useMemo(() => sortNewestFirst(requests.data ?? []), [requests.data])
  const counts = useMemo(() => countByFilter(all), [all])
  const visible = useMemo(() => all.filter((r) => matchesFilter(r, filter)), [all, filter])
  const digest = sync.data?.lastDigest ?? null

  return (
    <section className="rq-screen stack" aria-label={t('title')}>
      <p className="rq-intro muted">
        {t('intro')}
        {team.data?.configured ? ` ${tTeam('requestsIntro')}` : null}
        {counts.open > 0 ? <strong className="rq-open-count"> {t('openCount', { count: counts.open })}</strong> : null}
      </p>
      {digest ? <SyncDigest digest={digest} /> : null}
      {requests.isPending ? (
        <Spinner label={t('loading')} />
      ) : requests.isError ? (
        <ErrorState error={requests.error} title={t('loadError')} onRetry={() => void requests.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title={t('empty.title')} detail={t('empty.body')} />
      ) : (
        <>
          <RequestsFilterBar value={filter} counts={counts} onChange={setFilter} />
          {visible.length === 0 ? (
            <EmptyState title={t('empty.filtered')} />
          ) : (
            <div className="rq-table-wrap">
              <RequestsTable requests={visible} />
            </div>
          )}
        </>
      )}
    </section>
  )
}
