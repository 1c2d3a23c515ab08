/**
 * The team's PostgreSQL connection string, parsed at the edge (docs/team-mode.md#connection).
 *
 * Accepted: `postgres://` or `postgresql://` URLs, one host. The string carries a password and the
 * data it reaches is the shop's refund history, so it must travel encrypted: `sslmode=require`,
 * `verify-ca` or `verify-full` is required unless the server is on this machine (a loopback
 * address, `localhost`, or a unix socket directory), where there is no network to protect. Note
 * that `pg` reads `sslmode=require` like `verify-full` (the certificate is checked): stricter than
 * libpq, never weaker.
 *
 * The password must never reach a log or an error message: `redactConnectionString` masks it in
 * the string itself, `redactSecret` removes it (plain and percent-encoded) from any other text.
 */
import { z } from 'zod'

export const TLS_SSLMODES = ['require', 'verify-ca', 'verify-full'] as const
const KNOWN_SSLMODES = ['disable', 'allow', 'prefer', ...TLS_SSLMODES] as const

export interface TeamConnection {
  /** The string as given (trimmed); hand it to `pg`, never to a log. */
  connectionString: string
  /** Host name or address, or the unix socket directory. */
  host: string
  port: number
  database: string
  user: string
  /** The password, if the string has one (for redaction; never log it). */
  password: string | null
  /** Loopback address, `localhost` or unix socket: TLS is not required. */
  local: boolean
  /** The sslmode asks for TLS. */
  tls: boolean
}

export class TeamConnectionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TeamConnectionError'
  }
}

const MASK = '***'

/** `127.0.0.0/8`, `::1`, `localhost` (and `*.localhost`, RFC 6761), or a unix socket directory. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h.startsWith('/')) return true
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  return v4 !== null && v4.slice(1).every((part) => Number(part) <= 255)
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}

/**
 * Reads the string with the WHATWG URL parser (host, port, user, password, path, query) and
 * applies the rules above. Every refusal says what to change, and none quotes the password.
 */
function toConnection(input: string, ctx: z.RefinementCtx): TeamConnection | typeof z.NEVER {
  const fail = (message: string): typeof z.NEVER => {
    ctx.addIssue({ code: 'custom', message })
    return z.NEVER
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input)?.[1]?.toLowerCase()
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    return fail('The connection string must start with postgres:// or postgresql://.')
  }
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return fail('The connection string is not a valid URL (check for spaces or special characters that need percent-encoding, e.g. @ in the password as %40).')
  }
  const params = url.searchParams
  for (const key of new Set(params.keys())) {
    if (params.getAll(key).length > 1) return fail(`The parameter "${key}" appears more than once.`)
  }
  // libpq lets ?host= name a unix socket directory (postgres:///db?host=/run/postgresql).
  const rawHost = params.get('host') ?? decode(url.hostname)
  if (rawHost === null) return fail('The host name is not valid percent-encoding.')
  const host = rawHost === '' ? '' : rawHost
  if (host === '') return fail('The connection string names no host (e.g. postgres://user@db.example.com/secpaid?sslmode=require).')
  if (host.includes(',')) return fail('Several hosts are not supported: name one server.')
  const port = url.port === '' ? 5432 : Number(url.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail('The port must be a number from 1 to 65535.')
  const database = decode(url.pathname.replace(/^\//, ''))
  if (database === null) return fail('The database name is not valid percent-encoding.')
  if (database === '' || database.includes('/')) return fail('The connection string must name one database after the host (…/databasename).')
  const user = decode(url.username)
  if (user === null || user === '') return fail('The connection string must name a user (postgres://user@host/database).')
  const password = url.password === '' ? null : decode(url.password)
  if (url.password !== '' && password === null) return fail('The password is not valid percent-encoding (write @ as %40, : as %3A, / as %2F).')
  if (params.has('password')) return fail('Put the password in the user part (postgres://user:password@host/…), not in a parameter.')
  const sslmode = params.get('sslmode')
  if (sslmode !== null && !(KNOWN_SSLMODES as readonly string[]).includes(sslmode)) {
    return fail(`Unknown sslmode "${sslmode}": use require, verify-ca or verify-full.`)
  }
  const tls = sslmode !== null && (TLS_SSLMODES as readonly string[]).includes(sslmode)
  const local = isLocalHost(host)
  if (!tls && !local) {
    return fail(
      `The server ${host} is not on this computer, so the connection must be encrypted: add ?sslmode=require (or verify-full) to the connection string.`
    )
  }
  return { connectionString: input, host, port, database, user, password, local, tls }
}

export const teamConnectionSchema = z
  .string({ error: 'The connection string must be text.' })
  .trim()
  .min(1, 'Enter a connection string (postgres://user:password@host:5432/database?sslmode=require).')
  .max(4096, 'The connection string is too long.')
  .transform(toConnection)

/** Parses and validates; throws TeamConnectionError with the first problem in words. */
export function parseTeamConnection(input: unknown): TeamConnection {
  const result = teamConnectionSchema.safeParse(input)
  if (result.success) return result.data
  throw new TeamConnectionError(result.error.issues[0]?.message ?? 'Invalid connection string.')
}

/**
 * The string with its password masked, for logs and the settings screen. Works on strings that do
 * not parse too (a refused string is exactly what gets logged).
 */
export function redactConnectionString(text: string): string {
  return text
    // Up to the LAST '@' of the authority, as URL parsers read it (an unencoded '@' in a password).
    .replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^\s/?#]*@/gi, `$1${MASK}@`)
    .replace(/([?&]password=)[^&#\s]*/gi, `$1${MASK}`)
}

/**
 * Removes a known password from any text (an error from the driver, a stack trace), in its plain
 * and percent-encoded forms, and masks any connection string in it.
 */
export function redactSecret(text: string, password: string | null): string {
  let out = redactConnectionString(text)
  if (password !== null && password.length > 0) {
    for (const form of new Set([password, encodeURIComponent(password)])) out = out.split(form).join(MASK)
  }
  return out
}
