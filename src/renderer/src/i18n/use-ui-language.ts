import { useTranslation } from 'react-i18next'
import type { Language } from '@shared/views'

/** The active UI language as 'de' | 'en' (re-renders on a live language switch). */
export function useUiLanguage(): Language {
  const { i18n } = useTranslation()
  return i18n.language === 'de' ? 'de' : 'en'
}
