/**
 * Request schemas for every IPC method (zod). Main parses every argument with these before a
 * handler runs: anything the renderer sends is untrusted until it passes here.
 */
import { z } from 'zod'
import { ENVIRONMENTS } from './domain'
import type { IpcMethod } from './ipc-channels'
import { PAY_ID_PATTERN } from './pay-id'
import { REFUND_REASONS, SORT_COLUMNS } from './views'

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD')
const cents = z.number().int().safe()
const payId = z.string().regex(PAY_ID_PATTERN, 'pay_id is 1–18 digits')
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)
const rowKind = z.enum(['payment', 'refund', 'dispute', 'dispute_refund'])
const empty = z.object({}).strict()

export const periodFilterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('month'), month }).strict(),
  z.object({ kind: z.literal('range'), from: date, to: date }).strict()
])

export const transactionFilterSchema = z
  .object({
    period: periodFilterSchema,
    kinds: z.array(rowKind).max(4),
    statuses: z.array(z.string().max(40)).max(20),
    amountMinCents: cents.nullable(),
    amountMaxCents: cents.nullable(),
    search: z.string().max(200)
  })
  .strict()

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
      note: z.string().max(500).nullable()
    })
    .strict(),
  listRefundRequests: empty,
  checkRefundRequest: z.object({ requestId }).strict(),
  markRefundDenied: z.object({ requestId, reason: z.string().trim().min(1).max(500) }).strict(),
  exportTransactions: z
    .object({ filter: transactionFilterSchema, format: z.enum(['csv-de', 'csv', 'json']), language: z.enum(['de', 'en']) })
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
  setReviewed: z.object({ month, keys: z.array(z.string().min(1).max(200)).min(1).max(5000), reviewed: z.boolean() }).strict()
} satisfies Record<IpcMethod, z.ZodType>

export type IpcRequests = { [M in IpcMethod]: z.input<(typeof ipcRequestSchemas)[M]> }
