/**
 * A cache file that exists could not be read: an I/O error (its permissions, a failing disk), not
 * bad content — that is set aside and refetched. Says which file, so that the user (or whoever
 * reads the log) can look at it; nothing of the cache is changed because of it.
 */
export class CacheReadError extends Error {
  readonly kind = 'cache_read' as const
  constructor(
    readonly file: string,
    cause: unknown
  ) {
    super(`Cannot read the cached file ${file} (${cause instanceof Error ? cause.message : String(cause)})`, { cause })
    this.name = 'CacheReadError'
  }
}
