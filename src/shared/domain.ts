/**
 * Domain types shared by main, preload and renderer. Pure data: no Node, no DOM, no Electron.
 *
 * Money is always integer euro cents (`Cents`); see money.ts for parsing and formatting.
 * Timestamps from SecPaid are kept as the API gives them ("YYYY-MM-DD HH:MM:SS", Europe/Berlin
 * wall-clock, docs/secpaid-api.md#data-types); berlin-time.ts converts them to instants and months.
 */

/** Integer number of euro cents. Negative for refund entries. */
export type Cents = number

/**
 * Transaction types the API documents (docs/secpaid-api.md#getpayintransactions). Unknown values
 * from the server are kept as-is.
 */
export const KNOWN_TRANSACTION_TYPES = [
  'Basic',
  'Split',
  'Personal QR',
  'Refund',
  'Dispute',
  'Dispute Refund'
] as const
export type KnownTransactionType = (typeof KNOWN_TRANSACTION_TYPES)[number]

/** One row of getPayInTransactions, parsed. */
export interface PayInTransaction {
  /** Payment id = originating link id; the id refundPayment takes. Digits, kept as a string. */
  payId: string
  /** `YYYYMMDD-pi-XXXXXXXXXX`; optional in the API (absent from the new reference example). */
  transactionId: string | null
  creatorId: string | null
  userId: string | null
  /** Gross amount; negative on refund entries. */
  amount: Cents
  netAmount: Cents | null
  serviceFee: Cents | null
  serviceFeePsp: Cents | null
  /** `Success`, `Pending`, … — unknown values kept. */
  status: string
  recipientNote: string
  payoutStatus: string | null
  /** Berlin wall-clock `YYYY-MM-DD HH:MM:SS`, exactly as the API sent it. */
  createdAt: string
  isSplitLink: boolean
  isDispute: boolean
  isRefund: boolean
  paymentMethod: string | null
  /** KnownTransactionType or an unknown value kept verbatim. */
  transactionType: string
}

/** One row of getPayOutTransactions, parsed. */
export interface PayOutTransaction {
  payoutId: string
  userId: string | null
  transactionId: string | null
  payoutAmount: Cents
  serviceFee: Cents | null
  netAmount: Cents | null
  payoutStatus: string
  /** `YYYY-MM-DD`: the day whose payments were aggregated. */
  requestDate: string | null
  createdAt: string
  isSplitLink: boolean
  isDispute: boolean
  isRefund: boolean
  transactionType: string
}

/**
 * Environments the app can talk to. `demo` is the in-process simulator; `custom` comes from
 * SECPAID_API_BASE.
 */
export const ENVIRONMENTS = ['production', 'development', 'demo', 'custom'] as const
export type EnvironmentId = (typeof ENVIRONMENTS)[number]
