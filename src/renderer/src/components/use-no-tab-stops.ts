import { useEffect, type RefObject } from 'react'

/** What a chart library draws with: the SVG and its groups. */
const DRAWN = 'svg, g'

/**
 * Keeps the SVG inside `ref` out of the Tab order (tabindex="-1"), including what is drawn later.
 * For content hidden from assistive technology, which must hold no tab stops either: Chromium
 * stops on recharts' layer groups (`<g class="recharts-zIndex-layer_…">`) although they carry no
 * tabindex, so a keyboard user tabbed through five invisible, unnamed places on month-end.
 * `inert` would do it too, but also end the chart's hover tooltip.
 */
export function useNoTabStops(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current
    if (root === null) return
    const mark = (): void => {
      for (const el of root.querySelectorAll(DRAWN)) if (el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1')
    }
    mark()
    // The library redraws (data, size, theme): groups it adds are marked as they come.
    const observer = new MutationObserver(mark)
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [ref])
}
