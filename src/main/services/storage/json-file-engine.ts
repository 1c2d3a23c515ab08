/**
 * The storage engine the transaction cache writes its JSON files through.
 *
 * Settings and caches go through electron-store in main and through `conf` in
 * plain Node (CLI, tests). electron-store extends conf, so both have the same file format and the
 * same atomic write (conf → `atomically`: temp file, fsync, rename). This module only names the
 * minimal surface we use, so the cache never imports either library's concrete class and the
 * Electron shell can inject `(o) => new ElectronStore(jsonFileStoreOptions(o))`.
 */
import Conf from 'conf'

/** One JSON document on disk. Conf and ElectronStore instances satisfy this structurally. */
export interface JsonFileStore {
  /** Absolute path of the file; used to rename (set aside) or delete it. */
  readonly path: string
  /** Reading parses the file ({} when missing); assigning rewrites it atomically. */
  store: Record<string, unknown>
}

export interface JsonFileStoreOptions {
  /** Directory holding the file. */
  cwd: string
  /** File name without extension, e.g. `tx-2026-05`. */
  name: string
}

/**
 * Creates (opens) one JSON file store. Opening reads the file: it MUST throw a `SyntaxError` for
 * invalid JSON (conf does with `clearInvalidConfig: false`), never silently reset it, so the
 * caller can set the file aside instead of losing it.
 */
export type JsonFileStoreFactory = (opts: JsonFileStoreOptions) => JsonFileStore

/**
 * The conf/electron-store options we rely on. Exported so the Electron shell builds its
 * ElectronStore with exactly the same behaviour.
 */
export function jsonFileStoreOptions(opts: JsonFileStoreOptions): {
  cwd: string
  /** electron-store's spelling: its constructor overwrites `configName` with `name` ('config' if absent). */
  name: string
  configName: string
  fileExtension: 'json'
  clearInvalidConfig: false
  accessPropertiesByDotNotation: false
  watch: false
  serialize: (value: Record<string, unknown>) => string
  deserialize: (text: string) => Record<string, unknown>
} {
  const memo = createParseMemo()
  return {
    cwd: opts.cwd,
    name: opts.name,
    configName: opts.name,
    fileExtension: 'json',
    // The cache sets corrupt files aside itself (docs/architecture.md#bad-input-loses-nothing);
    // conf's reset would delete evidence.
    clearInvalidConfig: false,
    // Month keys contain no dots, but rows are opaque blobs: no dot-path interpretation wanted.
    accessPropertiesByDotNotation: false,
    watch: false,
    // No pretty printing: at 200k rows tabs/newlines are a large share of the bytes.
    serialize: memo.serialize,
    deserialize: memo.deserialize
  }
}

/**
 * conf parses the whole file up to three times per operation: in its constructor, in every
 * `store` read, and before every `store` write (to carry over its `__internal__` key). For a
 * 1–2 MB shard that triple parse dominates. This memo returns the previously parsed/serialized
 * object when the file text is byte-identical to what we last read or wrote (a string compare
 * is far cheaper than JSON.parse). Values handed to `store =` must therefore not be mutated
 * afterwards; the cache builds a fresh document for every write.
 */
function createParseMemo(): {
  serialize: (value: Record<string, unknown>) => string
  deserialize: (text: string) => Record<string, unknown>
} {
  let lastText: string | undefined
  let lastValue: Record<string, unknown> | undefined
  return {
    serialize(value) {
      const text = JSON.stringify(value)
      lastText = text
      lastValue = value
      return text
    },
    deserialize(text) {
      if (lastValue !== undefined && text === lastText) return lastValue
      const value = JSON.parse(text) as Record<string, unknown>
      lastText = text
      lastValue = value
      return value
    }
  }
}

/** The default engine for plain Node (CLI, tests): conf, same format as electron-store. */
export function createConfEngine(): JsonFileStoreFactory {
  return (opts) => new Conf<Record<string, unknown>>(jsonFileStoreOptions(opts))
}
