import { QueryClientProvider } from '@tanstack/react-query'
import { I18nextProvider } from 'react-i18next'
import { queryClient } from './api/query-client'
import { AppShell } from './app/AppShell'
import { i18n } from './i18n'

export function App(): React.JSX.Element {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <AppShell />
      </I18nextProvider>
    </QueryClientProvider>
  )
}
