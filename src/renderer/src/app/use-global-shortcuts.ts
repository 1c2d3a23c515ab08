/** App-wide keys. `?` opens the shortcut sheet (owned by features/shortcuts) via a window event. */
import { useEffect } from 'react'

export const SHORTCUTS_EVENT = 'secpaid:shortcuts'

/** True when the key goes to a text field (then single-letter shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  return false
}

/** True when a modal dialog is open (its own keys win). */
export function isDialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"]') !== null
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || isDialogOpen()) return
      e.preventDefault()
      window.dispatchEvent(new CustomEvent(SHORTCUTS_EVENT))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
