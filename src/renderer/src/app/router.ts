/** Hash routing (#/transactions …) so screens can be deep-linked, e.g. by screenshot scripts. */
import { useSyncExternalStore } from 'react'

export const ROUTES = ['transactions', 'requests', 'payouts', 'month', 'settings', 'welcome'] as const
export type Route = (typeof ROUTES)[number]

export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : null
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** The current route; null when the hash names no known screen. */
export function useRoute(): Route | null {
  return useSyncExternalStore(subscribe, () => parseRoute(window.location.hash))
}

export function navigate(route: Route): void {
  window.location.hash = `#/${route}`
}

export function routeHref(route: Route): string {
  return `#/${route}`
}
