import { useTranslation } from 'react-i18next'
import { useOpenRequestCount } from '../api/hooks'
import { CountBadge } from '../components'
import { AccountSwitcher } from './AccountSwitcher'
import { routeHref, type Route } from './router'

const ITEMS: Array<{ route: Exclude<Route, 'welcome'>; icon: string }> = [
  { route: 'transactions', icon: '☰' },
  { route: 'requests', icon: '↺' },
  { route: 'payouts', icon: '⇥' },
  { route: 'month', icon: '▦' },
  { route: 'settings', icon: '⚙' }
]

export function SideNav({ current }: { current: Route }): React.JSX.Element {
  const { t } = useTranslation('app')
  const open = useOpenRequestCount()
  return (
    <nav className="sidenav" aria-label={t('nav.label')}>
      <div className="sidenav__brand">{t('appName')}</div>
      <AccountSwitcher />
      <ul>
        {ITEMS.map(({ route, icon }) => (
          <li key={route}>
            <a className="sidenav__link" href={routeHref(route)} aria-current={current === route ? 'page' : undefined}>
              <span className="sidenav__icon" aria-hidden="true">
                {icon}
              </span>
              <span className="sidenav__text">{t(`nav.${route}`)}</span>
              {route === 'requests' ? <CountBadge count={open} label={t('nav.openRequests', { count: open })} /> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
