import { useEffect, useRef, useState } from 'react'

/**
 * What the screen shows for a `wanted` value (a filter and sort): `wanted` itself once `fetch`
 * of it has settled, or after `graceMs`, whichever comes first; until then the value shown before.
 *
 * Why: a keystroke in the search box used to render the whole screen twice — at once, with the
 * previous rows marked stale, and again a few milliseconds later with the answer — and the query
 * was only sent after the first render. Asked first and shown once it is there, a keystroke renders
 * its answer once. An answer that takes longer than `graceMs` still switches, and the screen shows
 * its usual "previous rows, dimmed and inert" state until it arrives.
 *
 * A newer `wanted` drops the switch to an older one: the older answer may still land in the
 * query cache, it is never shown over a newer choice.
 */
export function useShownWhenFetched<T>(wanted: T, fetch: (value: T) => Promise<unknown>, graceMs: number): T {
  const [shown, setShown] = useState(wanted)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const shownRef = useRef(shown)
  shownRef.current = shown

  useEffect(() => {
    if (Object.is(wanted, shownRef.current)) return
    let live = true
    const show = (): void => {
      if (live) setShown(wanted)
    }
    const timer = window.setTimeout(show, graceMs)
    void fetchRef.current(wanted).finally(() => {
      window.clearTimeout(timer)
      show()
    })
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [wanted, graceMs])

  return shown
}
