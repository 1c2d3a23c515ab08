import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Spinner } from '../components'
import { RequestsScreen } from '../features/requests/RequestsScreen'
import { TransactionsScreen } from '../features/transactions/TransactionsScreen'
import type { Route } from './router'

// The transactions and requests screens ship in the entry chunk (first paint). The month-end
// review (recharts), settings and welcome screens are separate chunks, loaded on first visit
// and prefetched once the app is idle so switching screens stays instant.
const loadMonth = (): Promise<typeof import('../features/month/MonthReviewScreen')> => import('../features/month/MonthReviewScreen')
const loadPayouts = (): Promise<typeof import('../features/payouts/PayoutsScreen')> => import('../features/payouts/PayoutsScreen')
const loadSettings = (): Promise<typeof import('../features/settings/SettingsScreen')> => import('../features/settings/SettingsScreen')
const loadWelcome = (): Promise<typeof import('../features/onboarding/WelcomeScreen')> => import('../features/onboarding/WelcomeScreen')

const MonthReviewScreen = lazy(() => loadMonth().then((m) => ({ default: m.MonthReviewScreen })))
const PayoutsScreen = lazy(() => loadPayouts().then((m) => ({ default: m.PayoutsScreen })))
const SettingsScreen = lazy(() => loadSettings().then((m) => ({ default: m.SettingsScreen })))
const WelcomeScreen = lazy(() => loadWelcome().then((m) => ({ default: m.WelcomeScreen })))

const PREFETCH_DELAY_MS = 1500

export function ScreenOutlet({ route }: { route: Route }): React.JSX.Element {
  const { t } = useTranslation('app')
  useEffect(() => {
    const id = window.setTimeout(() => {
      void loadMonth().catch(() => undefined)
      void loadSettings().catch(() => undefined)
    }, PREFETCH_DELAY_MS)
    return () => window.clearTimeout(id)
  }, [])
  return (
    <Suspense
      fallback={
        <div className="state-box">
          <Spinner label={t('loadingScreen')} />
        </div>
      }
    >
      <Screen route={route} />
    </Suspense>
  )
}

function Screen({ route }: { route: Route }): React.JSX.Element {
  switch (route) {
    case 'transactions':
      return <TransactionsScreen />
    case 'requests':
      return <RequestsScreen />
    case 'payouts':
      return <PayoutsScreen />
    case 'month':
      return <MonthReviewScreen />
    case 'settings':
      return <SettingsScreen />
    case 'welcome':
      return <WelcomeScreen />
  }
}
