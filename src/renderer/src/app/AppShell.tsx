import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useSettings } from '../api/hooks'
import { useLiveUpdates } from '../api/use-live-updates'
import { ErrorState, Spinner } from '../components'
import { ShortcutSheet } from '../features/shortcuts/ShortcutSheet'
import { EnvironmentBanner } from './EnvironmentBanner'
import { ScreenOutlet } from './ScreenOutlet'
import { SideNav } from './SideNav'
import { SyncBanners } from './SyncBanners'
import { SyncStatus } from './SyncStatus'
import { navigate, useRoute, type Route } from './router'
import { useApplyLanguage, useApplyTheme } from './use-appearance'
import { useAutoSync } from './use-auto-sync'
import { useGlobalShortcuts } from './use-global-shortcuts'
import './strings'

/** Layout: environment banner, left navigation, header with sync status, the current screen. */
export function AppShell(): React.JSX.Element {
  const { t } = useTranslation('app')
  const settings = useSettings()
  const route = useRoute()
  const firstRun = settings.data ? settings.data.environment === null : false

  useLiveUpdates()
  useApplyTheme(settings.data?.theme ?? 'system')
  useApplyLanguage(settings.data?.language ?? null)
  useAutoSync(Boolean(settings.data) && !firstRun)
  useGlobalShortcuts()

  const target: Route | null = !settings.data
    ? null
    : firstRun && route !== 'welcome'
      ? 'welcome'
      : route === null
        ? 'transactions'
        : null
  useEffect(() => {
    if (target) navigate(target)
  }, [target])

  if (settings.isError) return <ErrorState error={settings.error} title={t('startError')} onRetry={() => void settings.refetch()} />
  if (!settings.data || route === null) {
    return (
      <div className="state-box">
        <Spinner label={t('loadingApp')} />
      </div>
    )
  }

  if (route === 'welcome') {
    return (
      <div className="app app--welcome">
        <EnvironmentBanner />
        <ScreenOutlet route={route} />
        <ShortcutSheet />
      </div>
    )
  }

  return (
    <div className="app">
      <EnvironmentBanner />
      <div className="app__body">
        <SideNav current={route} />
        <div className="app__main">
          <header className="app__header">
            <h1 className="app__title">{t(`nav.${route}`)}</h1>
            <SyncStatus />
          </header>
          <SyncBanners />
          <main className="app__content" id="main">
            <ScreenOutlet route={route} />
          </main>
        </div>
      </div>
      <ShortcutSheet />
    </div>
  )
}
