/** Exit codes of `secpaid-desk` (issue 3; README documents them). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  rejected: 4,
  offline: 5,
  keychain: 6
} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A CLI failure with the exit code it maps to; the message goes to stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string
  ) {
    super(message)
    this.name = 'CliError'
  }
}
