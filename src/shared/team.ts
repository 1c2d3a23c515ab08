/**
 * Team mode's settings as the renderer and the CLI see them: which team and which database server,
 * never the connection string itself (it carries the password; main keeps it in the OS keychain).
 */
export const TEAM_NAME_MAX_LENGTH = 100
export const TEAM_CONNECTION_MAX_LENGTH = 4096

export interface TeamSettingsView {
  /** A connection string is stored for the open account. */
  configured: boolean
  teamName: string | null
  /** `host:port/database` as a person reads it (no user, no password). */
  server: string | null
  /** The connection is encrypted (sslmode require/verify-*); false only for a server on this PC. */
  tls: boolean
}

/** The result of "test connection": the server answered and the schema is current. */
export interface TeamConnectionCheck {
  serverVersion: string
  schemaVersion: number
  /** Migrations this check applied (a first connection creates the schema). */
  applied: number[]
}
