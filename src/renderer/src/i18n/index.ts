/**
 * i18n (i18next + react-i18next), German and English. Each feature registers its own namespace
 * with registerTranslations(), so features own their strings and don't edit a shared file.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../shared/views'

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  lng: detectOsLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['de', 'en'],
  defaultNS: 'common',
  ns: ['common'],
  resources: {},
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false
})

export type Translations = Record<string, unknown>

export function registerTranslations(namespace: string, resources: { de: Translations; en: Translations }): void {
  i18n.addResourceBundle('de', namespace, resources.de, true, true)
  i18n.addResourceBundle('en', namespace, resources.en, true, true)
}

/** The OS/browser language, reduced to what we support (default when the user chose none). */
export function detectOsLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en'
}

export function currentLanguage(): Language {
  return i18n.language === 'de' ? 'de' : 'en'
}
