import { useEffect, useRef } from 'react'
import { isScreenKey, isTypingTarget } from './keyboard-scope'

/**
 * A single-key shortcut of the screen that is mounted: never while typing, from inside a dialog,
 * sheet or menu, or while one is open.
 */
export function useScreenShortcut(key: string, action: () => void, enabled = true): void {
  const ref = useRef(action)
  ref.current = action
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== key || !isScreenKey(e) || isTypingTarget(e.target)) return
      e.preventDefault()
      ref.current()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [key, enabled])
}
