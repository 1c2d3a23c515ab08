/**
 * Why a refund was refused because of the team (docs/team-mode.md#claims-cross-pc-single-flight).
 * The code and params reach the window as IpcError.code/params, which says it in the user's
 * language; the message is the English sentence for the CLI and the log (never a password).
 */
import type { TeamRefusalCode } from '@shared/team'

export class TeamRefusalError extends Error {
  readonly kind = 'team_refusal' as const
  constructor(
    readonly code: TeamRefusalCode,
    message: string,
    readonly params: Record<string, string>
  ) {
    super(message)
    this.name = 'TeamRefusalError'
  }
}
