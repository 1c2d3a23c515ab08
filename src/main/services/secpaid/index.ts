/** Public API of the SecPaid client (plain Node; no electron import). */
export {
  PRODUCTION_BASE_URL,
  DEVELOPMENT_BASE_URL,
  resolveBaseUrl,
  validateBaseUrl,
  isLoopbackHost,
  isLoopbackBaseUrl,
  type ResolveBaseUrlOptions
} from './environments'
export {
  SecpaidError,
  AuthError,
  AUTH_FAILURE_MESSAGE,
  ApiRejection,
  RateLimited,
  NetworkError,
  ServerError,
  ProtocolError,
  InvalidInputError,
  BaseUrlError,
  RequestAborted,
  PaginationLimitError,
  REFUND_REJECTION_CODES,
  redact,
  toSafeJSON,
  refundOutcomeUnknown,
  type SecpaidErrorKind,
  type RefundRejectionCode,
  type SecpaidEndpoint,
  type SafeErrorJSON
} from './errors'
export {
  classifyRefundRejection,
  isAuthFailureMessage,
  isPermanentRefundRejection,
  type RefundRejectionContext
} from './refund-rejection'
export { parseEnvelope, parsePayInPage, parsePayOutPage, type Envelope, type WireResult } from './wire-schemas'
export {
  createRateLimiter,
  createRateLimiterRegistry,
  rateLimitFor,
  DEFAULT_MAX_PER_WINDOW,
  DEFAULT_WINDOW_MS,
  type RateLimiter,
  type RateLimiterOptions
} from './rate-limiter'
export { computeBackoffMs, parseRetryAfter, isRetryableListError, DEFAULT_RETRY, type RetryPolicy } from './backoff'
export { realSleep, type Sleep } from './sleep'
export { createTransport, DEFAULT_TIMEOUT_MS, type BodyEncoding, type FetchLike, type Transport } from './transport'
export {
  createSecpaidClient,
  type SecpaidClient,
  type SecpaidClientOptions,
  type PayInQuery,
  type PayOutQuery,
  type PayInResult,
  type PayOutResult,
  type RefundInput,
  type CallOptions
} from './client'
export { fetchAllPayIns, payInRowKey, type FetchAllOptions, type FetchAllResult } from './pagination'
export { MAX_LIMIT } from './validate'
