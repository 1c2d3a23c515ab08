/**
 * Reads every payout since a date: page 1, 2, … at the maximum page size until a short page,
 * like the pay-in pagination (a page count from the server is not trusted). The same payout on
 * two pages (the list shifts while a new payout is created) is kept once.
 */
import type { PayOutTransaction } from '@shared/domain'
import type { SecpaidClient } from '../secpaid'

export type PayoutClient = Pick<SecpaidClient, 'getPayOutTransactions'>

const PAGE_SIZE = 1000
const MAX_PAGES = 200

export async function fetchAllPayouts(
  client: PayoutClient,
  query: { startDate?: string },
  options: { signal?: AbortSignal } = {}
): Promise<PayOutTransaction[]> {
  const byId = new Map<string, PayOutTransaction>()
  for (let page = 1; page <= MAX_PAGES; page++) {
    options.signal?.throwIfAborted()
    const result = await client.getPayOutTransactions(
      { page, limit: PAGE_SIZE, ...(query.startDate !== undefined && { startDate: query.startDate }) },
      options.signal ? { signal: options.signal } : {}
    )
    for (const row of result.rows) byId.set(row.payoutId, row)
    if (result.rows.length < PAGE_SIZE) return [...byId.values()]
  }
  throw new Error(`More than ${MAX_PAGES} pages of payouts: stopped reading (is the server paging correctly?)`)
}
