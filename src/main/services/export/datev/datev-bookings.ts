/**
 * A month of SecPaid rows (and the payouts of that month) as double-entry bookings.
 *
 * Every booking has the SecPaid clearing account as its Konto, so the Soll/Haben mark reads like
 * a statement of that account: S = money arrives at SecPaid for the merchant, H = it leaves
 * (refund, dispute, fee, payout). The amounts follow the same signed rules by kind as the totals
 * (query/totals.ts), never the sign SecPaid sent, so the clearing account's movements add up to
 * the month's "net − fees" minus the payouts. Rules and choices: docs/datev-export.md#bookings.
 *
 * Pure: no clock, no I/O. Texts are kept as written here; the file writer makes them fit DATEV.
 */
import { berlinDateOf, berlinMonthOf, isValidDate } from '@shared/berlin-time'
import type { Cents } from '@shared/domain'
import type { RowKind, TransactionView } from '@shared/views'
import { signedAmount } from '../../query/totals'
import { DATEV_MAX_AMOUNT_CENTS } from './datev-format'
import type { DatevAccounts } from './datev-settings'

/** What a booking needs from a transaction row. */
export type DatevBookingRow = Pick<
  TransactionView,
  'key' | 'kind' | 'payId' | 'transactionId' | 'amount' | 'serviceFee' | 'serviceFeePsp' | 'createdAt' | 'recipientNote' | 'status'
>

/** The only status of which we know the money has moved (other values: `Pending`, or unknown ones kept as sent). */
export const DATEV_BOOKED_STATUS = 'Success'

/** A row of the month the export did not book, so the UI can say which and how much. */
export interface DatevSkippedRow {
  key: string
  payId: string
  kind: RowKind
  status: string
  /** The row's amount and fees with the signs the totals give them. */
  signedAmount: Cents
  fees: Cents
}

/**
 * Splits a month's rows into those to book and those not (yet) to book: a payment still
 * "Pending" (or in any status but Success) has moved no money, and booking it would put revenue
 * into the books that may never arrive. The Month-end totals include such rows; the skipped list
 * is the difference, so the screen can say by how much and why the file differs.
 */
export function selectBookableRows<R extends DatevBookingRow>(rows: readonly R[]): { bookable: R[]; skipped: DatevSkippedRow[] } {
  const bookable: R[] = []
  const skipped: DatevSkippedRow[] = []
  for (const row of rows) {
    if (row.status === DATEV_BOOKED_STATUS) {
      bookable.push(row)
    } else {
      skipped.push({
        key: row.key,
        payId: row.payId,
        kind: row.kind,
        status: row.status,
        signedAmount: signedAmount(row.kind, row.amount),
        fees: (row.serviceFee ?? 0) + (row.serviceFeePsp ?? 0)
      })
    }
  }
  return { bookable, skipped }
}

/** A payout of the month: SecPaid's transfer to the merchant's bank (negative: a debit). */
export interface DatevPayout {
  id: string
  /** Berlin date "YYYY-MM-DD" the bank sees the money (must lie in the exported month). */
  date: string
  amountCents: Cents
}

export type DatevBookingKind = RowKind | 'fee' | 'payout'

export interface DatevBooking {
  kind: DatevBookingKind
  /** Always > 0: DATEV takes the direction from `side`, never from a sign. */
  amountCents: Cents
  /** Relative to `konto` (the clearing account): S = debit (money in), H = credit (money out). */
  side: 'S' | 'H'
  konto: string
  gegenkonto: string
  /** Berlin date "YYYY-MM-DD" (the row's created_at date, the payout's date). */
  date: string
  /** The document number: the pay_id for rows, the payout id for payouts. */
  belegfeld1: string
  buchungstext: string
  /** Shown as Zusatzinformation so every line leads back to its SecPaid row or payout. */
  reference: { label: 'Transaktion' | 'Auszahlung'; value: string } | null
  /** Cache key of the row, or the payout id: which input produced the booking. */
  source: string
}

export interface DatevBookingsInput {
  /** Berlin month "YYYY-MM"; every row and payout must belong to it. */
  month: string
  rows: readonly DatevBookingRow[]
  payouts?: readonly DatevPayout[]
  accounts: DatevAccounts
}

/** The input does not describe one month (a caller error: nothing is exported). */
export class DatevInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DatevInputError'
  }
}

const KIND_TEXT: Record<RowKind, string> = {
  payment: 'SecPaid Zahlung',
  refund: 'SecPaid Erstattung',
  dispute: 'SecPaid Rückbelastung',
  dispute_refund: 'SecPaid Rückbelastung erstattet'
}

