/**
 * Bank-statement cross-check: read a camt.053 file or a bank CSV export, then pair SecPaid payouts
 * with the bank's credits. Pure functions over bytes and arrays; reading the file and showing the
 * result belong to the caller.
 */
import { BankImportError, type BankImportLimits, type BankStatementImport } from './bank-credit'
import { parseBankCsv, type BankCsvImport } from './bank-csv'
import { parseCamt053, type Camt053Import } from './camt053'
import { matchPayoutsToBank, type MatchOptions, type PayoutForMatching, type PayoutMatchResult } from './match-payouts'

export * from './bank-credit'
export { parseBankCsv, parseBankAmount, parseBankDate, decodeBankText, type BankCsvImport, type CsvColumnsUsed, type CsvField } from './bank-csv'
export { parseCamt053, type Camt053Import } from './camt053'
export * from './match-payouts'

export type BankImport = Camt053Import | BankCsvImport

/**
 * Reads a bank statement of either kind. The content decides, not the file name: XML (first
 * non-blank character "<") is read as camt.053, anything else as CSV.
 */
export function importBankStatement(bytes: Uint8Array, limits: BankImportLimits = {}): BankImport {
  let i = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++
  if (i === bytes.length) throw new BankImportError('empty', 'The file is empty.')
  return bytes[i] === 0x3c /* < */ ? parseCamt053(bytes, limits) : parseBankCsv(bytes, limits)
}

/** Matches payouts against an imported statement, using the statement's own period for causes. */
export function reconcileBankStatement(
  statement: BankStatementImport,
  payouts: readonly PayoutForMatching[],
  opts: Omit<MatchOptions, 'statementPeriod'> = {}
): PayoutMatchResult {
  return matchPayoutsToBank(payouts, statement.credits, { ...opts, statementPeriod: statement.period })
}
