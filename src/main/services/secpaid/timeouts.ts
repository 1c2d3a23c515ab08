/** How long the SecPaid client waits for a reply; a module of its own so callers need not load the client. */
export const DEFAULT_TIMEOUT_MS = 30_000
