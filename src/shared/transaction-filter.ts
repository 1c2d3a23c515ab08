/**
 * The transaction filter and the export formats: zod schemas (main parses every incoming filter
 * with them) and the types derived from them, so the two can never drift apart. The renderer only
 * imports the types, so zod stays out of its bundle unless it asks for a schema.
 */
import { z } from 'zod'
import { SEARCH_MAX_LENGTH } from './text-limits'
import { ROW_KINDS } from './views'

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD')
const cents = z.number().int().safe()

export const monthSchema = month
export const centsSchema = cents

export const periodFilterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  /** A Berlin month, YYYY-MM. */
  z.object({ kind: z.literal('month'), month }).strict(),
  /** Berlin dates YYYY-MM-DD, both inclusive. */
  z.object({ kind: z.literal('range'), from: date, to: date }).strict()
])
export type PeriodFilter = z.infer<typeof periodFilterSchema>

export const transactionFilterSchema = z
  .object({
    period: periodFilterSchema,
    /** Empty = all kinds. "Refunds only" = ['refund']; dispute refunds are their own option. */
    kinds: z.array(z.enum(ROW_KINDS)).max(4),
    /** Empty = all statuses. */
    statuses: z.array(z.string().max(40)).max(20),
    amountMinCents: cents.nullable(),
    amountMaxCents: cents.nullable(),
    /** Free text: recipient_note, transaction_id, pay_id, amount typed as "12,50" or "12.50". */
    search: z.string().max(SEARCH_MAX_LENGTH)
  })
  .strict()
export type TransactionFilter = z.infer<typeof transactionFilterSchema>

/** csv-de: German Excel (semicolon, decimal comma, BOM); csv: RFC 4180 with dots; json: the versioned document. */
export const EXPORT_FORMATS = ['csv-de', 'csv', 'json'] as const
export const exportFormatSchema = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof exportFormatSchema>

export function isExportFormat(value: string | null): value is ExportFormat {
  return value !== null && (EXPORT_FORMATS as readonly string[]).includes(value)
}
