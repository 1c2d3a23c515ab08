/**
 * What a DATEV export needs to know about the client's books: the numbers the tax adviser's DATEV
 * uses for them (Berater-/Mandantennummer, fiscal-year start, account length, chart of accounts)
 * and the accounts SecPaid's money is booked on. Parsed at the edge (settings file, IPC) with
 * `datevSettingsSchema`; everything below trusts the parsed value.
 *
 * Default accounts and why they were chosen: docs/datev-export.md#accounts.
 */
import { z } from 'zod'

export const DATEV_CHARTS = ['SKR03', 'SKR04'] as const
export type DatevChart = (typeof DATEV_CHARTS)[number]

/** The accounts every booking of the export uses (general ledger accounts, digits as text). */
export interface DatevAccounts {
  /** SecPaid clearing account ("Geldtransit"): every booking touches it; its balance is what SecPaid still owes. */
  clearing: string
  /** Gross pay-ins are credited here, refunds debited. */
  revenue: string
  /** SecPaid's service fees (a negative fee is a credit on the same account). */
  fees: string
  /** Disputed money taken back, and returned when a dispute is refunded. */
  disputes: string
  /** The bank account SecPaid pays out to. */
  bank: string
}

/**
 * Defaults per chart. Numbers are for the standard account length 4; with a longer
 * Sachkontenlänge the adviser's numbers must be entered (the schema insists on the length).
 */
export const DATEV_DEFAULT_ACCOUNTS: Readonly<Record<DatevChart, Readonly<DatevAccounts>>> = Object.freeze({
  SKR03: Object.freeze({ clearing: '1360', revenue: '8400', fees: '4970', disputes: '8700', bank: '1200' }),
  SKR04: Object.freeze({ clearing: '1460', revenue: '4400', fees: '6855', disputes: '4700', bank: '1800' })
})

export interface DatevSettings {
  /** 1001–9999999, from the tax adviser. */
  beraternummer: number
  /** 1–99999, from the tax adviser. */
  mandantennummer: number
  /** Month (1–12) in which the client's fiscal year begins; always on the 1st. */
  fiscalYearStartMonth: number
  /** Digits of a general ledger account in the client's DATEV books (4–8, usually 4). */
  sachkontenlaenge: number
  chart: DatevChart
  accounts: DatevAccounts
  /** Two capital letters identifying who prepared the batch, or ''. */
  diktatkuerzel: string
  /** Lock the batch on import. Off by default: the adviser reviews before locking. */
  festschreibung: boolean
}

const accountNumber = z
  .string()
  .regex(/^\d{4,8}$/, 'An account number is 4 to 8 digits')
  .refine((s) => /[1-9]/.test(s), 'An account number cannot be all zeros')

export const datevAccountsSchema = z.strictObject({
  clearing: accountNumber,
  revenue: accountNumber,
  fees: accountNumber,
  disputes: accountNumber,
  bank: accountNumber
})

const ACCOUNT_FIELDS = ['clearing', 'revenue', 'fees', 'disputes', 'bank'] as const

export const datevSettingsSchema = z
  .strictObject({
    beraternummer: z.number().int().min(1001).max(9_999_999),
    mandantennummer: z.number().int().min(1).max(99_999),
    fiscalYearStartMonth: z.number().int().min(1).max(12),
    sachkontenlaenge: z.number().int().min(4).max(8),
    chart: z.enum(DATEV_CHARTS),
    accounts: datevAccountsSchema,
    diktatkuerzel: z.string().regex(/^(?:[A-Z]{2})?$/, 'Two capital letters or nothing'),
    festschreibung: z.boolean()
  })
  .superRefine((s, ctx) => {
    for (const field of ACCOUNT_FIELDS) {
      // DATEV reads an account of another length as a different (personal) account.
      if (s.accounts[field].length !== s.sachkontenlaenge) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', field],
          message: `Account must have ${s.sachkontenlaenge} digits (the Sachkontenlänge)`
        })
      }
    }
    // Every booking has the clearing account on one side; the other side must be another account.
    for (const field of ACCOUNT_FIELDS) {
      if (field !== 'clearing' && s.accounts[field] === s.accounts.clearing) {
        ctx.addIssue({ code: 'custom', path: ['accounts', field], message: 'Must differ from the clearing account' })
      }
    }
  })

/**
 * The settings form's starting point for a chart: everything except the two numbers only the tax
 * adviser can give (Berater- and Mandantennummer).
 */
export function datevSettingsDefaults(chart: DatevChart): Omit<DatevSettings, 'beraternummer' | 'mandantennummer'> {
  return {
    fiscalYearStartMonth: 1,
    sachkontenlaenge: 4,
    chart,
    accounts: { ...DATEV_DEFAULT_ACCOUNTS[chart] },
    diktatkuerzel: '',
    festschreibung: false
  }
}

// The interface documents each field; this keeps it identical to what the schema yields.
type SameShape = [z.infer<typeof datevSettingsSchema>] extends [DatevSettings]
  ? [DatevSettings] extends [z.infer<typeof datevSettingsSchema>] ? true : false
  : false
const _sameShape: SameShape = true
