/** What other features may use of the payouts feature. */
export { PayoutReconciliationSection } from './PayoutReconciliationSection'
