/**
 * The refund dialog's steps as a reducer: form → review → result. Pure, so the rules (no review
 * with an invalid form, errors shown only after the first "continue", the form kept on "back")
 * are read in one place.
 */
import { INITIAL_FORM, type RefundFormState } from './refund-form'

export type RefundStep = 'form' | 'review' | 'result'

export interface RefundDialogState {
  step: RefundStep
  form: RefundFormState
  /** Validation messages show after the first "continue", not while the user is still typing. */
  showErrors: boolean
}

export type RefundDialogAction =
  | { type: 'edit'; form: RefundFormState }
  | { type: 'continue'; valid: boolean }
  | { type: 'back' }
  | { type: 'settled' }

export const INITIAL_DIALOG: RefundDialogState = { step: 'form', form: INITIAL_FORM, showErrors: false }

export function refundDialogReducer(state: RefundDialogState, action: RefundDialogAction): RefundDialogState {
  switch (action.type) {
    case 'edit':
      return state.step === 'form' ? { ...state, form: action.form } : state
    case 'continue':
      if (state.step !== 'form') return state
      return { ...state, showErrors: true, step: action.valid ? 'review' : 'form' }
    case 'back':
      return state.step === 'review' ? { ...state, step: 'form' } : state
    case 'settled':
      // A send ended (answered, rejected or unknown): whatever happened is shown, never the form again.
      return { ...state, step: 'result' }
  }
}

/** True once the user typed or chose something that an outside click must not throw away. */
export function isDirty(state: RefundDialogState): boolean {
  return state.step !== 'form' || JSON.stringify(state.form) !== JSON.stringify(INITIAL_FORM)
}
