/** The simulator is a local test double: it binds and answers on loopback only. */

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const a = address.toLowerCase()
  if (a === '::1' || a === 'localhost') return true
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)
}

/** Host as it goes into a URL ("[::1]" for IPv6). */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}
