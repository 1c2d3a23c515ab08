/** Exit codes of `secpaid-desk` (README documents them); a module without imports, so `help` loads nothing else. */
import { EXIT, type ExitCode } from '../app/exit-status'

export { EXIT, type ExitCode }

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
