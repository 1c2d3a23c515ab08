/** "vor 5 Min." / "5 min ago" via Intl.RelativeTimeFormat, refreshed by useNow(). */
import { useEffect, useState } from 'react'
import type { Language } from '@shared/views'

const formats = new Map<Language, Intl.RelativeTimeFormat>()

function format(lang: Language): Intl.RelativeTimeFormat {
  let f = formats.get(lang)
  if (!f) {
    f = new Intl.RelativeTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { numeric: 'auto', style: 'short' })
    formats.set(lang, f)
  }
  return f
}

export function formatRelativeTime(iso: string, now: Date, lang: Language): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000)
  const abs = Math.abs(seconds)
  const f = format(lang)
  if (abs < 45) return f.format(0, 'second')
  if (abs < 45 * 60) return f.format(Math.round(seconds / 60), 'minute')
  if (abs < 22 * 3600) return f.format(Math.round(seconds / 3600), 'hour')
  return f.format(Math.round(seconds / 86400), 'day')
}

/** The current time, updated every `intervalMs` so relative times stay honest. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs)
    return () => window.clearInterval(id)
  }, [intervalMs])
  return now
}
