/**
 * Text for a terminal. Anything the CLI prints for a human may carry text from SecPaid or the
 * ledger (notes, statuses, server messages, denial reasons), and a terminal obeys control bytes
 * in it: ESC/CSI sequences can clear the screen, retitle the window, rewrite earlier lines or
 * fake output; BEL rings; CR overwrites the current line. So every control character is replaced
 * by a visible U+FFFD before it reaches a terminal — the reader sees that something was there.
 *
 * Replaced: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F; U+009B is a one-byte CSI for
 * terminals that honour 8-bit controls) and the bidi embedding/override/isolate controls
 * (U+202A–U+202E, U+2066–U+2069), which reorder what follows them on the line.
 * Kept in stream text: LF (our own line structure) and TAB (moves the cursor right, nothing more).
 * Table cells keep neither: there a newline or tab from a server string would break the columns.
 *
 * JSON output (`--json`) and export content are data, not terminal text: they are written
 * unchanged (JSON.stringify escapes control characters already).
 */

const REPLACEMENT = '\uFFFD'

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const STREAM_UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CELL_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Text written to stdout/stderr for a human: keeps LF and TAB, replaces every other control. */
export function terminalText(text: string): string {
  return text.replace(STREAM_UNSAFE, REPLACEMENT)
}

/** One table cell or one-line value: no control character at all, not even LF or TAB. */
export function terminalCell(text: string): string {
  return text.replace(CELL_UNSAFE, REPLACEMENT)
}
