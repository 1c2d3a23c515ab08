/**
 * The renderer's Content-Security-Policy. All SecPaid traffic goes through main, so the page needs
 * no network at all: only its own scripts and styles. Inline styles are allowed for the virtual
 * list's absolute positioning and the chart library's computed styles.
 *
 * The single source of the policy: sent as a header by the app:// handler (shell/app-protocol.ts),
 * by the Chromium host's static server, and for the dev server; index.html has no <meta> copy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')
