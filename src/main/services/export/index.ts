/** Public API of the export layer (plain Node; no electron import). */
export { exportTransactions, isStale, DEFAULT_STALE_AFTER_HOURS, type ExportOptions } from './export-transactions'
export { exportFileName } from './export-file-name'
export { JSON_EXPORT_SCHEMA, JSON_EXPORT_VERSION } from './export-json'
export { neutraliseFormula, encodeCell, encodeLine } from './csv-cells'
export { exportPayoutsCsv } from './export-payouts-csv'
