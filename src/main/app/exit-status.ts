/**
 * Exit codes of `secpaid-desk` (README documents them). A module of its own, without imports:
 * the CLI's argument parsing needs them before anything of the application is loaded
 * (docs/architecture.md#cli-start-up); the error table (app-errors.ts) maps failures onto them.
 */
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
