/** Typed translation keys: `t('…')` only accepts keys that exist in the English resources. */
import 'i18next'
import type { en } from './resources'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'ui'
    resources: typeof en
  }
}
