/** What other features may use of the refund-requests feature. */
export { RequestStateBadge } from './RequestStateBadge'
