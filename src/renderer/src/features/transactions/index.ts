/** What other features may use of the transactions feature. */
export { useStatusLabel } from './RowBadges'
