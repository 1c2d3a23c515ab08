/**
 * Durable storage of the refund ledger: `<dataDir>/<env>/refund-ledger.jsonl`
 * (docs/architecture.md#a-refund-is-never-sent-twice-by-accident).
 *
 * JSON Lines, append-only: a header line `{"schema":"secpaid-desk/refund-ledger","version":1}`
 * then one event per line. Appending one line (plus fsync) is cheap and crash-friendly: a crash
 * can at worst leave a torn last line, which readers skip and writers terminate with '\n'
 * before the next event. The file is never rewritten, truncated or wiped by this module.
 *
 * `append` returns only after fsync, so the refund service can journal a request durably
 * BEFORE sending it. Event types are defined by the refund service on top of `LedgerEvent`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { type IsProcessAlive, DEFAULT_LOCK_WAIT_MS, acquireLedgerLock, defaultIsProcessAlive, releaseLedgerLock } from './refund-ledger-lock'

export { LedgerLockedError, DEFAULT_LOCK_WAIT_MS } from './refund-ledger-lock'

export const LEDGER_SCHEMA = 'secpaid-desk/refund-ledger'
export const LEDGER_VERSION = 1
const HEADER_LINE = JSON.stringify({ schema: LEDGER_SCHEMA, version: LEDGER_VERSION })

export const ledgerEventSchema = z.object({
  v: z.literal(1),
  requestId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  type: z.string().min(1),
  data: z.record(z.string(), z.unknown())
})
export type LedgerEvent = z.infer<typeof ledgerEventSchema>

const headerSchema = z.object({ schema: z.literal(LEDGER_SCHEMA), version: z.number().int() })

export type LedgerNotice =
  | { kind: 'torn_tail'; line: number; bytes: number }
  | { kind: 'corrupt_line'; line: number; detail: string }
  | { kind: 'unsupported_version'; version: number }
  | { kind: 'invalid_header'; detail: string }

/** The file was written by a newer app version: readable as far as we understand it, never written. */
export class LedgerVersionError extends Error {
  constructor(readonly version: number) {
    super(`The refund ledger has format version ${version}; this app understands ${LEDGER_VERSION}. Update SecPaid Desk.`)
    this.name = 'LedgerVersionError'
  }
}

/** First line is not a ledger header: refuse to append to something we do not recognise. */
export class LedgerHeaderError extends Error {
  constructor(readonly file: string) {
    super(`${file} does not start with a refund ledger header; not writing to it.`)
    this.name = 'LedgerHeaderError'
  }
}

export interface RefundLedgerStore {
  /** The ledger file (absolute or as given); identifies the ledger across service instances. */
  readonly file: string
  readAll(): { events: LedgerEvent[]; notices: LedgerNotice[]; writable: boolean }
  /** Validates, appends one line, fsyncs; returns only once the event is on disk. */
  append(event: LedgerEvent): void
  /**
   * Runs `fn` holding the cross-process writer lock (for read-check-append sequences). Waits up
   * to `lockWaitMs` for a live holder, then throws LedgerLockedError.
   */
  withWriteLock<T>(fn: () => T): T
  /**
   * A cheap fingerprint of the file (inode, size, mtime; null while it does not exist). The file
   * only ever grows, so any append — by this process or another — changes it: a reader can tell
   * whether it must read the file again without reading it.
   */
  stamp(): string | null
}

export interface OpenRefundLedgerStoreOptions {
  file: string
  /** Injected for tests; defaults to this process. */
  pid?: number
  isProcessAlive?: IsProcessAlive
  /** How long to wait for the writer lock held by a live process (default 3 s). */
  lockWaitMs?: number
}

type HeaderState = { ok: true } | { ok: false; notice: LedgerNotice; error: Error } | { ok: 'missing' }

