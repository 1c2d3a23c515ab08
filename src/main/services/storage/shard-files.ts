/**
 * Raw file I/O of the transaction cache's month files: one read per file, atomic replacement of
 * base snapshots, durable appends to journals.
 *
 * Shard files are read and written here with plain `fs` instead of through conf/electron-store:
 * conf parses a file up to three times per operation and can only rewrite a whole document,
 * while the journal needs appends (docs/architecture.md#the-transaction-cache).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** The file's bytes, or null when it does not exist. */
export function readBytes(file: string): Buffer | null {
  try {
    return fs.readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * The file's text (UTF-8) and its size in bytes, or null when it does not exist. One read straight
 * into a string: Node decodes a file read with an encoding without an intermediate Buffer, and a
 * pure-ASCII file (as the cache writes them, ascii-json.ts) becomes a one-byte string. The size
 * comes from the open file (`fstat`): measuring the UTF-8 length of a month's text afterwards
 * (`Buffer.byteLength`) walked every character again.
 */
export function readTextSized(file: string): { text: string; bytes: number } | null {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const bytes = fs.fstatSync(fd).size
    return { text: fs.readFileSync(fd, 'utf8'), bytes }
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Replaces `file` with `content` (a text, or its UTF-8 bytes in pieces): temp file, fsync, rename,
 * fsync of the directory. A kill at any point leaves either the old or the new content, never
 * half a file. The temp name has the shape `removeStaleTempFiles` cleans up
 * (`<name>.tmp-<10 digits><6 hex>`). Returns the bytes written.
 */
export function writeFileAtomic(file: string, content: string | Iterable<Uint8Array>): number {
  const stamp = String(Date.now() % 1e10).padStart(10, '0') + randomBytes(3).toString('hex')
  const temp = `${file}.tmp-${stamp}`
  const fd = fs.openSync(temp, 'wx')
  let bytes = 0
  try {
    for (const piece of typeof content === 'string' ? [Buffer.from(content, 'utf8')] : content) bytes += writeAll(fd, piece)
    fs.fsyncSync(fd)
  } catch (error) {
    fs.closeSync(fd)
    fs.rmSync(temp, { force: true })
    throw error
  }
  fs.closeSync(fd)
  fs.renameSync(temp, file)
  syncDir(path.dirname(file))
  return bytes
}

/** Writes all of `bytes` (a write may be short, e.g. close to a full disk: it then throws on the next). */
function writeAll(fd: number, bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at)
  return bytes.length
}

/**
 * Appends `text` with one write and waits for it to reach the disk (fdatasync), so a batch the
 * caller was told is stored survives a crash. A kill mid-append can leave a torn last line,
 * which the reader truncates (transaction-journal.ts).
 */
export function appendDurable(file: string, text: string): number {
  const bytes = Buffer.from(text, 'utf8')
  const fd = fs.openSync(file, 'a')
  try {
    fs.writeSync(fd, bytes)
    fs.fdatasyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  return bytes.length
}

export function truncateFile(file: string, bytes: number): void {
  fs.truncateSync(file, bytes)
}

/** Makes a rename durable. Windows cannot open a directory: there the rename is all we get. */
function syncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // Not supported on this platform/file system; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
