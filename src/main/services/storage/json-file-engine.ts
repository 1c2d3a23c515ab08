/**
 * The engine the small JSON documents (settings, review ticks, payouts, the cache's meta) are
 * read and written through, in Electron, the CLI and tests alike.
 *
 * It does what we used conf/electron-store for, and nothing else: read a whole JSON document,
 * replace it atomically (shard-files.ts: temp file, fsync, rename). The file format is theirs —
 * plain `JSON.stringify` text in `<cwd>/<name>.json` — so data folders written by earlier
 * versions open unchanged. Those libraries came with a JSON-schema validator (ajv), semver,
 * dot-path access, watching and encryption, none of which we use; loading and initialising them
 * was a large share of every CLI command's start-up (docs/architecture.md#cli-start-up).
 */
import fs from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from './shard-files'

/** One JSON document on disk. */
export interface JsonFileStore {
  /** Absolute path of the file; used to rename (set aside) or delete it. */
  readonly path: string
  /** Reading parses the file ({} when missing); assigning rewrites it atomically. */
  store: Record<string, unknown>
}

export interface JsonFileStoreOptions {
  /** Directory holding the file. */
  cwd: string
  /** File name without extension, e.g. `settings`. */
  name: string
}

/**
 * Creates (opens) one JSON file store. Opening reads the file: it MUST throw a `SyntaxError` for
 * invalid JSON, never silently reset it, so the caller can set the file aside instead of losing
 * it.
 */
export type JsonFileStoreFactory = (opts: JsonFileStoreOptions) => JsonFileStore

/**
 * The default engine. Every read of `store` reads the file again — the app and the CLI may both
 * have the data folder open — but parses it only when its text changed since this store last
 * read or wrote it (a string compare is far cheaper than JSON.parse). Values handed to
 * `store =` must therefore not be mutated afterwards; callers build a fresh document per write.
 */
export function createJsonFileEngine(): JsonFileStoreFactory {
  return (opts) => openJsonFileStore(opts)
}

/** The former name of the default engine (it was conf); same behaviour as createJsonFileEngine. */
export const createConfEngine = createJsonFileEngine

function openJsonFileStore(opts: JsonFileStoreOptions): JsonFileStore {
  const file = path.resolve(opts.cwd, `${opts.name}.json`)
  let lastText: string | undefined
  let lastValue: Record<string, unknown> | undefined

  function read(): Record<string, unknown> {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      // As conf did: a missing file reads as {} and its folder is created, so a first write
      // (and anything else that expects the folder, such as a cache dir) finds it.
      fs.mkdirSync(path.dirname(file), { recursive: true })
      return Object.create(null) as Record<string, unknown>
    }
    if (lastValue === undefined || text !== lastText) {
      // A SyntaxError leaves the memo alone and reaches the caller (set aside, never reset).
      lastValue = JSON.parse(text) as Record<string, unknown>
      lastText = text
    }
    // A shallow copy without a prototype, as conf returned: a caller may add or delete keys on
    // what it read without touching the memo, and a key named like an Object method stays data.
    return Object.assign(Object.create(null) as Record<string, unknown>, lastValue)
  }

  // Opening reads (and so validates) the file once, as conf's constructor did.
  read()
  return {
    path: file,
    get store() {
      return read()
    },
    set store(value: Record<string, unknown>) {
      const text = JSON.stringify(value)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      writeFileAtomic(file, text)
      lastText = text
      lastValue = value
    }
  }
}