function checkHeader(file: string, firstLine: string | undefined): HeaderState {
  if (firstLine === undefined || firstLine === '') return { ok: 'missing' }
  let parsed: unknown
  try {
    parsed = JSON.parse(firstLine)
  } catch {
    return { ok: false, notice: { kind: 'invalid_header', detail: 'not JSON' }, error: new LedgerHeaderError(file) }
  }
  const header = headerSchema.safeParse(parsed)
  if (!header.success) {
    return { ok: false, notice: { kind: 'invalid_header', detail: header.error.message }, error: new LedgerHeaderError(file) }
  }
  if (header.data.version !== LEDGER_VERSION) {
    const { version } = header.data
    return { ok: false, notice: { kind: 'unsupported_version', version }, error: new LedgerVersionError(version) }
  }
  return { ok: true }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** Makes a new directory entry durable too (POSIX); a no-op where directories cannot be opened. */
function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

/** Creates the file with its header atomically: a crash leaves no file or a complete header. */
function createWithHeader(file: string, pid: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp-${pid}`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, `${HEADER_LINE}\n`)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  try {
    fs.linkSync(tmp, file) // unlike rename, never replaces an existing ledger
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    fs.rmSync(tmp, { force: true })
  }
  fsyncDir(path.dirname(file))
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off)
}

export function openRefundLedgerStore(opts: OpenRefundLedgerStoreOptions): RefundLedgerStore {
  const { file } = opts
  const pid = opts.pid ?? process.pid
  const isAlive = opts.isProcessAlive ?? defaultIsProcessAlive
  const lockWaitMs = opts.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS
  const lockFile = path.join(path.dirname(file), 'refund-ledger.lock')
  let lockDepth = 0

  function withWriteLock<T>(fn: () => T): T {
    // The lock file lives next to the ledger: on a fresh data dir the folder may not exist yet.
    if (lockDepth === 0) {
      fs.mkdirSync(path.dirname(file), { recursive: true })
      acquireLedgerLock(lockFile, pid, isAlive, { waitMs: lockWaitMs })
    }
    lockDepth++
    try {
      return fn()
    } finally {
      lockDepth--
      if (lockDepth === 0) releaseLedgerLock(lockFile, pid)
    }
  }

  function appendLocked(event: LedgerEvent): void {
    if (!fs.existsSync(file)) createWithHeader(file, pid)
    const fd = fs.openSync(file, 'a+')
    try {
      const size = fs.fstatSync(fd).size
      let prefix = ''
      if (size === 0) {
        prefix = `${HEADER_LINE}\n` // an empty file (created outside this module) gets its header
      } else {
        const head = Buffer.alloc(Math.min(size, 4096))
        fs.readSync(fd, head, 0, head.length, 0)
        const firstLine = head.toString('utf8').split('\n', 1)[0]
        const header = checkHeader(file, firstLine)
        if (header.ok !== true) throw header.ok === false ? header.error : new LedgerHeaderError(file)
        const last = Buffer.alloc(1)
        fs.readSync(fd, last, 0, 1, size - 1)
        // A torn last line (killed mid-append) must not swallow this event: end it first.
        if (last[0] !== 0x0a) prefix = '\n'
      }
      writeAll(fd, Buffer.from(`${prefix}${JSON.stringify(event)}\n`, 'utf8'))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  }

  return {
    file,
    withWriteLock,

    stamp() {
      try {
        const st = fs.statSync(file)
        return `${st.ino}:${st.size}:${st.mtimeMs}`
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },

    append(event) {
      const valid = ledgerEventSchema.parse(event)
      withWriteLock(() => appendLocked(valid))
    },

    readAll() {
      const text = readText(file)
      if (text === null) return { events: [], notices: [], writable: true }
      const lines = text.split('\n')
      // With a trailing '\n' the last element is ''; otherwise it is a possibly torn line.
      const tail = lines.pop() ?? ''
      const notices: LedgerNotice[] = []
      let header = checkHeader(file, lines[0] ?? tail)
      if (header.ok === 'missing' && text !== '') {
        // Content without a header line (e.g. a blank first line): appendLocked refuses it too.
        header = { ok: false, notice: { kind: 'invalid_header', detail: 'no header line' }, error: new LedgerHeaderError(file) }
      }
      if (header.ok === false) notices.push(header.notice)
      const events: LedgerEvent[] = []
      const parseLine = (line: string, lineNo: number, torn: boolean): void => {
        if (line.trim() === '') return
        let json: unknown
        try {
          json = JSON.parse(line)
        } catch {
          notices.push(torn ? { kind: 'torn_tail', line: lineNo, bytes: Buffer.byteLength(line) } : { kind: 'corrupt_line', line: lineNo, detail: 'not JSON' })
          return
        }
        const event = ledgerEventSchema.safeParse(json)
        if (event.success) events.push(event.data)
        else notices.push({ kind: 'corrupt_line', line: lineNo, detail: event.error.message })
      }
      lines.forEach((line, i) => {
        if (i > 0) parseLine(line, i + 1, false)
      })
      // A complete JSON event whose '\n' did not make it to disk still counts.
      if (tail !== '' && lines.length > 0) parseLine(tail, lines.length + 1, true)
      return { events, notices, writable: header.ok !== false }
    }
  }
}
