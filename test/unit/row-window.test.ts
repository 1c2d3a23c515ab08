/**
 * The transactions grid's window over fixed-height rows: which rows exist in the DOM for a
 * scroll position, and where a keyboard selection scrolls to (below the sticky header, whole).
 */
import { describe, expect, it } from 'vitest'
import { rowsInView, scrollTopToShow } from '../../src/renderer/src/features/transactions/row-window'

const g = { rowHeight: 30, headerHeight: 32, overscan: 10 }

describe('rowsInView', () => {
  it('at the top: the rows under the header plus the overscan below them', () => {
    // 332 px tall: rows 0..9 fill the 300 px below the header; the range reaches to the row at
    // the bottom edge (10) and 10 more.
    expect(rowsInView({ top: 0, height: 332 }, 200_000, g)).toEqual({ first: 0, last: 20 })
  })

  it('scrolled: the first row under the header and the last one reaching into view, each with overscan', () => {
    // scrollTop 3000 → row 100 is first under the header; 300 px of rows → rows 100..110.
    expect(rowsInView({ top: 3000, height: 332 }, 200_000, g)).toEqual({ first: 90, last: 120 })
    // Half a row further: row 100 is cut at the top, row 111 peeks in at the bottom.
    expect(rowsInView({ top: 3015, height: 332 }, 200_000, g)).toEqual({ first: 90, last: 121 })
  })

  it('never beyond the rows there are, and nothing for none', () => {
    expect(rowsInView({ top: 0, height: 900 }, 5, g)).toEqual({ first: 0, last: 4 })
    expect(rowsInView({ top: 29_999_970, height: 332 }, 1_000_000, g).last).toBe(999_999)
    expect(rowsInView({ top: 0, height: 332 }, 0, g)).toEqual({ first: 0, last: -1 })
    // A scroll position left over from a longer list (the count shrank under it).
    const { first, last } = rowsInView({ top: 60_000, height: 332 }, 50, g)
    expect(first).toBeLessThanOrEqual(last)
    expect(last).toBe(49)
  })

  it('the same range for 30 rows and for 200,000 at the same position (no per-row state)', () => {
    expect(rowsInView({ top: 300, height: 332 }, 30, g)).toEqual({ first: 0, last: 29 })
    expect(rowsInView({ top: 300, height: 332 }, 200_000, g)).toEqual({ first: 0, last: 30 })
  })
})

describe('scrollTopToShow', () => {
  const view = { top: 3000, height: 332 } // rows 100..109 wholly visible below the header

  it('leaves the scroll position alone when the row is wholly visible', () => {
    expect(scrollTopToShow(100, view, g)).toBe(3000)
    expect(scrollTopToShow(109, view, g)).toBe(3000)
  })

  it('a row above (or hidden under the sticky header) becomes the first row under the header', () => {
    expect(scrollTopToShow(99, view, g)).toBe(2970)
    expect(scrollTopToShow(0, view, g)).toBe(0)
  })

  it('a row below becomes the last row, whole, at the bottom edge', () => {
    // Row 110 spans 32 + 3300 .. 32 + 3330 in the content; the view must end at 3362.
    expect(scrollTopToShow(110, view, g)).toBe(3362 - 332)
    expect(scrollTopToShow(199_999, view, g)).toBe(32 + 200_000 * 30 - 332)
  })
})
