import { describe, expect, it } from 'vitest'
import { isLocalHost, parseTeamConnection, redactConnectionString, redactSecret, TeamConnectionError } from '../../src/main/services/team/team-connection'

const refusal = (input: unknown): string => {
  try {
    parseTeamConnection(input)
  } catch (error) {
    expect(error).toBeInstanceOf(TeamConnectionError)
    return (error as Error).message
  }
  throw new Error(`accepted: ${String(input)}`)
}

describe('team connection string', () => {
  it('accepts a remote server with TLS, and reads its parts', () => {
    const c = parseTeamConnection('  postgresql://kasse:s3cr%40t@db.example.com:6543/secpaid?sslmode=verify-full  ')
    expect(c).toMatchObject({ host: 'db.example.com', port: 6543, database: 'secpaid', user: 'kasse', password: 's3cr@t', local: false, tls: true })
    expect(c.connectionString).toBe('postgresql://kasse:s3cr%40t@db.example.com:6543/secpaid?sslmode=verify-full')
    for (const mode of ['require', 'verify-ca', 'verify-full']) {
      expect(parseTeamConnection(`postgres://u@db.example.com/d?sslmode=${mode}`).tls).toBe(true)
    }
    expect(parseTeamConnection('postgres://u@db.example.com/d?sslmode=require').port).toBe(5432)
  })

  it('refuses a remote server without TLS, saying how to fix it', () => {
    for (const s of ['postgres://u:pw@db.example.com/d', 'postgres://u:pw@db.example.com/d?sslmode=prefer', 'postgres://u@10.0.0.5/d?sslmode=disable', 'postgres://u@128.0.0.1/d']) {
      expect(refusal(s)).toContain('sslmode=require')
    }
  })

  it('allows no TLS on this computer: loopback, localhost, unix socket', () => {
    for (const s of [
      'postgres://u@127.0.0.1:5432/d',
      'postgres://u@127.10.0.3/d',
      'postgres://u@localhost/d',
      'postgres://u@[::1]:5433/d',
      'postgres://u@%2Fvar%2Frun%2Fpostgresql/d',
      'postgres://u@localhost/d?host=/run/postgresql'
    ]) {
      expect(parseTeamConnection(s).local).toBe(true)
    }
    expect(parseTeamConnection('postgres://u@%2Fvar%2Frun%2Fpostgresql/d').host).toBe('/var/run/postgresql')
    // ?host= decides where libpq and pg connect: a remote one there still needs TLS.
    expect(parseTeamConnection('postgres://u@localhost/d?host=/run/postgresql').host).toBe('/run/postgresql')
    expect(refusal('postgres://u@localhost/d?host=db.example.com')).toContain('sslmode=require')
  })

  it('does not take look-alikes of loopback for loopback', () => {
    expect(isLocalHost('127.0.0.1.example.com')).toBe(false)
    expect(isLocalHost('localhost.example.com')).toBe(false)
    expect(isLocalHost('127.0.0.256')).toBe(false)
    expect(isLocalHost('::2')).toBe(false)
  })

  it('refuses other schemes, missing parts and ambiguous strings with a clear message', () => {
    expect(refusal('mysql://u@localhost/d')).toContain('postgres://')
    expect(refusal('db.example.com')).toContain('postgres://')
    expect(refusal('')).toContain('Enter a connection string')
    expect(refusal(42)).toContain('text')
    expect(refusal('postgres://u@localhost')).toContain('database')
    expect(refusal('postgres://localhost/d')).toContain('user')
    expect(refusal('postgres://u@a.example.com,b.example.com/d?sslmode=require')).toContain('one server')
    expect(refusal('postgres://u@localhost/d?sslmode=bogus')).toContain('Unknown sslmode')
    expect(refusal('postgres://u@localhost/d?sslmode=require&sslmode=disable')).toContain('more than once')
    expect(refusal('postgres://u@localhost:99999/d')).toMatch(/port|valid URL/)
  })

  it('never repeats the password in a refusal', () => {
    const secret = 'Hunter2-very-secret'
    for (const s of [`postgres://u:${secret}@db.example.com/d`, `postgres://u:${secret}@localhost/d?password=${secret}`, `postgres://u:${secret}@localhost/d?sslmode=nope`]) {
      expect(refusal(s)).not.toContain(secret)
    }
  })
})

describe('redaction', () => {
  it('masks the password in a connection string, valid or not, and keeps the rest readable', () => {
    expect(redactConnectionString('postgres://kasse:s3cr%40t@db.example.com:6543/secpaid?sslmode=require')).toBe(
      'postgres://kasse:***@db.example.com:6543/secpaid?sslmode=require'
    )
    expect(redactConnectionString('connect failed for postgresql://u:p@ss:word@host/d?password=xyz&sslmode=require')).toBe(
      'connect failed for postgresql://u:***@host/d?password=***&sslmode=require'
    )
    expect(redactConnectionString('postgres://u@host/d')).toBe('postgres://u@host/d')
  })

  it('removes a known password from any text, plain and percent-encoded', () => {
    const password = 'p@ss/wörd'
    const text = `password authentication failed (tried ${password} and ${encodeURIComponent(password)})`
    const out = redactSecret(text, password)
    expect(out).not.toContain(password)
    expect(out).not.toContain(encodeURIComponent(password))
    expect(out).toContain('password authentication failed')
    expect(redactSecret('nothing secret', null)).toBe('nothing secret')
  })
})
