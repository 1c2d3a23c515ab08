/** Input checks before anything is sent (docs/secpaid-api.md#requests). */
import type { Cents } from '@shared/domain'
import { isPayId } from '@shared/pay-id'
import { InvalidInputError } from './errors'

/** `limit` max 1000. The old page's 10000 is never sent (docs/secpaid-api.md#limit-above-1000). */
export const MAX_LIMIT = 1000
const MAX_SEARCH_LENGTH = 500

export function checkPage(page: number | undefined): string | undefined {
  if (page === undefined) return undefined
  if (!Number.isSafeInteger(page) || page < 1) throw new InvalidInputError('page', 'must be an integer ≥ 1')
  return String(page)
}

export function checkLimit(limit: number | undefined): string | undefined {
  if (limit === undefined) return undefined
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidInputError('limit', `must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return String(limit)
}

/**
 * `since` = last N days. Whether 0 means "no restriction" or "today" is
 * unknown (docs/secpaid-api.md#since-means-the-last-n-berlin-days), so 0 is never sent — omit
 * `since` for "no restriction", use `date` for one day.
 */
export function checkSince(since: number | undefined): string | undefined {
  if (since === undefined) return undefined
  if (!Number.isInteger(since) || since < 1 || since > 36_500) {
    throw new InvalidInputError('since', 'must be a whole number of days ≥ 1 (omit it for no restriction)')
  }
  return String(since)
}

export function checkDate(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) throw new InvalidInputError(field, 'must be YYYY-MM-DD')
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new InvalidInputError(field, 'is not a calendar date')
  }
  return value
}

export function checkSearch(search: string | undefined): string | undefined {
  if (search === undefined) return undefined
  // eslint-disable-next-line no-control-regex
  if (search.length > MAX_SEARCH_LENGTH || /[\u0000-\u001f\u007f]/.test(search)) {
    throw new InvalidInputError('search', `must be at most ${MAX_SEARCH_LENGTH} characters without control characters`)
  }
  return search === '' ? undefined : search
}

export function checkPayId(payId: string | undefined, field = 'payId'): string | undefined {
  if (payId === undefined) return undefined
  if (!isPayId(payId)) throw new InvalidInputError(field, 'must be digits')
  return payId
}

export function checkRefundAmount(amount: Cents): Cents {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new InvalidInputError('amount', 'must be a positive whole number of cents')
  }
  return amount
}
