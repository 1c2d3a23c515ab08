import type { SecpaidApi } from './create-api'

declare global {
  interface Window {
    secpaid: SecpaidApi
  }
}
export {}
