/**
 * Lengths of free text the user types, in one place: the IPC contract, the refund service's own
 * checks, the CLI (which goes through the contract) and the form fields all use these. 500 is
 * what the contract and the UI have always enforced; the service and the ledger used to allow
 * more, which only the CLI could reach.
 */

/** A refund request's note (required when the reason is "other"). */
export const REFUND_NOTE_MAX_LENGTH = 500

/** The reason SecPaid gave for denying a refund, as the user records it. */
export const DENIAL_REASON_MAX_LENGTH = 500

/** The search box of the transaction list. */
export const SEARCH_MAX_LENGTH = 200
