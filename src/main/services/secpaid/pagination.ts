/**
 * Reads every pay-in page (docs/secpaid-api.md#getpayintransactions): page 1, 2, … at limit 1000
 * until a short or empty page. `totalRecords` is not trusted (docs/secpaid-api.md#totalrecords).
 * Rows repeated across pages (the list may shift while new payments arrive,
 * docs/secpaid-api.md#pages-shift-while-payments-arrive) are dropped by transaction_id, else by
 * (pay_id, transaction_type, amount, created_at), and counted.
 */
import type { Cents, PayInTransaction } from '@shared/domain'
import type { PayInQuery, SecpaidClient } from './client'
import { InvalidInputError, PaginationLimitError } from './errors'
import { throwIfAborted } from './sleep'
import { MAX_LIMIT } from './validate'

export interface FetchAllOptions {
  pageSize?: number
  maxPages?: number
  onProgress?: (progress: { pages: number; rows: number }) => void
  /**
   * Each page's new rows (duplicates of earlier pages already dropped), as it arrives and before
   * `onProgress`: a sync shows them at once instead of after the last page. A throw ends the fetch.
   */
  onPage?: (rows: PayInTransaction[]) => void
  /**
   * false: `rows` of the result stays empty (`rowCount` still counts them). For a caller that keeps
   * what `onPage` gave it in another form: 200k rows held twice cost the GC dearly.
   */
  keepRows?: boolean
  /**
   * false: repeats are not looked for (`duplicatesDropped` stays 0), for a caller that keys every
   * row itself anyway — the sync's index keeps one row per key, the later copy. A first sync would
   * otherwise hash 200k ids twice.
   */
  dropRepeats?: boolean
  signal?: AbortSignal
}

export interface FetchAllResult {
  rows: PayInTransaction[]
  /** Rows delivered (duplicates dropped), kept or not. */
  rowCount: number
  pages: number
  duplicatesDropped: number
  /** From the first page, informational. */
  totalRecords: number | null
  expectedPayout: Cents | null
}

export function payInRowKey(row: PayInTransaction): string {
  return row.transactionId !== null
    ? `t:${row.transactionId}`
    : `k:${row.payId}|${row.transactionType}|${row.amount}|${row.createdAt}`
}

export async function fetchAllPayIns(
  client: Pick<SecpaidClient, 'getPayInTransactions'>,
  query: Omit<PayInQuery, 'page' | 'limit'> = {},
  options: FetchAllOptions = {}
): Promise<FetchAllResult> {
  const pageSize = options.pageSize ?? MAX_LIMIT
  const maxPages = options.maxPages ?? 1000
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_LIMIT) {
    throw new InvalidInputError('pageSize', `must be an integer from 1 to ${MAX_LIMIT}`)
  }
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new InvalidInputError('maxPages', 'must be ≥ 1')

  const rows: PayInTransaction[] = []
  const keepRows = options.keepRows ?? true
  const dropRepeats = options.dropRepeats ?? true
  let rowCount = 0
  // Two sets instead of one of payInRowKey strings: the id itself needs no new string per row.
  const seenIds = new Set<string>()
  const seenTuples = new Set<string>()
  let duplicatesDropped = 0
  let totalRecords: number | null = null
  let expectedPayout: Cents | null = null
  for (let pageNo = 1; ; pageNo++) {
    throwIfAborted(options.signal)
    const result = await client.getPayInTransactions({ ...query, page: pageNo, limit: pageSize }, { signal: options.signal })
    if (pageNo === 1) {
      totalRecords = result.totalRecords
      expectedPayout = result.expectedPayout
    }
    // The page itself unless a repeat turns up (rare): then a copy without the repeats.
    let fresh: PayInTransaction[] | null = null
    const got = result.rows
    for (let i = 0; dropRepeats && i < got.length; i++) {
      const row = got[i] as PayInTransaction
      const seen = row.transactionId !== null ? seenIds : seenTuples
      // add + size instead of has + add: one hash lookup per row, 200k of them in a first sync.
      const before = seen.size
      seen.add(row.transactionId ?? payInRowKey(row))
      if (seen.size === before) {
        duplicatesDropped++
        fresh ??= got.slice(0, i)
        continue
      }
      fresh?.push(row)
    }
    const page = fresh ?? got
    rowCount += page.length
    if (keepRows) for (const row of page) rows.push(row)
    options.onPage?.(page)
    options.onProgress?.({ pages: pageNo, rows: rowCount })
    if (result.rows.length < pageSize) {
      return { rows, rowCount, pages: pageNo, duplicatesDropped, totalRecords, expectedPayout }
    }
    if (pageNo >= maxPages) throw new PaginationLimitError(maxPages, rowCount)
  }
}
