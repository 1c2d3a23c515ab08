/**
 * The UI's strings: one JSON file per language and namespace under `src/renderer/locales/`.
 * Adding a namespace: add its two JSON files here; `locales.test.ts` checks both languages match.
 */
import deUi from '../../locales/de/ui.json'
import deApp from '../../locales/de/app.json'
import deRefund from '../../locales/de/refund.json'
import deShortcuts from '../../locales/de/shortcuts.json'
import deTransactions from '../../locales/de/transactions.json'
import deMonth from '../../locales/de/month.json'
import deSettings from '../../locales/de/settings.json'
import deRequests from '../../locales/de/requests.json'
import dePayouts from '../../locales/de/payouts.json'
import deAccounts from '../../locales/de/accounts.json'
import deTeam from '../../locales/de/team.json'
import enUi from '../../locales/en/ui.json'
import enApp from '../../locales/en/app.json'
import enRefund from '../../locales/en/refund.json'
import enShortcuts from '../../locales/en/shortcuts.json'
import enTransactions from '../../locales/en/transactions.json'
import enMonth from '../../locales/en/month.json'
import enSettings from '../../locales/en/settings.json'
import enRequests from '../../locales/en/requests.json'
import enPayouts from '../../locales/en/payouts.json'
import enAccounts from '../../locales/en/accounts.json'
import enTeam from '../../locales/en/team.json'

export const NAMESPACES = ['ui', 'app', 'refund', 'shortcuts', 'transactions', 'month', 'settings', 'requests', 'payouts', 'accounts', 'team'] as const

/** English is the reference for key types; German must have exactly the same keys (tested). */
export const en = { ui: enUi, app: enApp, refund: enRefund, shortcuts: enShortcuts, transactions: enTransactions, month: enMonth, settings: enSettings, requests: enRequests, payouts: enPayouts, accounts: enAccounts, team: enTeam }
export const de: typeof en = { ui: deUi, app: deApp, refund: deRefund, shortcuts: deShortcuts, transactions: deTransactions, month: deMonth, settings: deSettings, requests: deRequests, payouts: dePayouts, accounts: deAccounts, team: deTeam }

export const resources = { de, en }
