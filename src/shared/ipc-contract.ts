/**
 * Request schemas for every IPC method (zod). Main parses every argument with these before a
 * handler runs: anything the renderer sends is untrusted until it passes here.
 */
import { z } from 'zod'
import { TEAM_CONNECTION_MAX_LENGTH, TEAM_NAME_MAX_LENGTH } from './team'
import { ACCOUNT_NAME_MAX_LENGTH, ACROSS_ACCOUNTS_EXPORT_FORMATS, ADDABLE_ACCOUNT_ENVIRONMENTS, ADDED_ACCOUNT_ID_PATTERN } from './accounts'
import { BANK_STATEMENT_MAX_BYTES } from './bookkeeping-views'
import { datevSettingsSchema } from './datev-settings'
import { ENVIRONMENTS } from './domain'
import type { IpcMethod } from './ipc-channels'
import { PAY_ID_PATTERN } from './pay-id'
import { DENIAL_REASON_MAX_LENGTH, REFUND_NOTE_MAX_LENGTH } from './text-limits'
import { centsSchema, exportFormatSchema, monthSchema, periodFilterSchema, transactionFilterSchema } from './transaction-filter'
import { REFUND_REASONS, SORT_COLUMNS } from './views'

const month = monthSchema
const cents = centsSchema
const payId = z.string().regex(PAY_ID_PATTERN, 'pay_id is 1–18 digits')
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)
const empty = z.object({}).strict()
const addedAccountId = z.string().regex(ADDED_ACCOUNT_ID_PATTERN, 'not an account id')
/** An added account's id, or a built-in account's (its environment id). */
const accountId = z.union([z.enum(ENVIRONMENTS), addedAccountId])
const accountName = z
  .string()
  .trim()
  .min(1, 'the name is empty')
  .max(ACCOUNT_NAME_MAX_LENGTH)
  // Control characters would break the switcher, a file name or a terminal line.
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'the name contains control characters')

export { periodFilterSchema, transactionFilterSchema }

export const transactionQuerySchema = z
  .object({
    filter: transactionFilterSchema,
    sort: z.object({ column: z.enum(SORT_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000)
  })
  .strict()

export const ipcRequestSchemas = {
  getEnvironment: empty,
  setEnvironment: z.object({ env: z.enum(ENVIRONMENTS) }).strict(),
  getCredentialStatus: empty,
  saveApiKey: z.object({ key: z.string().min(1).max(512), sessionOnly: z.boolean() }).strict(),
  signOut: empty,
  getSyncState: empty,
  runSync: z.object({ full: z.boolean() }).strict(),
  dismissSyncNotices: empty,
  queryTransactions: transactionQuerySchema,
  getTransaction: z.object({ key: z.string().min(1).max(200) }).strict(),
  listStatuses: empty,
  getRefundEligibility: z.object({ payId }).strict(),
  submitRefund: z
    .object({
      payId,
      amount: cents.positive(),
      isFullRefund: z.boolean(),
      reason: z.enum(REFUND_REASONS),
      note: z.string().max(REFUND_NOTE_MAX_LENGTH).nullable(),
      /**
       * Team mode with the database unreachable: the user chose to send on this PC alone (the
       * other PCs can then neither see nor block this refund until the database is back).
       */
      withoutTeam: z.literal(true).optional()
    })
    .strict(),
  listRefundRequests: empty,
  checkRefundRequest: z.object({ requestId }).strict(),
  markRefundDenied: z.object({ requestId, reason: z.string().trim().min(1).max(DENIAL_REASON_MAX_LENGTH) }).strict(),
  exportTransactions: z
    .object({ filter: transactionFilterSchema, format: exportFormatSchema, language: z.enum(['de', 'en']) })
    .strict(),
  getSettings: empty,
  updateSettings: z
    .object({
      language: z.enum(['de', 'en']).nullable().optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      transactionFilter: transactionFilterSchema.nullable().optional(),
      historyWindowMonths: z.number().int().min(1).max(60).optional()
    })
    .strict(),
  getReviewState: z.object({ month }).strict(),
  setReviewed: z.object({ month, keys: z.array(z.string().min(1).max(200)).min(1).max(5000), reviewed: z.boolean() }).strict(),
  listPayouts: empty,
  getPayoutReconciliation: z.object({ month }).strict(),
  getPayoutEntries: z.object({ payoutId: z.string().min(1).max(100) }).strict(),
  exportPayoutReconciliation: z.object({ month, format: z.enum(['csv-de', 'csv']), language: z.enum(['de', 'en']) }).strict(),
  getDatevSettings: empty,
  saveDatevSettings: z.object({ settings: datevSettingsSchema }).strict(),
  exportDatev: z.object({ month }).strict(),
  checkBankStatement: z
    .object({
      month,
      // base64 of the file's bytes (a bank CSV may be Windows-1252 or UTF-16: no text decoding here).
      base64: z
        .string()
        .max(Math.ceil(BANK_STATEMENT_MAX_BYTES / 3) * 4, 'The file is larger than 10 MB')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64')
    })
    .strict(),
  listAccounts: empty,
  addAccount: z.object({ name: accountName, env: z.enum(ADDABLE_ACCOUNT_ENVIRONMENTS) }).strict(),
  renameAccount: z.object({ id: addedAccountId, name: accountName }).strict(),
  removeAccount: z.object({ id: addedAccountId }).strict(),
  switchAccount: z.object({ id: accountId }).strict(),
  getMonthAcrossAccounts: z.object({ month }).strict(),
  exportMonthAcrossAccounts: z
    .object({ month, format: z.enum(ACROSS_ACCOUNTS_EXPORT_FORMATS), language: z.enum(['de', 'en']) })
    .strict(),
  getTeamSettings: empty,
  saveTeamSettings: z
    .object({
      connectionString: z.string().trim().min(1).max(TEAM_CONNECTION_MAX_LENGTH),
      teamName: z.string().trim().min(1, 'the team name is empty').max(TEAM_NAME_MAX_LENGTH).regex(/^[^\p{Cc}\p{Cf}]+$/u, 'the name contains control characters')
    })
    .strict(),
  testTeamConnection: empty,
  removeTeamSettings: empty,
  getTeamStatus: empty,
  syncTeamNow: empty
} satisfies Record<IpcMethod, z.ZodType>

export type IpcRequests = { [M in IpcMethod]: z.input<(typeof ipcRequestSchemas)[M]> }
