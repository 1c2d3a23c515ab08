/**
 * Keys of the transaction screen: / search, ↑/↓ and j/k move, Enter details, r refund, e export.
 * Ignored while typing in a field or while a modal dialog is open.
 */
import { useEffect, useRef } from 'react'
import { isDialogOpen, isTypingTarget } from '../../app/use-global-shortcuts'

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
}

export function useTableKeyboard(actions: TableKeyboardActions): void {
  const ref = useRef(actions)
  ref.current = actions

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isDialogOpen()) return
      const a = ref.current
      if (e.key === 'Escape' && a.closeDetail()) {
        e.preventDefault()
        return
      }
      if (isTypingTarget(e.target)) return
      // Buttons and links keep Enter for themselves.
      const onControl = e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement
      const current = a.selectedIndex
      const move = a.move
      switch (e.key) {
        case '/':
          a.focusSearch()
          break
        case 'ArrowDown':
        case 'j':
          move(1)
          break
        case 'ArrowUp':
        case 'k':
          move(-1)
          break
        case 'PageDown':
          move(a.pageSize)
          break
        case 'PageUp':
          move(-a.pageSize)
          break
        case 'Home':
          if (a.total > 0) a.select(0)
          break
        case 'End':
          if (a.total > 0) a.select(a.total - 1)
          break
        case 'Enter':
          if (onControl || current === null) return
          a.openDetail()
          break
        case 'r':
          if (current === null) return
          a.refund()
          break
        case 'e':
          a.exportView()
          break
        default:
          return
      }
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
