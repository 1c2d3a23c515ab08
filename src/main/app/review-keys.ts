/**
 * Which review ticks a `setReviewed` call may change. The review file is written from whatever
 * keys arrive, so without this check any caller could fill it with invented strings. A key is
 * accepted only when it names a row of that month in the transaction index — or, when un-ticking,
 * a key already ticked for that month (a row may have left the cache since; its tick can still be
 * removed). A call never carries more distinct keys than the month has rows (the contract also
 * caps every key at 200 characters). Refused calls change nothing.
 */
import { AppError } from './app-errors'

export interface ReviewKeyCheck {
  month: string
  keys: readonly string[]
  reviewed: boolean
  /** Keys of the month's rows in the transaction index. */
  monthKeys: ReadonlySet<string>
  /** Keys ticked for the month right now. */
  tickedKeys: ReadonlySet<string>
}

/** The distinct keys to apply; throws AppError('invalid_argument', …, 'unknown_review_key' | 'too_many_review_keys'). */
export function acceptedReviewKeys(check: ReviewKeyCheck): string[] {
  const keys = [...new Set(check.keys)]
  const allowed = check.reviewed ? check.monthKeys.size : check.monthKeys.size + check.tickedKeys.size
  if (keys.length > allowed) {
    throw new AppError('invalid_argument', `${check.month} has only ${check.monthKeys.size} rows to tick.`, 'too_many_review_keys')
  }
  const unknown = keys.filter((k) => !check.monthKeys.has(k) && (check.reviewed || !check.tickedKeys.has(k)))
  if (unknown.length > 0) {
    throw new AppError('invalid_argument', `${unknown.length} of the keys are not rows of ${check.month} in the local cache.`, 'unknown_review_key')
  }
  return keys
}
