/**
 * Keys of the transaction screen: / search, ↑/↓ and j/k move, Enter details, r refund, e export.
 * Row keys act only when focus is in the grid (or on nothing): elsewhere ↓ belongs to whatever has
 * focus. Nothing here acts while typing, from inside a dialog or sheet, or while one is open.
 */
import { useEffect, useRef, type RefObject } from 'react'
import { isScreenKey, isTypingTarget, isUnfocusedTarget } from '../../components/keyboard-scope'

export interface TableKeyboardActions {
  total: number
  selectedIndex: number | null
  /** Moves the selection by delta rows (functional, so fast key repeat never loses a step). */
  move: (delta: number) => void
  select: (index: number) => void
  openDetail: () => void
  closeDetail: () => boolean
  refund: () => void
  exportView: () => void
  focusSearch: () => void
  pageSize: number
  gridRef: RefObject<HTMLElement | null>
}

/** Keys that work anywhere on the transaction screen (outside text fields and overlays). */
function screenAction(key: string, a: TableKeyboardActions): (() => void) | null {
  switch (key) {
    case '/':
      return a.focusSearch
    case 'e':
      return a.exportView
    default:
      return null
  }
}

/** Keys that act on the grid's rows; only while focus is in the grid or on nothing. */
function rowAction(key: string, a: TableKeyboardActions): (() => void) | null {
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return () => a.move(1)
    case 'ArrowUp':
    case 'k':
      return () => a.move(-1)
    case 'PageDown':
      return () => a.move(a.pageSize)
    case 'PageUp':
      return () => a.move(-a.pageSize)
    case 'Home':
      return a.total > 0 ? () => a.select(0) : null
    case 'End':
      return a.total > 0 ? () => a.select(a.total - 1) : null
    case 'Enter':
      return a.selectedIndex === null ? null : a.openDetail
    case 'r':
      return a.selectedIndex === null ? null : a.refund
    default:
      return null
  }
}

export function useTableKeyboard(actions: TableKeyboardActions): void {
  const ref = useRef(actions)
  ref.current = actions

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isScreenKey(e)) return
      const a = ref.current
      if (e.key === 'Escape' && a.closeDetail()) {
        e.preventDefault()
        return
      }
      if (isTypingTarget(e.target)) return
      // Buttons and links (e.g. a sortable column header) keep Enter for themselves.
      if (e.key === 'Enter' && (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement)) return
      const inGrid = e.target instanceof Node && a.gridRef.current?.contains(e.target) === true
      const action = screenAction(e.key, a) ?? (inGrid || isUnfocusedTarget(e.target) ? rowAction(e.key, a) : null)
      if (!action) return
      e.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
