/**
 * The geometry of a grid of equally tall rows below a sticky header: plain arithmetic, no DOM
 * (use-row-window.ts says why the transactions grid is windowed this way).
 */

/** The scroll element's position and height, in px. */
export interface Viewport {
  top: number
  height: number
}

export interface RowGeometry {
  rowHeight: number
  headerHeight: number
  overscan: number
}

/** The rows to render for a scroll element scrolled to `top`, `height` px tall (header included). */
export function rowsInView(viewport: Viewport, count: number, g: RowGeometry): { first: number; last: number } {
  // Rows start below the header; the first row under it is the one at scrollTop.
  const top = Math.max(0, viewport.top)
  const firstVisible = Math.floor(top / g.rowHeight)
  const lastVisible = Math.ceil((top + Math.max(0, viewport.height - g.headerHeight)) / g.rowHeight)
  if (count === 0) return { first: 0, last: -1 }
  return { first: Math.max(0, Math.min(count - 1, firstVisible - g.overscan)), last: Math.min(count - 1, lastVisible + g.overscan) }
}

/** The scrollTop that shows row `index` whole below the header with the least movement (the current one if it already does). */
export function scrollTopToShow(index: number, viewport: Viewport, g: Omit<RowGeometry, 'overscan'>): number {
  const top = g.headerHeight + index * g.rowHeight
  if (top < viewport.top + g.headerHeight) return top - g.headerHeight
  if (top + g.rowHeight > viewport.top + viewport.height) return top + g.rowHeight - viewport.height
  return viewport.top
}
