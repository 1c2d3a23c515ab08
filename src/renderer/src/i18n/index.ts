/**
 * i18n (i18next + react-i18next), German and English. The strings live in JSON resources
 * (`src/renderer/locales/<lang>/<namespace>.json`), loaded here and nowhere else.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '@shared/views'
import { NAMESPACES, resources } from './resources'

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  lng: detectOsLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['de', 'en'],
  defaultNS: 'ui',
  ns: [...NAMESPACES],
  resources,
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false
})

/** The OS/browser language, reduced to what we support (default when the user chose none). */
export function detectOsLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en'
}

export function currentLanguage(): Language {
  return i18n.language === 'de' ? 'de' : 'en'
}

/**
 * True when `key` names an entry of `table` (a part of the English resources), which narrows it so
 * that a typed `t()` accepts the derived key. For values that come from SecPaid or from main
 * (statuses, codes): known ones are translated, unknown ones shown as sent.
 */
export function isKeyOf<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key)
}
