/**
 * What a failed refresh of a payment from SecPaid means for the refund service.
 *
 * A new refund is checked against the payment as SecPaid sees it right now, not only against the
 * cache: a refund approved elsewhere (the web dashboard, another device) since the last sync must
 * count towards the remaining amount. Sending needs SecPaid anyway, so a refresh that cannot reach
 * it refuses the submit as offline — nothing is journaled and nothing is sent.
 */
import { NetworkError, RateLimited, SecpaidError } from '../secpaid/errors'
import { RefundServiceError } from './refund-errors'

/** Our own sentence for a refresh before a new request that failed. Never server text. */
export function refreshBeforeSubmitError(payId: string, err: unknown): RefundServiceError {
  if (err instanceof NetworkError || err instanceof RateLimited) {
    return new RefundServiceError(
      'offline',
      `Could not reach SecPaid to confirm what is still refundable for payment ${payId} (${err.message}); nothing was sent. A refund needs a connection to SecPaid.`
    )
  }
  const why = err instanceof SecpaidError ? err.message : 'unexpected error'
  return new RefundServiceError('refresh_failed', `Could not refresh payment ${payId} from SecPaid (${why}); nothing was sent.`)
}
