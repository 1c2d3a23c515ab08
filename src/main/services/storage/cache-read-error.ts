/**
 * A cache file that exists could not be read: an I/O error (its permissions, a failing disk), not
 * bad content — that is set aside and refetched. Says which file, so that the user (or whoever
 * reads the log) can look at it; nothing of the cache is changed because of it.
 */
export class CacheReadError extends Error {
  readonly kind = 'cache_read' as const
  constructor(
    readonly file: string,
    cause: NodeJS.ErrnoException
  ) {
    // The error code alone: Node's own message repeats the path.
    super(`Cannot read the cached file ${file} (${cause.code ?? cause.message})`, { cause })
    this.name = 'CacheReadError'
  }
}

/** An error of the operating system (it has a syscall): what CacheReadError stands for. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string'
}
