/** Applies the theme (system/light/dark) and the UI language from settings to the document. */
import { useEffect, useSyncExternalStore } from 'react'
import type { Theme, Language } from '@shared/views'
import { detectOsLanguage, i18n } from '../i18n'

const darkQuery = (): MediaQueryList => window.matchMedia('(prefers-color-scheme: dark)')

function subscribeScheme(onChange: () => void): () => void {
  const mq = darkQuery()
  mq.addEventListener('change', onChange)
  return () => mq.removeEventListener('change', onChange)
}

export function useSystemPrefersDark(): boolean {
  return useSyncExternalStore(subscribeScheme, () => darkQuery().matches)
}

export function useApplyTheme(theme: Theme): void {
  const systemDark = useSystemPrefersDark()
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme
  useEffect(() => {
    document.documentElement.dataset.theme = resolved
  }, [resolved])
}

export function useApplyLanguage(language: Language | null): void {
  const lang = language ?? detectOsLanguage()
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang)
    document.documentElement.lang = lang
  }, [lang])
}
