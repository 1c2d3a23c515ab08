import { MonthReviewScreen } from '../features/month/MonthReviewScreen'
import { WelcomeScreen } from '../features/onboarding/WelcomeScreen'
import { RequestsScreen } from '../features/requests/RequestsScreen'
import { SettingsScreen } from '../features/settings/SettingsScreen'
import { TransactionsScreen } from '../features/transactions/TransactionsScreen'
import type { Route } from './router'

export function ScreenOutlet({ route }: { route: Route }): React.JSX.Element {
  switch (route) {
    case 'transactions':
      return <TransactionsScreen />
    case 'requests':
      return <RequestsScreen />
    case 'month':
      return <MonthReviewScreen />
    case 'settings':
      return <SettingsScreen />
    case 'welcome':
      return <WelcomeScreen />
  }
}
