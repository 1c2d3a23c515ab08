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

/**
 * How this PC stands with its team, for the status line and Settings → Team. Sharing is
 * local-first: everything keeps working while the link is down; `pending` says what waits.
 */
export interface TeamStatus {
  /** Team mode is set up for the open account. */
  configured: boolean
  teamName: string | null
  /**
   * off: not set up; starting: first contact not answered yet; online: the last push/pull
   * worked; unreachable: the last attempt failed (events wait in the outbox).
   */
  link: 'off' | 'starting' | 'online' | 'unreachable'
  /** When the database last answered (ISO), null if never since the app started. */
  lastContactAt: string | null
  /** Events written on this PC that the team database does not have yet. */
  pending: number
  /** Why the last contact failed: technical English, the password never in it. */
  lastError: string | null
  /** This PC's name as teammates see it. */
  machine: string
}

/** Who wrote a refund request and on which PC (team mode only). */
export interface RequestOrigin {
  osUser: string
  machine: string
  /** Written on this PC. */
  thisPc: boolean
}

/** Who set (or cleared) a month-end review tick, when the team shares the review. */
export interface ReviewTickOrigin {
  key: string
  reviewed: boolean
  osUser: string
  machine: string
  at: string
  thisPc: boolean
}

/**
 * Refusals of a refund because of the team (IpcError.code, params in IpcError.params):
 *  - team_claim_held: a teammate's open request holds this payment
 *    (params: osUser, machine, since, requestId);
 *  - team_unreachable: team mode is on but the database does not answer, so the payment cannot be
 *    claimed (params: detail). The user may wait, or send on this PC alone (`withoutTeam: true`),
 *    which the other PCs then can neither see nor block until the database is back.
 */
export const TEAM_REFUSAL_CODES = ['team_claim_held', 'team_unreachable'] as const
export type TeamRefusalCode = (typeof TEAM_REFUSAL_CODES)[number]

/**
 * A PC's name in the team's records is its host name plus a random id made once per data folder
 * (`BUERO-PC#3f9a0c12`): two PCs with the same host name (cloned images, default names) stay
 * apart. People see the host name only.
 */
export function displayMachine(machine: string): string {
  return machine.replace(/#[0-9a-f]{8}$/, '')
}
