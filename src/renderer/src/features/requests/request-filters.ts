/** Which ledger states each filter chip of the requests screen shows. Pure, so it is easy to test. */
import { OPEN_REQUEST_STATES, type RefundRequest, type RefundRequestState } from '@shared/views'

export const REQUEST_FILTERS = ['open', 'refunded', 'denied', 'rejected', 'all'] as const
export type RequestFilter = (typeof REQUEST_FILTERS)[number]

const STATES: Record<Exclude<RequestFilter, 'all'>, readonly RefundRequestState[]> = {
  open: OPEN_REQUEST_STATES,
  refunded: ['refunded'],
  denied: ['denied'],
  rejected: ['rejected']
}

export function matchesFilter(request: RefundRequest, filter: RequestFilter): boolean {
  return filter === 'all' || STATES[filter].includes(request.state)
}

export function countByFilter(requests: readonly RefundRequest[]): Record<RequestFilter, number> {
  const counts = { open: 0, refunded: 0, denied: 0, rejected: 0, all: requests.length }
  for (const r of requests) {
    for (const f of ['open', 'refunded', 'denied', 'rejected'] as const) if (STATES[f].includes(r.state)) counts[f] += 1
  }
  return counts
}

/** Newest first: the request the user just made is on top. ISO instants sort as strings. */
export function sortNewestFirst(requests: readonly RefundRequest[]): RefundRequest[] {
  return [...requests].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}

/** Actions the ledger allows (main enforces the same; this only decides what to offer). */
export function canCheckOrDeny(state: RefundRequestState): boolean {
  return state === 'submitted' || state === 'outcome_unknown'
}
