/** Public API of the transaction query layer (plain Node; no electron import). */
export { rowKindOf, isRefundEntry } from './row-kind'
export {
  createTransactionIndex,
  sameRow,
  type TransactionIndex,
  type IndexedRow,
  type IndexDiff,
  type OpenRequestsFor
} from './transaction-index'
export { createQueryEngine, computeTotals, emptyTotals, type QueryEngine, type QueryEngineOptions } from './query-engine'
export { searchAmounts } from './transaction-filter'
