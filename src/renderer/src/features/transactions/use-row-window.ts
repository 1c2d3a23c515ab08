import { useCallback, useLayoutEffect, useState, type RefObject } from 'react'
import { rowsInView, scrollTopToShow, type Viewport } from './row-window'

/**
 * The rows of a grid of `count` rows, each `rowHeight` px tall, that the scroll element shows
 * (plus `overscan` on each side), below a sticky header `headerHeight` px tall.
 *
 * Why not @tanstack/react-virtual here (the month review list uses it): it keeps a position per
 * row so rows may differ in height, and rebuilds that list whenever the row count changes. In
 * this grid the count changes on every keystroke of a search and reaches 200,000; every row is
 * exactly one height, so the visible range is arithmetic on the scroll position — no per-row
 * state, the same cost at 30 rows and at 200,000.
 */
export interface RowWindow {
  /** First and last index rendered (inclusive); last < first when there are no rows. */
  readonly first: number
  readonly last: number
  /** Height of all rows together (the body's height, so the scrollbar is right). */
  readonly totalHeight: number
  /** Scrolls the least needed for row `index` to be fully visible below the header. */
  scrollToIndex(index: number): void
}

export function useRowWindow(opts: {
  count: number
  rowHeight: number
  headerHeight: number
  overscan: number
  scrollRef: RefObject<HTMLDivElement | null>
}): RowWindow {
  const { count, rowHeight, headerHeight, overscan, scrollRef } = opts
  // Until the element is measured: the window's height (the grid is never taller).
  const [viewport, setViewport] = useState<Viewport>(() => ({ top: 0, height: window.innerHeight }))

  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    // Re-render when another row comes first under the header or the height changes, not on
    // every scrolled pixel (OVERSCAN covers the part of a row scrolled in between).
    const read = (): void => {
      const next = { top: el.scrollTop, height: el.clientHeight }
      setViewport((prev) =>
        Math.floor(prev.top / rowHeight) === Math.floor(next.top / rowHeight) && prev.height === next.height ? prev : next
      )
    }
    read()
    el.addEventListener('scroll', read, { passive: true })
    const observer = new ResizeObserver(read)
    observer.observe(el)
    return () => {
      el.removeEventListener('scroll', read)
      observer.disconnect()
    }
  }, [scrollRef, rowHeight])

  const { first, last } = rowsInView(viewport, count, { rowHeight, headerHeight, overscan })

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current
      if (!el) return
      const top = scrollTopToShow(index, { top: el.scrollTop, height: el.clientHeight }, { rowHeight, headerHeight })
      if (top !== el.scrollTop) el.scrollTop = top
    },
    [scrollRef, headerHeight, rowHeight]
  )

  return { first, last, totalHeight: count * rowHeight, scrollToIndex }
}
