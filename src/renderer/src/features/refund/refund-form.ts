/** The refund form's state and its validation (pure, so the rules are easy to read and test). */
import { formatMoney, parseUserAmount, type UserAmountError } from '@shared/money'
import type { Cents } from '@shared/domain'
import { REFUND_NOTE_MAX_LENGTH } from '@shared/text-limits'
import type { Language, RefundEligibility, RefundReason } from '@shared/views'

export const NOTE_MAX = REFUND_NOTE_MAX_LENGTH

export interface RefundFormState {
  mode: 'full' | 'partial'
  amountText: string
  reason: RefundReason
  note: string
}

export const INITIAL_FORM: RefundFormState = { mode: 'full', amountText: '', reason: 'requested_by_customer', note: '' }

export type AmountProblem = UserAmountError | 'exceeds'

export interface ValidForm {
  amount: Cents
  isFullRefund: boolean
  reason: RefundReason
  note: string | null
}

export interface FormCheck {
  amountProblem: AmountProblem | null
  noteMissing: boolean
  valid: ValidForm | null
}

/** Reads the amount in the UI language first, then in the other one ("12.50" typed in German UI). */
export function parseRefundAmount(text: string, lang: Language): { ok: true; cents: Cents } | { ok: false; reason: UserAmountError } {
  const first = parseUserAmount(text, lang)
  if (first.ok) return first
  const second = parseUserAmount(text, lang === 'de' ? 'en' : 'de')
  return second.ok ? second : first
}

export function checkRefundForm(form: RefundFormState, elig: RefundEligibility, lang: Language): FormCheck {
  let amount: Cents | null = null
  let amountProblem: AmountProblem | null = null
  if (form.mode === 'full') {
    amount = elig.remaining
  } else {
    const parsed = parseRefundAmount(form.amountText, lang)
    if (!parsed.ok) amountProblem = parsed.reason
    else if (parsed.cents > elig.remaining) amountProblem = 'exceeds'
    else amount = parsed.cents
  }
  const note = form.note.trim()
  const noteMissing = form.reason === 'other' && note === ''
  const valid =
    amount !== null && amountProblem === null && !noteMissing
      ? { amount, isFullRefund: form.mode === 'full', reason: form.reason, note: note === '' ? null : note.slice(0, NOTE_MAX) }
      : null
  return { amountProblem, noteMissing, valid }
}

export function money(cents: Cents, lang: Language): string {
  return formatMoney(cents, lang)
}
