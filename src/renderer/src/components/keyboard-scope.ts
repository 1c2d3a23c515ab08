/**
 * Who owns a key press. Screen-level shortcuts (the transaction grid's keys, `?`, `e`) must never
 * act behind a dialog, sheet or menu: a refund dialog's ↓ belongs to its radio buttons, not to the
 * grid behind it, which would otherwise move the selection to another payment.
 */

/** Anything that is modal or owns its own arrow keys (a popover such as the account switcher's list). */
const OVERLAY_SELECTOR = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [aria-modal="true"], [data-popover="true"]'

/** True when the key goes to a text field (then single-letter shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  return false
}

/** True when the event's target sits inside a dialog, sheet or menu. */
export function isInsideOverlay(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(OVERLAY_SELECTOR) !== null
}

/** True when a modal dialog or sheet is open anywhere in the document (its own keys win). */
export function isModalOpen(): boolean {
  return document.querySelector('[aria-modal="true"], [role="alertdialog"]') !== null
}

/** True when focus is on no particular element (the page itself). */
export function isUnfocusedTarget(target: EventTarget | null): boolean {
  return target === null || target === document.body || target === document.documentElement || target === document
}

/**
 * A key a screen-level handler may act on: no modifier, not already handled, not from inside an
 * overlay and with no modal open.
 */
export function isScreenKey(e: KeyboardEvent): boolean {
  return !(e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isInsideOverlay(e.target) || isModalOpen())
}
