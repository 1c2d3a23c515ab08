/**
 * Guards a confirm button against a key press that began elsewhere. Enter on "Continue" moves the
 * dialog to its review step; if that Enter is held (auto-repeat) or a second one follows at once,
 * the browser would "click" the review step's confirm button that now has focus. Here a click
 * counts only when the Enter/Space that produced it went down on the button itself, and a held
 * key never confirms.
 */
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react'

export interface KeyOriginGuard {
  /** True when this click may act (a pointer click, or a key that started on this button). */
  allowsClick: (e: MouseEvent<HTMLElement>) => boolean
  /** Put on the guarded button: an auto-repeating Enter/Space does nothing. */
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void
}

export function useKeyOriginGuard(): KeyOriginGuard {
  const keyOrigin = useRef<{ key: string; target: EventTarget | null } | null>(null)
  useEffect(() => {
    const down = (e: globalThis.KeyboardEvent): void => {
      if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) keyOrigin.current = { key: e.key, target: e.target }
    }
    const up = (e: globalThis.KeyboardEvent): void => {
      if (keyOrigin.current?.key === e.key) keyOrigin.current = null
    }
    const reset = (): void => {
      keyOrigin.current = null
    }
    window.addEventListener('keydown', down, true)
    window.addEventListener('keyup', up, true)
    window.addEventListener('blur', reset)
    return () => {
      window.removeEventListener('keydown', down, true)
      window.removeEventListener('keyup', up, true)
      window.removeEventListener('blur', reset)
    }
  }, [])
  return {
    allowsClick: (e) => {
      const origin = keyOrigin.current
      return origin === null || origin.target === e.currentTarget
    },
    onKeyDown: (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.repeat) e.preventDefault()
    }
  }
}