/** Which account the other side of a row's main booking is. */
function counterAccount(kind: RowKind, accounts: DatevAccounts): string {
  return kind === 'dispute' || kind === 'dispute_refund' ? accounts.disputes : accounts.revenue
}

function checkAmount(cents: Cents, what: string): void {
  if (!Number.isSafeInteger(cents)) throw new DatevInputError(`${what}: amount is not a whole number of cents`)
  if (Math.abs(cents) > DATEV_MAX_AMOUNT_CENTS) throw new DatevInputError(`${what}: amount exceeds what DATEV accepts`)
}

interface Sortable {
  booking: DatevBooking
  at: string
  rank: number
}

/** Effect on the clearing account in cents (+ in, − out) → booking amount and side; null for 0. */
function direction(effect: Cents): { amountCents: Cents; side: 'S' | 'H' } | null {
  if (effect === 0) return null
  return { amountCents: Math.abs(effect), side: effect > 0 ? 'S' : 'H' }
}

export function buildDatevBookings(input: DatevBookingsInput): DatevBooking[] {
  const { month, accounts } = input
  const out: Sortable[] = []

  for (const row of input.rows) {
    if (berlinMonthOf(row.createdAt) !== month) {
      throw new DatevInputError(`Row ${row.key} is from ${row.createdAt.slice(0, 7)}, not ${month}`)
    }
    checkAmount(row.amount, `Row ${row.key}`)
    const date = berlinDateOf(row.createdAt)
    const note = row.recipientNote.trim()
    const reference = row.transactionId ? { label: 'Transaktion' as const, value: row.transactionId } : null

    // The row's money, with the sign its kind gives it (a payment with amount ≤ 0 adds nothing, as in the totals).
    const main = direction(signedAmount(row.kind, row.amount))
    if (main) {
      out.push({
        at: row.createdAt,
        rank: 0,
        booking: {
          kind: row.kind,
          ...main,
          konto: accounts.clearing,
          gegenkonto: counterAccount(row.kind, accounts),
          date,
          belegfeld1: row.payId,
          buchungstext: `${KIND_TEXT[row.kind]} ${row.payId}${note ? ` ${note}` : ''}`,
          reference,
          source: row.key
        }
      })
    }

    // Fees as sent: a cost leaves the clearing account, a negative fee (a credit) arrives.
    const fee = (row.serviceFee ?? 0) + (row.serviceFeePsp ?? 0)
    checkAmount(fee, `Row ${row.key} fee`)
    const feeDir = direction(-fee)
    if (feeDir) {
      out.push({
        at: row.createdAt,
        rank: 1,
        booking: {
          kind: 'fee',
          ...feeDir,
          konto: accounts.clearing,
          gegenkonto: accounts.fees,
          date,
          belegfeld1: row.payId,
          buchungstext: `${fee > 0 ? 'SecPaid Gebühr' : 'SecPaid Gebührengutschrift'} ${row.payId}`,
          reference,
          source: row.key
        }
      })
    }
  }

  for (const payout of input.payouts ?? []) {
    if (!isValidDate(payout.date) || payout.date.slice(0, 7) !== month) {
      throw new DatevInputError(`Payout ${payout.id} is dated ${payout.date}, not in ${month}`)
    }
    checkAmount(payout.amountCents, `Payout ${payout.id}`)
    // A payout moves money from SecPaid to the bank: out of the clearing account.
    const dir = direction(-payout.amountCents)
    if (!dir) continue
    out.push({
      // After the day's pay-ins: a payout is the day's last movement on the clearing account.
      at: `${payout.date} 24:00:00`,
      rank: 2,
      booking: {
        kind: 'payout',
        ...dir,
        konto: accounts.clearing,
        gegenkonto: accounts.bank,
        date: payout.date,
        belegfeld1: payout.id,
        buchungstext: `SecPaid Auszahlung ${payout.id}`,
        reference: { label: 'Auszahlung', value: payout.id },
        source: payout.id
      }
    })
  }

  // A fixed order (time, then source, then main before fee) so the same month gives the same file.
  out.sort((a, b) =>
    a.at !== b.at ? (a.at < b.at ? -1 : 1)
    : a.booking.source !== b.booking.source ? (a.booking.source < b.booking.source ? -1 : 1)
    : a.rank - b.rank
  )
  return out.map((s) => s.booking)
}

/** The booking's effect on the clearing account in signed cents (+ S, − H). */
export function clearingEffect(b: Pick<DatevBooking, 'amountCents' | 'side'>): Cents {
  return b.side === 'S' ? b.amountCents : -b.amountCents
}
