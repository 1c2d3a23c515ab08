import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { accountKeyOf } from '../api/accounts'
import { useEnvironment, useSettings } from '../api/hooks'
import { useLiveUpdates } from '../api/use-live-updates'
import { ErrorState, Spinner } from '../components'
import { ShortcutSheet } from '../features/shortcuts/ShortcutSheet'
import { EnvironmentBanner } from './EnvironmentBanner'
import { ScreenOutlet } from './ScreenOutlet'
import { SideNav } from './SideNav'
import { SyncBanners } from './SyncBanners'
import { SyncStatus } from './SyncStatus'
import { TeamIndicator } from './TeamIndicator'
import { navigate, useRoute, type Route } from './router'
import { useApplyLanguage, useApplyTheme } from './use-appearance'
import { useAutoSync } from './use-auto-sync'

/** Layout: environment banner, left navigation, header with sync status, the current screen. */
export function AppShell(): React.JSX.Element {
  const { t } = useTranslation('app')
  const settings = useSettings()
  const environment = useEnvironment()
  const route = useRoute()
  // Each screen's own state (selection, open detail, a dialog, an export's result, a bank check)
  // belongs to the account it was made in: another account gets fresh screens.
  const accountKey = environment.data ? accountKeyOf(environment.data) : 'none'
  const firstRun = settings.data ? settings.data.environment === null : false

  useLiveUpdates()
  useApplyTheme(settings.data?.theme ?? 'system')
  useApplyLanguage(settings.data?.language ?? null)
  useAutoSync(Boolean(settings.data) && !firstRun)
  const headingRef = useRef<HTMLHeadingElement>(null)
  useFocusHeadingOnNavigation(route, headingRef)

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
  if (environment.isError) return <ErrorState error={environment.error} title={t('startError')} onRetry={() => void environment.refetch()} />
  // The screens wait for the open account too: they are keyed by it (below), and a remount once it
  // is known would lose what a screen keeps for its first showing (a restored filter's notice).
  if (!settings.data || !environment.data || route === null) {
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
        <main id="main" tabIndex={-1}>
          <ScreenOutlet route={route} />
        </main>
        <ShortcutSheet />
      </div>
    )
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('skipToContent')}
      </a>
      <EnvironmentBanner />
      <div className="app__body">
        <SideNav current={route} />
        <div className="app__main">
          <header className="app__header">
            <h1 className="app__title" ref={headingRef} tabIndex={-1}>
              {t(`nav.${route}`)}
            </h1>
            <div className="app__status">
              <TeamIndicator />
              <SyncStatus />
            </div>
          </header>
          <SyncBanners />
          <main className="app__content" id="main" tabIndex={-1}>
            <ScreenOutlet key={accountKey} route={route} />
          </main>
        </div>
      </div>
      <ShortcutSheet />
    </div>
  )
}

/** The skip link's target is an id, but the hash is our router: move focus without navigating. */
function skipToMain(e: React.MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault()
  document.getElementById('main')?.focus()
}

/**
 * After a change of screen, focus goes to the new screen's heading, so keyboard and screen-reader
 * users start at its top instead of on a link of the screen they left (or on the page body).
 * Not on the first screen after start: nothing was navigated yet.
 */
function useFocusHeadingOnNavigation(route: Route | null, heading: React.RefObject<HTMLHeadingElement | null>): void {
  const previous = useRef<Route | null>(null)
  useEffect(() => {
    if (route === null) return
    const from = previous.current
    previous.current = route
    if (from !== null && from !== route) heading.current?.focus({ preventScroll: true })
  }, [route, heading])
}
