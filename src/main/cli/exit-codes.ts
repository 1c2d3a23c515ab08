/** Exit codes of `secpaid-desk` (README documents them); defined with the error table they come from. */
import { EXIT, type ExitCode } from '../app/app-errors'

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
